// RFC 9110 section 5.6.2: the bytes of a token (tchar), as a table: header names are checked
// for every request written (request_text) and every answer head read (plain_head).
#pragma once

#include <array>
#include <string_view>

namespace glue_inventory::http {

inline constexpr std::array<bool, 256> token_chars = [] {
    std::array<bool, 256> t{};
    for (std::size_t c = '0'; c <= '9'; ++c) {
        t[c] = true;
    }
    for (std::size_t c = 'a'; c <= 'z'; ++c) {
        t[c] = true;
        t[c - 'a' + 'A'] = true;
    }
    for (const char c : std::string_view("!#$%&'*+-.^_`|~")) {
        t[static_cast<unsigned char>(c)] = true;
    }
    return t;
}();

} // namespace glue_inventory::http
