// The bytes of an HTTP/1.1 request, written in one piece so that a request goes out in one TLS
// record and one send. Pure: no I/O.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace glue_inventory::http {

struct header_field {
    std::string_view name;
    std::string_view value;
};

/// Appends to `out` the request line, `fields`, Content-Length and `body`. Returns false, and
/// appends nothing, when the method, the target, a field name or a value holds a byte HTTP does
/// not allow there (a CR or LF in a value would let it end the header and start another: a
/// session token or a user-agent suffix from outside must not be able to do that).
bool write_request(std::string_view method, std::string_view target,
                   std::span<const header_field> fields, std::string_view body, std::string& out);

} // namespace glue_inventory::http
