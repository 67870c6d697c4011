#include "timestamp.hpp"

#include <cstddef>

namespace glue_inventory::creds {
namespace {

// Reads exactly `digits` decimal digits at `pos`; advances pos.
std::optional<int> read_number(std::string_view s, std::size_t& pos, std::size_t digits) {
    if (pos + digits > s.size()) {
        return std::nullopt;
    }
    int value = 0;
    for (std::size_t i = 0; i < digits; ++i) {
        char c = s[pos + i];
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    pos += digits;
    return value;
}

bool expect(std::string_view s, std::size_t& pos, char a, char b = '\0') {
    if (pos < s.size() && (s[pos] == a || (b != '\0' && s[pos] == b))) {
        ++pos;
        return true;
    }
    return false;
}

} // namespace

std::optional<std::chrono::sys_seconds> parse_iso8601(std::string_view s) {
    using namespace std::chrono;
    std::size_t pos = 0;
    auto year = read_number(s, pos, 4);
    if (!year || !expect(s, pos, '-')) {
        return std::nullopt;
    }
    auto month = read_number(s, pos, 2);
    if (!month || !expect(s, pos, '-')) {
        return std::nullopt;
    }
    auto day = read_number(s, pos, 2);
    if (!day || !expect(s, pos, 'T', 't')) {
        return std::nullopt;
    }
    auto hour = read_number(s, pos, 2);
    if (!hour || !expect(s, pos, ':')) {
        return std::nullopt;
    }
    auto minute = read_number(s, pos, 2);
    if (!minute || !expect(s, pos, ':')) {
        return std::nullopt;
    }
    auto second = read_number(s, pos, 2);
    if (!second) {
        return std::nullopt;
    }
    if (expect(s, pos, '.')) {
        std::size_t first_digit = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            ++pos;
        }
        if (pos == first_digit) {
            return std::nullopt;
        }
    }

    seconds offset{0};
    if (!expect(s, pos, 'Z', 'z')) {
        if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-')) {
            return std::nullopt;
        }
        int sign = s[pos] == '-' ? -1 : 1;
        ++pos;
        auto off_hours = read_number(s, pos, 2);
        expect(s, pos, ':');
        auto off_minutes = read_number(s, pos, 2);
        if (!off_hours || !off_minutes || *off_hours > 23 || *off_minutes > 59) {
            return std::nullopt;
        }
        offset = sign * (hours{*off_hours} + minutes{*off_minutes});
    }
    if (pos != s.size()) {
        return std::nullopt;
    }

    year_month_day date{std::chrono::year{*year}, std::chrono::month{static_cast<unsigned>(*month)},
                        std::chrono::day{static_cast<unsigned>(*day)}};
    // 60 is a leap second, which AWS never issues as an expiry; rejecting it keeps this simple.
    if (!date.ok() || *hour > 23 || *minute > 59 || *second > 59) {
        return std::nullopt;
    }
    return sys_days{date} + hours{*hour} + minutes{*minute} + seconds{*second} - offset;
}

} // namespace glue_inventory::creds
