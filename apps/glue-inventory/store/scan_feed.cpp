#include "store/scan_feed.hpp"

#include <glue_inventory/records.hpp> // ndjson_record_writer

namespace glue_cli::store {

void feed_page(store_writer& writer, const glue_inventory::target& t,
               const std::vector<glue_inventory::connection>& connections) {
    if (writer.failed()) {
        return; // the store stopped: the scan goes on without it
    }
    const glue_inventory::record_context ctx{t.account_id, t.region, t.catalog()};
    glue_inventory::ndjson_record_writer records; // the page's prefix escaped once
    for (const auto& c : connections) {
        record_row row;
        row.account_id = t.account_id;
        row.region = t.region;
        row.catalog_id = t.catalog();
        row.name = c.name.value_or("");
        records.write(ctx, c, row.record);
        if (!row.record.empty() && row.record.back() == '\n') {
            row.record.pop_back();
        }
        writer.add_record(std::move(row));
    }
}

void feed_target(store_writer& writer, const glue_inventory::target& t, bool complete,
                 const std::string& error_code, const std::string& message) {
    target_outcome o;
    o.account_id = t.account_id;
    o.region = t.region;
    o.catalog_id = t.catalog();
    o.complete = complete;
    if (!complete) {
        o.error_code = error_code;
        o.message = message;
    }
    writer.add_target(std::move(o));
}

} // namespace glue_cli::store
