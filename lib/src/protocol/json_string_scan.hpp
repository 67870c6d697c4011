// The wide scan of write_json_string's valid-UTF-8 path: where, in text already known to be
// valid UTF-8, a byte may need escaping. SSE2 on every x86-64, AVX2 (32 bytes an instruction)
// where the processor has it, chosen once at run time; elsewhere the caller's SWAR loop.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace glue_inventory::protocol::json_string_scan {

/// Bytes a block test reads beyond its block: a U+2028/U+2029 (E2 80 A8/A9) that starts in a
/// block's last byte ends two bytes later.
inline constexpr std::size_t separator_overhang = 2;

/// Bytes a scan step tests (one 16-byte step may follow the last 32-byte one).
inline constexpr std::size_t block = 32;

/// What a scan found: bit k of `mask` is set when byte start + k is a candidate (a control
/// character, '"', '\\', or E2 with A8 or A9 two bytes later: U+2028/U+2029 and rare false
/// alarms such as E2 82 A8, which the caller checks); bytes [start, end) were tested.
struct found {
    std::size_t start;
    std::size_t end;
    std::uint32_t mask;
};

/// From s[at], tests 32-byte blocks, then one of sixteen, while block + separator_overhang
/// (or 16 + separator_overhang) bytes remain. Returns the first block holding a candidate;
/// when none does, mask 0 and end the first byte not tested.
using scan_function = found (*)(std::string_view s, std::size_t at);

/// The scan for this processor (AVX2 when it has it), or nullptr where no wide scan is built.
scan_function best_scan();

#if defined(__SSE2__) && defined(__x86_64__)
found scan_sse2(std::string_view s, std::size_t at);
/// Only where avx2_available().
found scan_avx2(std::string_view s, std::size_t at);
bool avx2_available();
#endif

} // namespace glue_inventory::protocol::json_string_scan
