// The NDJSON record of the CLI contract (docs/DESIGN.md): one line per connection.
#pragma once

#include <glue_inventory/model.hpp>
#include <glue_inventory/records.hpp> // record_context
#include <string>
#include <string_view>

namespace glue_inventory::protocol {

/// Where a connection came from (public: glue_inventory/records.hpp).
using glue_inventory::record_context;

/// Appends {"AccountId":..,"Region":..,"CatalogId":..,<members>}\n to `out`; timestamps in
/// ISO 8601 UTC with milliseconds; absent members omitted.
void write_ndjson_record(const record_context& ctx, const connection& c, std::string& out);

/// The same record, after a prefix made by record_prefix for its context.
void write_ndjson_record(std::string_view prefix, const connection& c, std::string& out);

/// The start of the records of one context, `{"AccountId":..,"Region":..,"CatalogId":..`, made
/// once and reused while the context stays the same (a page's records all share one).
class record_prefix {
public:
    std::string_view of(const record_context& ctx);

private:
    std::string account_id_, region_, catalog_id_, text_;
};

} // namespace glue_inventory::protocol
