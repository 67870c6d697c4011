// Glue Connections as JSON with the API's member names and nesting: the GetConnections
// response body, and the members of one Connection. Used by the NDJSON record writer (ISO 8601
// timestamps) and by glue-sim's responses (epoch-seconds timestamps, as AWS sends them). (Not
// to be confused with http/connection, a TCP/TLS connection.)
#pragma once

#include "protocol/json_string.hpp"    // write_json_string, which most users of this need too
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
