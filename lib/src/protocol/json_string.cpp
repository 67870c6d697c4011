#include "protocol/json_string.hpp"

#include "protocol/json_string_scan.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <simdjson.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace glue_inventory::protocol {
namespace {

constexpr std::string_view replacement_character = "\xEF\xBF\xBD"; // U+FFFD in UTF-8

// U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR are E2 80 A8 and E2 80 A9 in UTF-8.
// JSON allows them raw, but Unicode-aware line splitters (Python's str.splitlines, some log
// shippers) end a line there and JavaScript before ES2019 rejects them in string literals, so
// they are written as \u2028 and \u2029, as Go's encoding/json does. Every other character
// starting with E2 (U+2000..U+2FFF: dashes, quotes, arrows) passes unchanged.
constexpr unsigned char separator_lead = 0xE2;

// Whether s[i] starts U+2028 or U+2029 (the caller knows s[i] is separator_lead).
bool is_line_separator(std::string_view s, std::size_t i) {
    return s.size() - i >= 3 && static_cast<unsigned char>(s[i + 1]) == 0x80U &&
           (static_cast<unsigned char>(s[i + 2]) & 0xFEU) == 0xA8U;
}

// Appends the escape of the separator whose last byte is `last` (A8 or A9).
void write_separator_escape(unsigned char last, json_out& out) {
    out += last == 0xA8U ? "\\u2028" : "\\u2029";
}

// Appends the escape of an ASCII byte JSON must escape: '"' and '\\' after a backslash, a
// control character as \u00XX.
void write_ascii_escape(unsigned char c, json_out& out) {
    static constexpr char hex[] = "0123456789abcdef";
    if (c == '"' || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
    } else {
        out += "\\u00";
        out += hex[c >> 4U];
        out += hex[c & 0xFU];
    }
}

bool is_continuation(unsigned char c) {
    return (c & 0xC0U) == 0x80U;
}

// The length of the well-formed UTF-8 sequence at s[i] (RFC 3629, table 3-7 of the Unicode
// standard), or 0 when the bytes there are not one.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const std::size_t left = s.size() - i;
    const unsigned char b0 = byte(0);
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        return left >= 2 && is_continuation(byte(1)) ? 2 : 0;
    }
    if (b0 >= 0xE0 && b0 <= 0xEF) {
        if (left < 3 || !is_continuation(byte(1)) || !is_continuation(byte(2))) {
            return 0;
        }
        if (b0 == 0xE0 && byte(1) < 0xA0) {
            return 0; // overlong
        }
        if (b0 == 0xED && byte(1) >= 0xA0) {
            return 0; // a UTF-16 surrogate
        }
        return 3;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
        if (left < 4 || !is_continuation(byte(1)) || !is_continuation(byte(2)) ||
            !is_continuation(byte(3))) {
            return 0;
        }
        if (b0 == 0xF0 && byte(1) < 0x90) {
            return 0; // overlong
        }
        if (b0 == 0xF4 && byte(1) >= 0x90) {
            return 0; // above U+10FFFF
        }
        return 4;
    }
    return 0;
}

using json_string_detail::load_word;
using json_string_detail::needs_attention;
using json_string_detail::ones;
using json_string_detail::word;
using json_string_detail::word_needs_attention;
using json_string_detail::word_size;
using json_string_detail::zero_bytes;

constexpr word high_bits = json_string_detail::high_bits;

bool is_ascii_special(unsigned char c) {
    return c < 0x20 || c == '"' || c == '\\';
}

using json_string_scan::separator_overhang;

// Whether any of the eight bytes at p needs a look in text already known to be valid UTF-8: an
// ASCII byte JSON must escape (< 0x20, '"', '\\') or the start of U+2028/U+2029 (E2 80 A8/A9,
// tested with the two words that start one and two bytes later). Every other byte >= 0x80 is
// copied as it is: an em dash (E2 80 94) costs nothing. Reads p[0, word_size + 2).
bool word_has_special(const char* p) {
    const word w = load_word(p);
    const word below_space = (w - ones * 0x20U) & ~w;
    const word quote = zero_bytes(w ^ (ones * static_cast<unsigned char>('"')));
    const word backslash = zero_bytes(w ^ (ones * static_cast<unsigned char>('\\')));
    // zero_bytes can flag a byte above a real match, never miss one: a false alarm only costs
    // the byte-by-byte look that finds nothing.
    const word lead = zero_bytes(w ^ (ones * separator_lead));
    const word second = zero_bytes(load_word(p + 1) ^ (ones * 0x80U));
    const word third = zero_bytes((load_word(p + 2) | ones) ^ (ones * 0xA9U)); // A8 or A9
    return ((below_space | quote | backslash | (lead & second & third)) & high_bits) != 0;
}

