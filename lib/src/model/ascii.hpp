// ASCII case folding, for protocol text (header names, URL schemes, INI keys): locale-free,
// unlike std::tolower, and leaves every byte >= 0x80 alone.
#pragma once

#include <string>
#include <string_view>

namespace glue_inventory {

constexpr char ascii_lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = ascii_lower(c);
    }
    return out;
}

} // namespace glue_inventory
