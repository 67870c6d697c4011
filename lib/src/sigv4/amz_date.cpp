#include "sigv4/amz_date.hpp"

#include "sigv4/amz_date_format.hpp"

namespace glue_inventory::sigv4 {

namespace {

std::optional<unsigned> parse_digits(std::string_view text) {
    unsigned value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10U + static_cast<unsigned>(c - '0');
    }
    return value;
}

} // namespace

std::string amz_date(std::chrono::sys_seconds t) {
    const auto text = detail::format_amz_date(t);
    return {text.data(), text.size()};
}

std::string date_stamp(std::chrono::sys_seconds t) {
    const auto text = detail::format_amz_date(t);
    return {text.data(), detail::date_stamp_length};
}

std::optional<std::chrono::sys_seconds> parse_amz_date(std::string_view text) {
    if (text.size() != detail::amz_date_length || text[8] != 'T' || text[15] != 'Z') {
        return std::nullopt;
    }
    const auto year = parse_digits(text.substr(0, 4));
    const auto month = parse_digits(text.substr(4, 2));
    const auto day = parse_digits(text.substr(6, 2));
    const auto hour = parse_digits(text.substr(9, 2));
    const auto minute = parse_digits(text.substr(11, 2));
    const auto second = parse_digits(text.substr(13, 2));
    if (!year || !month || !day || !hour || !minute || !second || *hour > 23 || *minute > 59 ||
        *second > 59) {
        return std::nullopt;
    }
    const std::chrono::year_month_day date{std::chrono::year{static_cast<int>(*year)},
                                           std::chrono::month{*month}, std::chrono::day{*day}};
    if (!date.ok()) {
        return std::nullopt;
    }
    return std::chrono::sys_days{date} + std::chrono::hours{*hour} + std::chrono::minutes{*minute} +
           std::chrono::seconds{*second};
}

} // namespace glue_inventory::sigv4
