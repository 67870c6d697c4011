#include "protocol/timestamp_text.hpp"

#include <array>
#include <bit>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace glue_inventory::protocol {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Exponents beyond this many decimal digits cannot give an in-range timestamp whatever the
// mantissa (the body is far smaller than 10^12 digits); saturating keeps the arithmetic exact.
constexpr std::int64_t exponent_saturation = 1'000'000'000'000;

// The most digits an in-range number of milliseconds has (253402300799999 has 15).
constexpr std::int64_t max_millis_digits = 15;

// Seconds of at most this many digits make an in-range timestamp or a small overflow
// (253402300799 is the last second of 9999).
constexpr std::size_t max_plain_second_digits = 12;

// Whether text[0, 8) are eight ASCII digits, and then their value, with plain integer
// arithmetic on one 64-bit word (the first digit in the lowest byte: little-endian only).
// Every byte is a digit when its high nibble is 3 and adding 6 keeps it so.
bool eight_digits(std::string_view text, std::uint64_t& value) {
    std::uint64_t w = 0;
    std::memcpy(&w, text.data(), sizeof w);
    constexpr std::uint64_t high_nibbles = 0xF0F0F0F0F0F0F0F0ULL;
    if (((w & high_nibbles) | (((w + 0x0606060606060606ULL) & high_nibbles) >> 4U)) !=
        0x3333333333333333ULL) {
        return false;
    }
    w -= 0x3030303030303030ULL;
    w = w * 10 + (w >> 8U); // pairs of digits in every other byte
    constexpr std::uint64_t pair_mask = 0x000000FF000000FFULL;
    constexpr std::uint64_t mul1 = 100 + (1000000ULL << 32U);
    constexpr std::uint64_t mul2 = 1 + (10000ULL << 32U);
    value = ((w & pair_mask) * mul1 + ((w >> 16U) & pair_mask) * mul2) >> 32U;
    return true;
}

// The form AWS sends: seconds and at most three decimals ("1714566896.789"), read with no
// digit bookkeeping. False when the text has another form (the general parse decides then).
bool parse_plain_seconds(std::string_view text, std::int64_t& millis) {
    const std::size_t n = text.size();
    if (n == 0 || (text[0] == '0' && n > 1 && text[1] != '.')) {
        return false; // empty, or a leading zero that JSON does not allow
    }
    std::size_t i = 0;
    std::int64_t seconds = 0;
    // Seconds since 2001 have ten digits: the first eight at once where that can be done.
    if (std::uint64_t first_eight = 0;
        std::endian::native == std::endian::little && n >= 8 && eight_digits(text, first_eight)) {
        seconds = static_cast<std::int64_t>(first_eight);
        i = 8;
        if (n >= 10 && is_digit(text[8]) && is_digit(text[9])) { // the ninth and tenth
            seconds = seconds * 100 + (text[8] - '0') * 10 + (text[9] - '0');
            i = 10;
        }
    }
    for (; i < n && is_digit(text[i]); ++i) {
        if (i == max_plain_second_digits) {
            return false;
        }
        seconds = seconds * 10 + (text[i] - '0');
    }
    if (i == 0) {
        return false;
    }
    // Three decimals, the form of most answers, without the loop's bookkeeping.
    if (n - i == 4 && text[i] == '.' && is_digit(text[i + 1]) && is_digit(text[i + 2]) &&
        is_digit(text[i + 3])) {
        millis = seconds * 1000 + (text[i + 1] - '0') * 100 + (text[i + 2] - '0') * 10 +
                 (text[i + 3] - '0');
        return true;
    }
    std::int64_t fraction = 0;
    std::int64_t scale = 1000; // milliseconds per unit of the last decimal read
    if (i < n) {
        if (text[i] != '.') {
            return false;
        }
        const std::size_t first = ++i;
        for (; i < n && is_digit(text[i]); ++i) {
            if (i - first == 3) {
                return false; // below the millisecond: the general parse rounds
            }
            fraction = fraction * 10 + (text[i] - '0');
            scale /= 10;
        }
        if (i == first || i != n) {
            return false;
        }
    }
    millis = seconds * 1000 + fraction * scale;
    return true;
}

