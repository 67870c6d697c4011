// Internal: X-Amz-Date formatted into a fixed buffer, so the signer's hot path allocates nothing
// for it.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>

namespace glue_inventory::sigv4::detail {

inline constexpr std::size_t amz_date_length = 16;  // "20150830T123600Z"
inline constexpr std::size_t date_stamp_length = 8; // "20150830", the prefix of the above

/// "YYYYMMDDTHHMMSSZ" for t (UTC). Years outside 0..9999 are not representable in the format.
inline std::array<char, amz_date_length> format_amz_date(std::chrono::sys_seconds t) {
    using namespace std::chrono;
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss hms{t - day};
    std::array<char, amz_date_length> out{};
    auto put = [&out](std::size_t at, unsigned value, std::size_t width) {
        for (std::size_t i = width; i > 0; --i) {
            out[at + i - 1] = static_cast<char>('0' + value % 10U);
            value /= 10U;
        }
    };
    put(0, static_cast<unsigned>(static_cast<int>(ymd.year())), 4);
    put(4, static_cast<unsigned>(ymd.month()), 2);
    put(6, static_cast<unsigned>(ymd.day()), 2);
    out[8] = 'T';
    put(9, static_cast<unsigned>(hms.hours().count()), 2);
    put(11, static_cast<unsigned>(hms.minutes().count()), 2);
    put(13, static_cast<unsigned>(hms.seconds().count()), 2);
    out[15] = 'Z';
    return out;
}

} // namespace glue_inventory::sigv4::detail
