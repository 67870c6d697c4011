// JSON string literals, for every JSON writer of the project: escaped as JSON requires, always
// valid UTF-8, never spanning two lines.
#pragma once

#include "protocol/json_out.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace glue_inventory::protocol {

/// Appends `s` as a JSON string literal (quotes included) to `out`.
/// - '"' and '\\' are escaped with a backslash; every control character (U+0000..U+001F) is
///   written as \u00XX, so a record never spans two lines;
/// - valid UTF-8 is passed through unchanged (no \u escapes for non-ASCII text), except
///   U+2028 and U+2029, written \u2028 and \u2029 (as Go's encoding/json does) because
///   Unicode-aware line splitters and JavaScript before ES2019 take them for line ends;
/// - each byte that does not start a well-formed UTF-8 sequence (stray continuation bytes,
///   truncated or overlong sequences, surrogates, code points above U+10FFFF) is replaced by
///   U+FFFD, so the output is always valid UTF-8 and valid JSON.
/// `s` must not point into `out` (growing `out` may move it; so it was before json_out).
void write_json_string(std::string_view s, std::string& out);

/// The same, through a json_out (the record writers).
inline void write_json_string(std::string_view s, json_out& out);

/// write_json_string for any string (what the inline short path below leaves).
void write_json_string_general(std::string_view s, json_out& out);

namespace json_string_detail {

// SWAR ("SIMD within a register"): eight bytes tested at once with plain integer arithmetic.
using word = std::uint64_t;
inline constexpr std::size_t word_size = sizeof(word);
inline constexpr word ones = 0x0101010101010101ULL;      // 0x01 in every byte
inline constexpr word high_bits = 0x8080808080808080ULL; // 0x80 in every byte

// The high bit of a byte is set where that byte of w is zero. Borrows can also set it in bytes
// above a real zero byte, never when there is none: exact for "is there any", which is all we
// ask.
constexpr word zero_bytes(word w) {
    return (w - ones) & ~w & high_bits;
}

// Whether a byte needs more than a copy: a control character, '"', '\\', or any byte >= 0x80
// (the start or middle of a multi-byte character, which the general path looks at).
constexpr bool needs_attention(unsigned char c) {
    return c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
}

// Whether any of the eight bytes of w needs attention (the byte test above, eight at a time).
// Bytes >= 0x80 are caught by their own high bit; for the others, w - 0x20 borrows exactly
// where a byte is below 0x20.
constexpr bool word_needs_attention(word w) {
    const word below_space = (w - ones * 0x20U) & ~w;
    const word quote = zero_bytes(w ^ (ones * static_cast<unsigned char>('"')));
    const word backslash = zero_bytes(w ^ (ones * static_cast<unsigned char>('\\')));
    return ((w | below_space | quote | backslash) & high_bits) != 0;
}

inline word load_word(const char* p) {
    word w = 0;
    std::memcpy(&w, p, word_size); // a plain load; memcpy because p need not be aligned
    return w;
}

inline std::uint32_t load_half(const char* p) {
    std::uint32_t w = 0;
    std::memcpy(&w, p, sizeof w);
    return w;
}

#if defined(__SSE2__)
// needs_attention for sixteen bytes: 0xFF in each byte of the result that needs attention.
// Compared as signed, every byte >= 0x80 is negative: one "less than 0x20" finds the controls
// and the non-ASCII bytes together.
inline __m128i attention(__m128i v) {
    const __m128i below_space = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
    const __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
    const __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
    return _mm_or_si128(below_space, _mm_or_si128(quote, backslash));
}
#endif

// The longest string the inline path below takes: most strings of a record (names, types,
// property keys and values, identifiers) are shorter.
#if defined(__SSE2__)
inline constexpr std::size_t short_string_max = 32;
#else
inline constexpr std::size_t short_string_max = 16;
#endif

// Copies s (at most short_string_max bytes) to `to` when no byte of it needs attention, with
// loads and stores of fixed size that overlap in the middle (no loop, no call), and returns
// true; returns false, having written nothing that counts, when some byte needs attention.
// Reads only s's bytes; writes only [to, to + s.size()).
inline bool copy_short_plain(std::string_view s, char* to) {
    const char* p = s.data();
    const std::size_t n = s.size();
#if defined(__SSE2__)
    if (n > 16) {
        const __m128i first = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i last = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16));
        if (_mm_movemask_epi8(_mm_or_si128(attention(first), attention(last))) != 0) {
            return false;
        }
        _mm_storeu_si128(reinterpret_cast<__m128i*>(to), first);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(to + n - 16), last);
        return true;
    }
#endif
    if (n >= word_size) {
        const word first = load_word(p);
        const word last = load_word(p + n - word_size);
        if (word_needs_attention(first) || word_needs_attention(last)) {
            return false;
        }
        std::memcpy(to, &first, word_size);
        std::memcpy(to + n - word_size, &last, word_size);
        return true;
    }
    if (n >= 4) {
        const std::uint32_t first = load_half(p);
        const std::uint32_t last = load_half(p + n - 4);
        if (word_needs_attention(first | (static_cast<word>(last) << 32U))) {
            return false;
        }
        std::memcpy(to, &first, sizeof first);
        std::memcpy(to + n - 4, &last, sizeof last);
        return true;
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (needs_attention(static_cast<unsigned char>(p[i]))) {
            return false;
        }
        to[i] = p[i];
    }
    return true;
}

} // namespace json_string_detail

inline void write_json_string(std::string_view s, json_out& out) {
    if (s.size() <= json_string_detail::short_string_max) {
        out.need(s.size() + 2);
        char* to = out.cursor();
        if (json_string_detail::copy_short_plain(s, to + 1)) {
            to[0] = '"';
            to[s.size() + 1] = '"';
            out.advance(s.size() + 2);
            return;
        }
    }
    write_json_string_general(s, out);
}

} // namespace glue_inventory::protocol
