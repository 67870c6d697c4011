#include "http/plain_head.hpp"

#include "http/token_chars.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace glue_inventory::http {
namespace {

/// Printable ASCII, space and tab: what this reader takes in a reason or a value (Beast takes
/// obs-text too; such heads are left to it). Eight bytes at a time: a word passes when none of
/// its bytes is below 0x20 or above 0x7e; one that fails (a tab, or a byte to refuse) is checked
/// byte by byte.
bool plain_text(const char* p, const char* end) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    const auto plain_byte = [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c == '\t' || (c >= 0x20 && c <= 0x7e);
    };
    for (; end - p >= 8; p += 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        // A byte below 0x20 (of 0x00-0x7f), or one of 0x7f and above (0x7f + 1 sets the high
        // bit; a byte of 0x80 and above has it).
        const std::uint64_t below_space = (w - ones * 0x20) & ~w & highs;
        const std::uint64_t del_or_high = ((w & ~highs) + ones) | w;
        if (((below_space | del_or_high) & highs) != 0) {
            for (int i = 0; i < 8; ++i) {
                if (!plain_byte(p[i])) {
                    return false;
                }
            }
        }
    }
    for (; p != end; ++p) {
        if (!plain_byte(*p)) {
            return false;
        }
    }
    return true;
}

bool equals_ignoring_case(std::string_view a, std::string_view lower) noexcept {
    if (a.size() != lower.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        char c = a[i];
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
        if (c != lower[i]) {
            return false;
        }
    }
    return true;
}

bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

/// Optional white space (SP, HT) trimmed from both ends, as Beast gives a field's value.
std::string_view trimmed(std::string_view v) noexcept {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) {
        v.remove_prefix(1);
    }
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) {
        v.remove_suffix(1);
    }
    return v;
}

/// Digits that fit in 18 of them (no overflow), as one number.
std::optional<std::uint64_t> decimal(std::string_view v) noexcept {
    if (v.empty() || v.size() > 18) {
        return std::nullopt;
    }
    std::uint64_t n = 0;
    for (const char c : v) {
        if (!is_digit(c)) {
            return std::nullopt;
        }
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return n;
}

struct field_view {
    std::string_view name;
    std::string_view value;
};

} // namespace

std::optional<plain_head> read_plain_head(std::string_view bytes, std::size_t header_limit,
                                          std::uint64_t body_limit, response& res) {
    const char* const begin = bytes.data();
    const char* const last = begin + std::min(bytes.size(), header_limit);
    // The end of the line at `p` (its CR, followed by LF), or null when it is not within the
    // limit or has a lone CR.
    const auto line_end = [last](const char* p) -> const char* {
        const auto* cr =
            static_cast<const char*>(std::memchr(p, '\r', static_cast<std::size_t>(last - p)));
        return cr != nullptr && last - cr >= 2 && cr[1] == '\n' ? cr : nullptr;
    };

    // "HTTP/1.x SSS reason"
    const char* cr = line_end(begin);
    if (cr == nullptr || cr - begin < 13 || std::memcmp(begin, "HTTP/1.", 7) != 0 ||
        (begin[7] != '0' && begin[7] != '1') || begin[8] != ' ' || !is_digit(begin[9]) ||
        !is_digit(begin[10]) || !is_digit(begin[11]) || begin[12] != ' ') {
        return std::nullopt;
    }
    const bool http11 = begin[7] == '1';
    const unsigned status =
        static_cast<unsigned>((begin[9] - '0') * 100 + (begin[10] - '0') * 10 + (begin[11] - '0'));
    if (status < 200 || status > 599 || status == 204 || status == 304 ||
        !plain_text(begin + 13, cr)) {
        return std::nullopt;
    }

    std::array<field_view, plain_head_max_fields> fields;
    std::size_t count = 0;
    std::optional<std::uint64_t> length;
    bool close = false;
    bool keep_alive_token = false;
    const char* p = cr + 2;
    for (;; p = cr + 2) {
        cr = line_end(p);
        if (cr == nullptr) {
            return std::nullopt; // incomplete, over the limit, or a lone CR
        }
        if (cr == p) {
            break; // the empty line
        }
        const char* colon = p;
        while (colon != cr && token_chars[static_cast<unsigned char>(*colon)]) {
            ++colon;
        }
        // A folded line starts with SP or HT: no token.
        if (colon == p || colon == cr || *colon != ':' || count == fields.size() ||
            !plain_text(colon + 1, cr)) {
            return std::nullopt;
        }
        const std::string_view name(p, static_cast<std::size_t>(colon - p));
        const std::string_view value =
            trimmed(std::string_view(colon + 1, static_cast<std::size_t>(cr - colon - 1)));
        if (equals_ignoring_case(name, "content-length")) {
            if (length) {
                return std::nullopt;
            }
            length = decimal(value);
            if (!length) {
                return std::nullopt;
            }
        } else if (equals_ignoring_case(name, "connection")) {
            if (equals_ignoring_case(value, "close")) {
                close = true;
            } else if (equals_ignoring_case(value, "keep-alive")) {
                keep_alive_token = true;
            } else {
                return std::nullopt;
            }
        } else if (equals_ignoring_case(name, "transfer-encoding") ||
                   equals_ignoring_case(name, "upgrade") ||
                   equals_ignoring_case(name, "proxy-connection")) {
            return std::nullopt;
        }
        fields[count++] = {name, value};
    }
    if (!length || *length > body_limit) {
        return std::nullopt;
    }

    res.set_status(status);
    // Beast's keep_alive(): HTTP/1.1 unless "close"; HTTP/1.0 only with "keep-alive".
    res.set_keep_alive(http11 ? !close : keep_alive_token);
    for (std::size_t i = 0; i < count; ++i) {
        res.add_field(fields[i].name, fields[i].value);
    }
    return plain_head{static_cast<std::size_t>(cr + 2 - begin), *length};
}

} // namespace glue_inventory::http