// Any JSON number (what parse_plain_seconds does not take). Out of line: its registers and
// stack frame would otherwise be set up for every timestamp, the plain ones included.
[[gnu::noinline]] epoch_seconds_status parse_general_seconds(std::string_view text,
                                                             timestamp& out) {
    // The JSON number grammar: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
    std::size_t i = 0;
    const std::size_t n = text.size();
    const bool negative = i < n && text[i] == '-';
    if (negative) {
        ++i;
    }
    const std::size_t int_begin = i;
    if (i < n && text[i] == '0') {
        ++i;
    } else if (i < n && text[i] >= '1' && text[i] <= '9') {
        while (i < n && is_digit(text[i])) {
            ++i;
        }
    } else {
        return epoch_seconds_status::not_a_number;
    }
    const std::string_view int_digits = text.substr(int_begin, i - int_begin);
    std::string_view frac_digits;
    if (i < n && text[i] == '.') {
        const std::size_t frac_begin = ++i;
        while (i < n && is_digit(text[i])) {
            ++i;
        }
        if (i == frac_begin) {
            return epoch_seconds_status::not_a_number;
        }
        frac_digits = text.substr(frac_begin, i - frac_begin);
    }
    std::int64_t exponent = 0;
    if (i < n && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        bool exponent_negative = false;
        if (i < n && (text[i] == '+' || text[i] == '-')) {
            exponent_negative = text[i] == '-';
            ++i;
        }
        const std::size_t exp_begin = i;
        while (i < n && is_digit(text[i])) {
            if (exponent < exponent_saturation) {
                exponent = exponent * 10 + (text[i] - '0');
            }
            ++i;
        }
        if (i == exp_begin) {
            return epoch_seconds_status::not_a_number;
        }
        if (exponent_negative) {
            exponent = -exponent;
        }
    }
    if (i != n) {
        return epoch_seconds_status::not_a_number;
    }

    // value = digits * 10^(exponent - frac_digits.size()) seconds, so in milliseconds the
    // decimal point of `digits` moves by `shift` places.
    const std::int64_t shift =
        exponent - static_cast<std::int64_t>(frac_digits.size()) + 3; // 3: seconds -> millis
    // The significant digits, leading zeros dropped; read through an index over both parts.
    const std::size_t total = int_digits.size() + frac_digits.size();
    auto digit_at = [&](std::size_t k) -> char {
        return k < int_digits.size() ? int_digits[k] : frac_digits[k - int_digits.size()];
    };
    std::size_t first = 0;
    while (first < total && digit_at(first) == '0') {
        ++first;
    }
    const auto significant = static_cast<std::int64_t>(total - first);
    // How many of the significant digits are in the integer part of the millisecond value.
    const std::int64_t kept = significant + shift;
    if (significant != 0 && kept > max_millis_digits) {
        return epoch_seconds_status::out_of_range;
    }
    std::int64_t millis = 0;
    if (significant != 0 && kept > 0) {
        for (std::int64_t k = 0; k < kept; ++k) {
            const std::int64_t index = static_cast<std::int64_t>(first) + k;
            const std::int64_t digit =
                k < significant ? digit_at(static_cast<std::size_t>(index)) - '0' : 0;
            millis = millis * 10 + digit;
        }
    }
    // Round half away from zero: the magnitude goes up when the first dropped digit is >= 5.
    if (significant != 0 && kept >= 0 && kept < significant) {
        const auto dropped = static_cast<std::size_t>(static_cast<std::int64_t>(first) + kept);
        if (digit_at(dropped) >= '5') {
            ++millis;
        }
    }
    if (negative) {
        millis = -millis;
    }
    if (millis < min_timestamp_millis || millis > max_timestamp_millis) {
        return epoch_seconds_status::out_of_range;
    }
    out = timestamp{std::chrono::milliseconds{millis}};
    return epoch_seconds_status::ok;
}

} // namespace

epoch_seconds_status parse_epoch_seconds(std::string_view text, timestamp& out) {
    if (std::int64_t millis = 0; parse_plain_seconds(text, millis)) {
        if (millis > max_timestamp_millis) {
            return epoch_seconds_status::out_of_range;
        }
        out = timestamp{std::chrono::milliseconds{millis}};
        return epoch_seconds_status::ok;
    }
    return parse_general_seconds(text, out);
}

void write_epoch_seconds(timestamp t, std::string& out) {
    const std::int64_t millis = t.time_since_epoch().count();
    // The magnitude as unsigned, so that the most negative value does not overflow.
    const std::uint64_t magnitude =
        millis < 0 ? 0 - static_cast<std::uint64_t>(millis) : static_cast<std::uint64_t>(millis);
    if (millis < 0) {
        out += '-';
    }
    out += std::to_string(magnitude / 1000);
    auto fraction = static_cast<unsigned>(magnitude % 1000);
    if (fraction == 0) {
        return;
    }
    char digits[4] = {'.', static_cast<char>('0' + fraction / 100),
                      static_cast<char>('0' + fraction / 10 % 10),
                      static_cast<char>('0' + fraction % 10)};
    std::size_t length = 4;
    while (digits[length - 1] == '0') {
        --length;
    }
    out.append(digits, length);
}