// The length of the longest prefix of s that JSON takes as it is: printable ASCII other than
// '"' and '\\'. Most strings are all prefix, and are then appended whole. Every byte >= 0x80
// ends the prefix, separator_lead (U+2028/U+2029) included: the paths after it look at those.
std::size_t plain_prefix(std::string_view s) {
    std::size_t i = 0;
#if defined(__SSE2__) // every x86-64: 32 bytes a step, sixteen at a time
    using json_string_detail::attention;
    const std::size_t n = s.size();
    const auto load = [&](std::size_t at) {
        return _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + at));
    };
    if (n >= 16) {
        for (; n - i >= 32; i += 32) {
            const __m128i low = attention(load(i));
            const __m128i high = attention(load(i + 16));
            if (_mm_movemask_epi8(_mm_or_si128(low, high)) != 0) {
                const auto mask = static_cast<unsigned>(_mm_movemask_epi8(low)) |
                                  (static_cast<unsigned>(_mm_movemask_epi8(high)) << 16U);
                return i + static_cast<std::size_t>(__builtin_ctz(mask));
            }
        }
        if (n - i >= 16) {
            const auto mask = static_cast<unsigned>(_mm_movemask_epi8(attention(load(i))));
            if (mask != 0) {
                return i + static_cast<std::size_t>(__builtin_ctz(mask));
            }
            i += 16;
        }
        if (i == n) {
            return n;
        }
        // The last sixteen bytes, overlapping bytes already found clean (their bits are 0).
        const auto mask = static_cast<unsigned>(_mm_movemask_epi8(attention(load(n - 16))));
        return mask == 0 ? n : n - 16 + static_cast<std::size_t>(__builtin_ctz(mask));
    }
#endif
    while (s.size() - i >= word_size && !word_needs_attention(load_word(s.data() + i))) {
        i += word_size;
    }
    while (i < s.size() && !needs_attention(static_cast<unsigned char>(s[i]))) {
        ++i;
    }
    return i;
}

// One step of write_json_string at s[i]: a clean byte or a well-formed UTF-8 sequence joins
// the current run [run_begin, i); anything else ends the run (appended to out) and is written
// escaped or replaced. Advances i past what it consumed.
void write_byte(std::string_view s, std::size_t& i, std::size_t& run_begin, json_out& out) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (!needs_attention(c)) {
        ++i;
        return;
    }
    if (c >= 0x80) {
        const std::size_t length = utf8_sequence_length(s, i);
        if (length != 0 && !(c == separator_lead && is_line_separator(s, i))) {
            i += length;
            return;
        }
        if (length != 0) {
            out.append(s.data() + run_begin, i - run_begin);
            write_separator_escape(static_cast<unsigned char>(s[i + 2]), out);
            i += length;
            run_begin = i;
            return;
        }
    }
    out.append(s.data() + run_begin, i - run_begin);
    if (is_ascii_special(c)) {
        write_ascii_escape(c, out);
    } else {
        out += replacement_character;
    }
    ++i;
    run_begin = i;
}

} // namespace

