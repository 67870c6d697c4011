// --format csv: a stable column set, RFC 4180.
//
// Columns, always all of them, in this order: AccountId, Region, CatalogId, then every
// top-level member of Connection in the API's order (csv_columns). A cell is empty when the
// member is absent. Strings are written as they are; timestamps in ISO 8601 UTC with
// milliseconds; ConnectionSchemaVersion in decimal; nested members (lists, maps, structures)
// as their JSON text, exactly as in the NDJSON record. Lines end with CRLF (RFC 4180); a cell
// that holds a comma, a double quote, CR or LF is quoted, with its quotes doubled.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace glue_cli {

inline constexpr std::array<std::string_view, 21> csv_columns = {
    "AccountId",
    "Region",
    "CatalogId",
    "Name",
    "Description",
    "ConnectionType",
    "MatchCriteria",
    "ConnectionProperties",
    "SparkProperties",
    "AthenaProperties",
    "PythonProperties",
    "PhysicalConnectionRequirements",
    "CreationTime",
    "LastUpdatedTime",
    "LastUpdatedBy",
    "Status",
    "StatusReason",
    "LastConnectionValidationTime",
    "AuthenticationConfiguration",
    "ConnectionSchemaVersion",
    "CompatibleComputeEnvironments",
};

/// Appends `cell` to `out`, quoted as RFC 4180 requires (only when it must be).
void append_csv_cell(std::string_view cell, std::string& out);

} // namespace glue_cli
