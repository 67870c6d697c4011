// Property keys and boolean strings as the Glue API documents them: keys compared without regard
// to case (users write `password` as well as PASSWORD), booleans "case-insensitive Boolean
// strings" with the surrounding blanks that consoles and templates leave in.
#pragma once

#include "model/ascii.hpp"

#include <glue_inventory/model.hpp>
#include <string_view>

namespace glue_inventory::audit::detail {

/// An ASCII blank: space, tab, CR, LF, FF, VT.
constexpr bool is_ascii_blank(char c) noexcept {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/// `s` without leading and trailing ASCII blanks. A hand loop: std::string_view's
/// find_first_not_of calls memchr once per character, and trim runs on every property value.
constexpr std::string_view trim(std::string_view s) noexcept {
    std::size_t first = 0;
    std::size_t last = s.size();
    while (first < last && is_ascii_blank(s[first])) {
        ++first;
    }
    while (last > first && is_ascii_blank(s[last - 1])) {
        --last;
    }
    return s.substr(first, last - first);
}

/// The first position in `s` (from `from`) of any character of `set`, or npos. A hand loop:
/// std::string_view::find_first_of calls memchr on `set` once per character of `s`.
constexpr std::size_t find_any(std::string_view s, std::string_view set,
                               std::size_t from = 0) noexcept {
    for (std::size_t i = from; i < s.size(); ++i) {
        for (char c : set) {
            if (s[i] == c) {
                return i;
            }
        }
    }
    return std::string_view::npos;
}

/// ASCII case-insensitive equality.
constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (ascii_lower(a[i]) != ascii_lower(b[i])) {
            return false;
        }
    }
    return true;
}

/// ASCII case-insensitive prefix test.
constexpr bool istarts_with(std::string_view s, std::string_view prefix) noexcept {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

/// ASCII case-insensitive suffix test.
constexpr bool iends_with(std::string_view s, std::string_view suffix) noexcept {
    return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

/// The position of `needle` in `s`, ignoring ASCII case, or npos.
constexpr std::size_t ifind(std::string_view s, std::string_view needle,
                            std::size_t from = 0) noexcept {
    if (needle.size() > s.size()) {
        return std::string_view::npos;
    }
    for (std::size_t i = from; i + needle.size() <= s.size(); ++i) {
        if (iequals(s.substr(i, needle.size()), needle)) {
            return i;
        }
    }
    return std::string_view::npos;
}

/// "true" in any case, blanks around it ignored.
constexpr bool is_true(std::string_view value) noexcept {
    return iequals(trim(value), "true");
}

/// "false" in any case, blanks around it ignored.
constexpr bool is_false(std::string_view value) noexcept {
    return iequals(trim(value), "false");
}

/// The value of the first entry whose key equals `key` ignoring case, or nullptr.
inline const std::string* find_property_ci(const property_map& map, std::string_view key) {
    for (const auto& [k, v] : map) {
        if (iequals(k, key)) {
            return &v;
        }
    }
    return nullptr;
}

} // namespace glue_inventory::audit::detail
