// How the NDJSON record (records.hpp) writes its values, for writers of other formats that
// must show the same text (the CLI's CSV, findings, diffs): JSON strings, timestamps, and a
// connection's members.
#pragma once

#include <glue_inventory/export.hpp>
#include <glue_inventory/model.hpp>
#include <string>
#include <string_view>

namespace glue_inventory {

/// Appends the members of `c` that are present as `"Name":value` pairs, as the record writes
/// them (ISO 8601 timestamps), without braces. Returns whether anything was written.
GLUE_INVENTORY_API bool write_connection_members(const connection& c, std::string& out);

/// Appends `s` as a JSON string literal (quotes included), as the record writes strings:
/// control characters, U+2028 and U+2029 escaped, so a value never spans two lines; bytes that
/// are not well-formed UTF-8 replaced by U+FFFD, so the output is always valid JSON.
GLUE_INVENTORY_API void write_json_string(std::string_view s, std::string& out);

/// Appends `t` as the record writes timestamps: "2024-05-01T12:34:56.789Z".
GLUE_INVENTORY_API void write_iso8601(timestamp t, std::string& out);

} // namespace glue_inventory
