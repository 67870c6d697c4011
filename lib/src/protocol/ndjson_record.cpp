#include "protocol/ndjson_record.hpp"

#include "protocol/connection_json.hpp"
#include "protocol/json_text.hpp"

namespace glue_inventory::protocol {

namespace {

void write_prefix(const record_context& ctx, std::string& out) {
    out += '{';
    write_json_key("AccountId", out);
    write_json_string(ctx.account_id, out);
    out += ',';
    write_json_key("Region", out);
    write_json_string(ctx.region, out);
    out += ',';
    write_json_key("CatalogId", out);
    write_json_string(ctx.catalog_id, out);
}

} // namespace

void write_ndjson_record(std::string_view prefix, const connection& c, std::string& out) {
    json_out o{out, json_out::record_chunk};
    o.need(prefix.size() + 1);
    o.put(prefix.data(), prefix.size());
    // The comma goes in before the members; take it back when the connection had none.
    o.put(',');
    if (!write_connection_members(c, timestamp_style::iso8601, o)) {
        o.unput();
    }
    o.need(2);
    o.put_literal("}\n");
}

void write_ndjson_record(const record_context& ctx, const connection& c, std::string& out) {
    std::string prefix;
    write_prefix(ctx, prefix);
    write_ndjson_record(prefix, c, out);
}

std::string_view record_prefix::of(const record_context& ctx) {
    if (text_.empty() || ctx.account_id != account_id_ || ctx.region != region_ ||
        ctx.catalog_id != catalog_id_) {
        account_id_.assign(ctx.account_id);
        region_.assign(ctx.region);
        catalog_id_.assign(ctx.catalog_id);
        text_.clear();
        write_prefix(ctx, text_);
    }
    return text_;
}

} // namespace glue_inventory::protocol
