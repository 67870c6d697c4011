// A failed target, as a line of the --errors file (NDJSON) or as a line on stderr.
#pragma once

#include <boost/system/error_code.hpp>
#include <cstdint>
#include <glue_inventory/error.hpp>
#include <glue_inventory/target.hpp>
#include <string>
#include <string_view>

namespace glue_cli {

struct target_failure {
    glue_inventory::target target;
    boost::system::error_code error;
    glue_inventory::diagnostics diag;
    std::uint64_t pages_done = 0;
};

/// Appends text that may come from a server as one safe line for a terminal or a log: control
/// characters (line breaks, escape sequences) and U+2028/U+2029 (line ends to Unicode-aware
/// readers) become spaces.
void append_one_line(std::string_view text, std::string& out);

/// The failure's ErrorCode: the AWS error code when the service sent one
/// ("EntityNotFoundException"), else the client's reason in the same style ("ConnectionFailed",
/// "Timeout", "InvalidResponse", ...).
std::string error_code_name(const target_failure& f);

/// {"AccountId":..,"Region":..,"CatalogId":..,"ErrorCode":..,"Message":..,"HttpStatus":N,
///  "RequestId":..,"Attempts":N,"PagesDone":N}\n. HttpStatus is 0 when no answer came;
/// RequestId is "" when the server sent none.
void write_failure_ndjson(const target_failure& f, std::string& out);

/// "glue-inventory: failed: account 111122223333 region us-east-1 catalog X:
///  EntityNotFoundException: <message> (HTTP 400, request id R, 1 attempt, 0 pages)\n".
void write_failure_text(const target_failure& f, std::string& out);

} // namespace glue_cli
