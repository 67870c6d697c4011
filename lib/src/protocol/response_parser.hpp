// GetConnections responses, parsed with simdjson On-Demand into owned values.
#pragma once

#include <cstddef>
#include <glue_inventory/model.hpp>
#include <memory>
#include <string>
#include <string_view>

namespace glue_inventory::protocol {

/// Why a body was rejected; `where` names the member path ("ConnectionList[3].CreationTime").
struct parse_error {
    std::string what;
    std::string where;
};

/// The parser keeps simdjson's buffers between pages: one per thread (or per strand), reused.
/// Not thread-safe.
class response_parser {
public:
    response_parser();
    ~response_parser();
    response_parser(response_parser&&) noexcept;
    response_parser& operator=(response_parser&&) noexcept;

    /// Parses `body` into `page` (cleared first). `body` must be followed by at least
    /// `padding()` readable bytes (simdjson reads ahead); their content does not matter.
    /// Returns false and fills `error` on malformed JSON, wrong types or trailing content;
    /// unknown members are skipped at any depth.
    bool parse_get_connections(std::string_view body, get_connections_page& page,
                               parse_error& error);

    /// The bytes that must be readable past the end of a body (SIMDJSON_PADDING).
    static std::size_t padding() noexcept;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace glue_inventory::protocol
