#include "protocol/ndjson_record.hpp"

#include "protocol/connection_writer.hpp"
#include "protocol/json_text.hpp"

namespace glue_inventory::protocol {

void write_ndjson_record(const record_context& ctx, const connection& c, std::string& out) {
    out += '{';
    write_json_key("AccountId", out);
    write_json_string(ctx.account_id, out);
    out += ',';
    write_json_key("Region", out);
    write_json_string(ctx.region, out);
    out += ',';
    write_json_key("CatalogId", out);
    write_json_string(ctx.catalog_id, out);
    // The comma goes in before the members; take it back when the connection had none.
    out += ',';
    if (!write_connection_members(c, timestamp_style::iso8601, out)) {
        out.pop_back();
    }
    out += "}\n";
}

} // namespace glue_inventory::protocol
