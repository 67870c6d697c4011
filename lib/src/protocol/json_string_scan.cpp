#include "protocol/json_string_scan.hpp"

#if defined(__SSE2__) && defined(__x86_64__)
#include <immintrin.h>
#endif

namespace glue_inventory::protocol::json_string_scan {

#if defined(__SSE2__) && defined(__x86_64__)

namespace {

constexpr char separator_lead = static_cast<char>(0xE2);
constexpr char separator_last = static_cast<char>(0xA9); // A8 | 1

// 0xFF in each byte of the sixteen at p that is a candidate (see found). Inlined into the AVX2
// scan too (compiled there with VEX encodings).
[[gnu::always_inline]] inline __m128i candidates_sse2(const char* p) {
    const auto load = [](const char* at) {
        return _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
    };
    const __m128i v = load(p);
    const __m128i last_control = _mm_set1_epi8(0x1f);
    // max(v, 0x1f) == 0x1f exactly where v <= 0x1f (unsigned).
    const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(v, last_control), last_control);
    const __m128i ascii =
        _mm_or_si128(control, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                           _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
    // Byte k is E2 and byte k + 2 is A8 or A9: the block two bytes later lines them up.
    const __m128i separator = _mm_and_si128(
        _mm_cmpeq_epi8(v, _mm_set1_epi8(separator_lead)),
        _mm_cmpeq_epi8(_mm_or_si128(load(p + 2), _mm_set1_epi8(1)), _mm_set1_epi8(separator_last)));
    return _mm_or_si128(ascii, separator);
}

} // namespace

// The last step of both scans: one block of sixteen when enough bytes remain for it.
[[gnu::always_inline]] inline found last_sixteen(std::string_view s, std::size_t at) {
    if (s.size() - at >= 16 + separator_overhang) {
        const auto mask =
            static_cast<std::uint32_t>(_mm_movemask_epi8(candidates_sse2(s.data() + at)));
        return {at, at + 16, mask};
    }
    return {at, at, 0};
}

found scan_sse2(std::string_view s, std::size_t at) {
    for (; s.size() - at >= block + separator_overhang; at += block) {
        const __m128i low = candidates_sse2(s.data() + at);
        const __m128i high = candidates_sse2(s.data() + at + 16);
        if (_mm_movemask_epi8(_mm_or_si128(low, high)) != 0) {
            return {at, at + block,
                    static_cast<std::uint32_t>(_mm_movemask_epi8(low)) |
                        (static_cast<std::uint32_t>(_mm_movemask_epi8(high)) << 16U)};
        }
    }
    return last_sixteen(s, at);
}

// The same test, 32 bytes an instruction: compiled for AVX2 whatever the build's flags, run
// only where the processor has it.
[[gnu::target("avx2")]] found scan_avx2(std::string_view s, std::size_t at) {
    const __m256i last_control = _mm256_set1_epi8(0x1f);
    const __m256i quote = _mm256_set1_epi8('"');
    const __m256i backslash = _mm256_set1_epi8('\\');
    const __m256i lead = _mm256_set1_epi8(separator_lead);
    const __m256i last = _mm256_set1_epi8(separator_last);
    const __m256i low_bit = _mm256_set1_epi8(1);
    for (; s.size() - at >= block + separator_overhang; at += block) {
        // (No helper for the loads: a lambda would not be compiled for AVX2.)
        const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s.data() + at));
        const __m256i after_two =
            _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s.data() + at + 2));
        const __m256i control = _mm256_cmpeq_epi8(_mm256_max_epu8(v, last_control), last_control);
        const __m256i ascii = _mm256_or_si256(
            control, _mm256_or_si256(_mm256_cmpeq_epi8(v, quote), _mm256_cmpeq_epi8(v, backslash)));
        const __m256i separator =
            _mm256_and_si256(_mm256_cmpeq_epi8(v, lead),
                             _mm256_cmpeq_epi8(_mm256_or_si256(after_two, low_bit), last));
        const auto mask =
            static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_or_si256(ascii, separator)));
        if (mask != 0) {
            return {at, at + block, mask};
        }
    }
    return last_sixteen(s, at);
}

bool avx2_available() {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") != 0; // checks the OS saves the AVX registers too
}

scan_function best_scan() {
    static const scan_function chosen = avx2_available() ? scan_avx2 : scan_sse2;
    return chosen;
}

#else

scan_function best_scan() {
    return nullptr;
}

#endif

} // namespace glue_inventory::protocol::json_string_scan
