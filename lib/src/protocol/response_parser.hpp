// GetConnections and ListAccounts responses, parsed with simdjson On-Demand into owned values.
#pragma once

#include "protocol/organizations.hpp"

#include <cstddef>
#include <glue_inventory/model.hpp>
#include <glue_inventory/records.hpp> // ndjson_record
#include <memory>
#include <string>
#include <string_view>

namespace glue_inventory::protocol {

/// Why a body was rejected. `what` says what was wrong (never a value from the body, so no
/// secret can leak through it); `where` names the member path
/// ("ConnectionList[3].CreationTime", "ConnectionList[0].ConnectionProperties.PORT"), empty
/// when the body as a whole was wrong.
struct parse_error {
    std::string what;
    std::string where;
};

/// One line of the CLI's NDJSON record (ndjson_record.hpp) read back: where the connection came
/// from, and the connection (public: glue_inventory/records.hpp).
using glue_inventory::ndjson_record;

/// The deepest nesting simdjson accepts (simdjson::DEFAULT_MAX_DEPTH). Our own shapes are at
/// most 6 levels deep; unknown members deeper than ours are skipped without recursion.
inline constexpr std::size_t max_nesting_depth = 1024;

/// The parser keeps simdjson's buffers between pages: one per thread (or per strand), reused.
/// Not thread-safe. The body size limit is the caller's (http_options::max_body_bytes):
/// the parser's buffers grow to the largest body it has seen.
///
/// What is accepted: a JSON object; members in any order; unknown members skipped at any depth;
/// a member that is null is treated as absent; timestamps as JSON numbers of seconds in any
/// notation, converted exactly (parse_epoch_seconds). What is rejected, with a parse_error:
/// malformed JSON, invalid UTF-8 anywhere in the body, a member of the wrong type, a timestamp
/// outside 0001..9999, a null inside a list or map, and anything after the root object.
/// The value of a skipped unknown member is checked for UTF-8 and bracket structure only, not
/// for the spelling of its atoms (On-Demand never looks at what it skips).
class response_parser {
public:
    response_parser();
    ~response_parser();
    response_parser(response_parser&&) noexcept;
    response_parser& operator=(response_parser&&) noexcept;

    /// Parses `body` into `page` (cleared first). `body` must be followed by at least
    /// `padding()` readable bytes (simdjson reads ahead); their content does not matter.
    /// Returns false and fills `error` when the body is rejected; `page` is then unspecified.
    bool parse_get_connections(std::string_view body, get_connections_page& page,
                               parse_error& error);

    /// Parses one line of `glue-inventory scan`'s NDJSON output (without its newline, followed by
    /// `padding()` readable bytes): the same rules as a response's Connection, except that
    /// timestamps are ISO 8601 strings, as the record writes them. AccountId and Region are
    /// required.
    bool parse_ndjson_record(std::string_view line, ndjson_record& record, parse_error& error);

    /// Parses an Organizations ListAccounts body, with the same rules and padding.
    bool parse_list_accounts(std::string_view body, list_accounts_page& page, parse_error& error);

    /// The bytes that must be readable past the end of a body (SIMDJSON_PADDING).
    static std::size_t padding() noexcept;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace glue_inventory::protocol
