// Connections as JSON with the API's member names and nesting. Used by the NDJSON record
// writer (ISO 8601 timestamps) and by glue-sim's responses (epoch-seconds timestamps, as AWS
// sends them).
#pragma once

#include "protocol/timestamp_text.hpp" // write_iso8601, write_epoch_seconds

#include <glue_inventory/model.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace glue_inventory::protocol {

enum class timestamp_style {
    iso8601,       // "2024-05-01T12:34:56.789Z"
    epoch_seconds, // 1714566896.789 (what the JSON 1.1 protocol sends)
};

/// Appends `s` as a JSON string literal (quotes included) to `out`.
/// - '"' and '\\' are escaped with a backslash; every control character (U+0000..U+001F) is
///   written as \u00XX, so a record never spans two lines;
/// - valid UTF-8 is passed through unchanged (no \u escapes for non-ASCII text), except
///   U+2028 and U+2029, written \u2028 and \u2029 (as Go's encoding/json does) because
///   Unicode-aware line splitters and JavaScript before ES2019 take them for line ends;
/// - each byte that does not start a well-formed UTF-8 sequence (stray continuation bytes,
///   truncated or overlong sequences, surrogates, code points above U+10FFFF) is replaced by
///   U+FFFD, so the output is always valid UTF-8 and valid JSON.
void write_json_string(std::string_view s, std::string& out);

/// Appends the end of a response page after its list: `]`, then `,"NextToken":...` when there
/// is a token, then the closing `}`. Shared by the GetConnections and ListAccounts writers.
void write_page_end(const std::optional<std::string>& next_token, std::string& out);

/// Appends the members of `c` that are present, as `"Name":value` pairs separated by commas,
/// in the API's member order, without the surrounding braces (so a caller can put its own
/// members first). Property maps keep their order. Returns whether anything was written.
bool write_connection_members(const connection& c, timestamp_style style, std::string& out);

/// Appends a whole GetConnections response body: {"ConnectionList":[...],"NextToken":...}.
/// What glue-sim serves, and what the parser's tests and benchmarks read.
void write_get_connections_response(const get_connections_page& page, timestamp_style style,
                                    std::string& out);

} // namespace glue_inventory::protocol
