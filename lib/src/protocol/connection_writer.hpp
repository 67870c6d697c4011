// Connections as JSON with the API's member names and nesting. Used by the NDJSON record
// writer (ISO 8601 timestamps) and by glue-sim's responses (epoch-seconds timestamps, as AWS
// sends them).
#pragma once

#include <glue_inventory/model.hpp>
#include <string>
#include <string_view>

namespace glue_inventory::protocol {

enum class timestamp_style {
    iso8601,       // "2024-05-01T12:34:56.789Z"
    epoch_seconds, // 1714566896.789 (what the JSON 1.1 protocol sends)
};

/// Appends `s` as a JSON string literal (quotes included) to `out`. Control characters are
/// escaped; valid UTF-8 is passed through; invalid UTF-8 bytes become U+FFFD.
void write_json_string(std::string_view s, std::string& out);

/// Appends "2024-05-01T12:34:56.789Z".
void write_iso8601(timestamp t, std::string& out);

/// Appends the members of `c` that are present, as `"Name":value` pairs separated by commas,
/// without the surrounding braces (so a caller can put its own members first). Returns
/// whether anything was written.
bool write_connection_members(const connection& c, timestamp_style style, std::string& out);

} // namespace glue_inventory::protocol
