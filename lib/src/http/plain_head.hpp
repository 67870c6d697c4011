// A response head of the plain kind, read without Beast's parser: what AWS (and glue-sim)
// answer nearly always, "HTTP/1.1 200 OK", a handful of fields, a Content-Length. Beast's
// basic_parser (response_reader) costs ~3k instructions for such a head (a hash of every field
// name, its token-list rules, a callback per field); this reader is a few hundred. It accepts
// only heads that Beast's parser reads the same way and leaves everything else to it, so that
// no answer is read differently: pure, and checked against Beast in plain_head_test.
#pragma once

#include "http/response.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace glue_inventory::http {

struct plain_head {
    std::size_t size = 0;             // the head's bytes, its empty line included
    std::uint64_t content_length = 0; // the body that follows it
};

/// The most fields a plain head has (more: Beast's parser reads it).
inline constexpr std::size_t plain_head_max_fields = 32;

/// Reads the head at the start of `bytes` into `res` (status, keep-alive, fields in order, as
/// response_reader writes them) when it is complete and plain, and returns its size and the
/// body's length. Returns nothing, with `res` untouched, for an incomplete head and for any
/// head this reader leaves to Beast's parser, which accepts or refuses it: a version other
/// than HTTP/1.0 or 1.1, a status outside 200-599 or one without a body (204, 304), a byte
/// outside printable ASCII and tab in the reason or a value, a field name that is not a
/// token, folded lines, more than plain_head_max_fields fields, no Content-Length, a
/// Content-Length that is not one decimal number or comes twice, Transfer-Encoding, Upgrade,
/// Proxy-Connection, a Connection other than a single "close" or "keep-alive", a head longer
/// than `header_limit`, a body longer than `body_limit`.
std::optional<plain_head> read_plain_head(std::string_view bytes, std::size_t header_limit,
                                          std::uint64_t body_limit, response& res);

} // namespace glue_inventory::http