namespace {

bool has_non_ascii(std::string_view s) {
    word any = 0;
    std::size_t i = 0;
    for (; s.size() - i >= word_size; i += word_size) {
        any |= load_word(s.data() + i);
    }
    for (; i < s.size(); ++i) {
        any |= static_cast<unsigned char>(s[i]);
    }
    return (any & high_bits) != 0;
}

// write_json_string for text that is valid UTF-8: only ASCII specials and U+2028/U+2029 are
// escaped; clean blocks (other multi-byte characters included) join the run that is appended
// whole.
void write_valid_utf8_string(std::string_view s, json_out& out) {
    std::size_t run_begin = 0;
    // Escapes what is at s[i] if it needs it: an ASCII special, or U+2028/U+2029 (valid UTF-8:
    // a lead byte is followed by its two continuation bytes, which may lie in the next block,
    // where they need nothing).
    auto escape = [&](std::size_t i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == separator_lead) {
            if (is_line_separator(s, i)) {
                out.append(s.data() + run_begin, i - run_begin);
                write_separator_escape(static_cast<unsigned char>(s[i + 2]), out);
                run_begin = i + 3;
            }
            return;
        }
        if (!is_ascii_special(c)) {
            return;
        }
        out.append(s.data() + run_begin, i - run_begin);
        write_ascii_escape(c, out);
        run_begin = i + 1;
    };
    std::size_t i = 0;
    // 32 bytes a step (AVX2 or SSE2): the mask says which bytes may need escaping.
    if (const json_string_scan::scan_function scan = json_string_scan::best_scan();
        scan != nullptr) {
        for (;;) {
            const json_string_scan::found found = scan(s, i);
            for (std::uint32_t mask = found.mask; mask != 0; mask &= mask - 1) {
                escape(found.start + static_cast<std::size_t>(__builtin_ctz(mask)));
            }
            i = found.end;
            if (found.mask == 0) {
                break;
            }
        }
    }
    for (; s.size() - i >= word_size + separator_overhang; i += word_size) {
        if (word_has_special(s.data() + i)) {
            for (std::size_t k = i; k < i + word_size; ++k) {
                escape(k);
            }
        }
    }
    for (; i < s.size(); ++i) {
        escape(i);
    }
    out.append(s.data() + run_begin, s.size() - run_begin);
}

// The general case of write_json_string, without the quotes: every byte looked at, escaped or
// replaced as it needs.
void write_escaped(std::string_view s, json_out& out) {
    std::size_t run_begin = 0; // bytes [run_begin, i) are copied as they are
    std::size_t i = 0;
    while (i < s.size()) {
        // Clean words stay in the current run, which is appended whole when it ends.
        while (s.size() - i >= word_size && !word_needs_attention(load_word(s.data() + i))) {
            i += word_size;
        }
        // A tail shorter than a word is tested as the string's last word, which overlaps bytes
        // already tested: reading past the end is not allowed.
        if (s.size() - i < word_size && s.size() >= word_size &&
            !word_needs_attention(load_word(s.data() + s.size() - word_size))) {
            break;
        }
        // Byte by byte to the end of the word that needs attention (or of a short tail). A
        // UTF-8 sequence may carry i past word_end: the next word starts where it ended.
        const std::size_t word_end = i + std::min(word_size, s.size() - i);
        while (i < word_end) {
            write_byte(s, i, run_begin, out);
        }
    }
    out.append(s.data() + run_begin, s.size() - run_begin); // the run reaches the end of s
}

} // namespace

void write_json_string_general(std::string_view s, json_out& out) {
    const std::size_t plain = plain_prefix(s);
    out.need(plain + 2);
    out.put('"');
    out.put(s.data(), plain);
    const std::string_view rest = s.substr(plain);
    if (!rest.empty()) {
        // Text with multi-byte characters was, most of the time, parsed by simdjson, so it is
        // valid UTF-8, and simdjson checks that at several GB/s: then those characters need
        // no byte-by-byte look at all. (The plain prefix is ASCII: the rest decides validity.)
        // The prefix ends at a special ASCII byte or at the first byte >= 0x80: in the second
        // case there is no need to look for one.
        const bool non_ascii =
            static_cast<unsigned char>(rest.front()) >= 0x80 || has_non_ascii(rest.substr(1));
        if (non_ascii && simdjson::validate_utf8(rest.data(), rest.size())) {
            write_valid_utf8_string(rest, out);
        } else {
            write_escaped(rest, out);
        }
    }
    out += '"';
}

void write_json_string(std::string_view s, std::string& out) {
    json_out o{out};
    write_json_string(s, o);
}

} // namespace glue_inventory::protocol
