// --format csv: a stable column set, RFC 4180.
//
// Columns, always all of them, in this order: AccountId, Region, CatalogId, then every
// top-level member of Connection in the API's order (csv_columns, made from the member table
// glue_inventory/connection_members.hpp). A cell is empty when the member is absent. Strings are
// written as they are; timestamps in ISO 8601 UTC with milliseconds; ConnectionSchemaVersion in
// decimal; nested members (lists, maps, structures) as their JSON text, exactly as in the NDJSON
// record. Lines end with CRLF (RFC 4180); a cell that holds a comma, a double quote, CR or LF is
// quoted, with its quotes doubled.
#pragma once

#include <array>
#include <cstddef>
#include <glue_inventory/connection_members.hpp> // the Connection's members, in the API's order
#include <string>
#include <string_view>

namespace glue_cli {

inline constexpr auto csv_columns = [] {
    std::array<std::string_view, 3 + glue_inventory::connection_member_count> columns{
        "AccountId", "Region", "CatalogId"};
    for (std::size_t i = 0; i < glue_inventory::connection_member_count; ++i) {
        columns[3 + i] = glue_inventory::connection_member_names[1 + i];
    }
    return columns;
}();

/// Appends `cell` to `out`, quoted as RFC 4180 requires (only when it must be).
void append_csv_cell(std::string_view cell, std::string& out);

} // namespace glue_cli
