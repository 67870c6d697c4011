#include "http/request_text.hpp"

#include "http/token_chars.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace glue_inventory::http {
namespace {

bool is_token(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return token_chars[static_cast<unsigned char>(c)];
    });
}

bool is_field_value_byte(unsigned char c) {
    return c == '\t' || (c >= 0x20 && c != 0x7f);
}

// RFC 9110 section 5.5: field-value bytes are visible characters, space, tab and obs-text; never
// CR, LF, NUL or another control character. Eight bytes at a time: a session token (hundreds of
// bytes) and the Authorization value are checked for every request. A word passes when none of
// its bytes is below 0x20 or equal to 0x7f; a word that fails (a tab, or a real control
// character) is checked byte by byte.
bool is_field_value(std::string_view s) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        // A byte below 0x20 (of 0x00-0x7f; obs-text bytes have their high bit set and pass), or
        // equal to 0x7f: the classic "has a byte less than n" and "has a zero byte" tricks.
        const std::uint64_t below_space = (w - ones * 0x20) & ~w & highs;
        const std::uint64_t x = w ^ (ones * 0x7f);
        const std::uint64_t is_del = (x - ones) & ~x & highs;
        if ((below_space | is_del) != 0) {
            for (std::size_t j = i; j < i + 8; ++j) {
                if (!is_field_value_byte(static_cast<unsigned char>(s[j]))) {
                    return false;
                }
            }
        }
    }
    for (; i < s.size(); ++i) {
        if (!is_field_value_byte(static_cast<unsigned char>(s[i]))) {
            return false;
        }
    }
    return true;
}

// The request target: visible ASCII only (RFC 9112 section 3.2).
bool is_target(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c > 0x20 && c < 0x7f;
    });
}

} // namespace

bool write_request(std::string_view method, std::string_view target,
                   std::span<const header_field> fields, std::string_view body, std::string& out) {
    if (!is_token(method) || !is_target(target)) {
        return false;
    }
    constexpr std::string_view version = " HTTP/1.1\r\n";
    constexpr std::string_view length_name = "Content-Length: ";
    char digits[24];
    const auto digits_end = std::to_chars(digits, digits + sizeof digits, body.size()).ptr;
    const std::string_view length{digits, static_cast<std::size_t>(digits_end - digits)};
    std::size_t size = method.size() + 1 + target.size() + version.size() + length_name.size() +
                       length.size() + 4 + body.size();
    for (const auto& f : fields) {
        if (!is_token(f.name) || !is_field_value(f.value)) {
            return false;
        }
        size += f.name.size() + f.value.size() + 4;
    }
    // Sized once and copied piece by piece: a request is a dozen short pieces, and appending
    // each checked the capacity and moved the end for every one (callgrind, W5).
    const std::size_t start = out.size();
    out.resize(start + size);
    char* p = out.data() + start;
    const auto put = [&p](std::string_view piece) {
        std::memcpy(p, piece.data(), piece.size());
        p += piece.size();
    };
    put(method);
    *p++ = ' ';
    put(target);
    put(version);
    for (const auto& f : fields) {
        put(f.name);
        *p++ = ':';
        *p++ = ' ';
        put(f.value);
        *p++ = '\r';
        *p++ = '\n';
    }
    put(length_name);
    put(length);
    put("\r\n\r\n");
    put(body);
    return true;
}

} // namespace glue_inventory::http