namespace {

void write_padded(std::int64_t value, int width, std::string& out) {
    char buffer[24];
    int length = 0;
    std::uint64_t v = static_cast<std::uint64_t>(value);
    do {
        buffer[length++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (length < width) {
        buffer[length++] = '0';
    }
    while (length > 0) {
        out += buffer[--length];
    }
}

// "00" to "99": two digits copied at once instead of a division and a store each.
constexpr auto digit_pairs = [] {
    std::array<char, 200> pairs{};
    for (std::size_t i = 0; i < 100; ++i) {
        pairs[2 * i] = static_cast<char>('0' + i / 10);
        pairs[2 * i + 1] = static_cast<char>('0' + i % 10);
    }
    return pairs;
}();

// Writes value (< 100) as two digits at `to`.
void put_pair(char* to, unsigned value) {
    std::memcpy(to, &digit_pairs[2 * static_cast<std::size_t>(value)], 2);
}

} // namespace

bool format_iso8601(timestamp t, char* text) {
    using namespace std::chrono;
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const int y = static_cast<int>(ymd.year());
    if (y < 0 || y > 9999) {
        return false;
    }
    // Milliseconds into the day: [0, 86'400'000), so unsigned arithmetic by constants.
    auto ms = static_cast<unsigned>((t - day).count());
    const unsigned millis = ms % 1000;
    ms /= 1000;
    const unsigned seconds = ms % 60;
    ms /= 60;
    std::memcpy(text, "0000-00-00T00:00:00.000Z", iso8601_length);
    put_pair(text, static_cast<unsigned>(y) / 100);
    put_pair(text + 2, static_cast<unsigned>(y) % 100);
    put_pair(text + 5, static_cast<unsigned>(ymd.month()));
    put_pair(text + 8, static_cast<unsigned>(ymd.day()));
    put_pair(text + 11, ms / 60);
    put_pair(text + 14, ms % 60);
    put_pair(text + 17, seconds);
    text[20] = static_cast<char>('0' + millis / 100);
    put_pair(text + 21, millis % 100);
    return true;
}

void write_iso8601(timestamp t, std::string& out) {
    using namespace std::chrono;
    char text[iso8601_length];
    if (format_iso8601(t, text)) {
        // Every parsed timestamp: "YYYY-MM-DDTHH:MM:SS.mmmZ" written in one piece.
        out.append(text, iso8601_length);
        return;
    }
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss<milliseconds> time{t - day};
    int y = static_cast<int>(ymd.year());
    if (y < 0) {
        out += '-';
        y = -y;
    }
    write_padded(y, 4, out);
    out += '-';
    write_padded(static_cast<unsigned>(ymd.month()), 2, out);
    out += '-';
    write_padded(static_cast<unsigned>(ymd.day()), 2, out);
    out += 'T';
    write_padded(time.hours().count(), 2, out);
    out += ':';
    write_padded(time.minutes().count(), 2, out);
    out += ':';
    write_padded(time.seconds().count(), 2, out);
    out += '.';
    write_padded(time.subseconds().count(), 3, out);
    out += 'Z';
}

bool parse_iso8601(std::string_view text, timestamp& out) {
    using namespace std::chrono;
    auto digits = [&](std::size_t at, std::size_t count, unsigned& value) {
        value = 0;
        for (std::size_t i = at; i < at + count; ++i) {
            if (i >= text.size() || text[i] < '0' || text[i] > '9') {
                return false;
            }
            value = value * 10 + static_cast<unsigned>(text[i] - '0');
        }
        return true;
    };
    unsigned y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (text.size() < 20 || !digits(0, 4, y) || text[4] != '-' || !digits(5, 2, mo) ||
        text[7] != '-' || !digits(8, 2, d) || text[10] != 'T' || !digits(11, 2, h) ||
        text[13] != ':' || !digits(14, 2, mi) || text[16] != ':' || !digits(17, 2, s)) {
        return false;
    }
    std::size_t at = 19;
    unsigned millis = 0;
    if (text[at] == '.') {
        const std::size_t first = ++at;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
            if (at - first < 3) {
                millis = millis * 10 + static_cast<unsigned>(text[at] - '0');
            }
            ++at;
        }
        const std::size_t count = at - first;
        if (count == 0 || count > 9) {
            return false;
        }
        for (std::size_t k = count; k < 3; ++k) {
            millis *= 10;
        }
    }
    if (at + 1 != text.size() || text[at] != 'Z') {
        return false;
    }
    const year_month_day ymd{year{static_cast<int>(y)}, month{mo}, day{d}};
    if (y == 0 || !ymd.ok() || h > 23 || mi > 59 || s > 59) {
        return false;
    }
    out = sys_days{ymd} + hours{h} + minutes{mi} + seconds{s} + milliseconds{millis};
    return true;
}

} // namespace glue_inventory::protocol
