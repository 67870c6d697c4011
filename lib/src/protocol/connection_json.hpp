// A Glue Connection's members as JSON, with the API's member names and nesting. Used by the
// NDJSON record writer (ISO 8601 timestamps) and by glue-sim's responses (epoch-seconds
// timestamps, as AWS sends them). Whole response pages are written by protocol/response_pages,
// which only glue-sim's tests, the fuzzers and the benchmarks use. (Not to be confused with
// http/connection, a TCP/TLS connection.)
#pragma once

#include "protocol/json_out.hpp"
#include "protocol/json_string.hpp"    // write_json_string, which most users of this need too
#include "protocol/timestamp_text.hpp" // write_iso8601, write_epoch_seconds

#include <glue_inventory/model.hpp>
#include <string>
#include <string_view>

namespace glue_inventory::protocol {

enum class timestamp_style {
    iso8601,       // "2024-05-01T12:34:56.789Z"
    epoch_seconds, // 1714566896.789 (what the JSON 1.1 protocol sends)
};

/// Appends the members of `c` that are present, as `"Name":value` pairs separated by commas,
/// in the API's member order, without the surrounding braces (so a caller can put its own
/// members first). Property maps keep their order. Returns whether anything was written.
bool write_connection_members(const connection& c, timestamp_style style, std::string& out);

/// The same, through a json_out (the NDJSON record writer).
bool write_connection_members(const connection& c, timestamp_style style, json_out& out);

} // namespace glue_inventory::protocol
