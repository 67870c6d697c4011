#include "client/clock_skew.hpp"

#include <array>
#include <cstdlib>

namespace glue_inventory::client_detail {

bool is_clock_skew_error(std::string_view code, std::string_view message) noexcept {
    if (code == "RequestTimeTooSkewed" || code == "RequestExpired" ||
        code == "RequestInTheFuture") {
        return true;
    }
    if (code == "InvalidSignatureException" || code == "SignatureDoesNotMatch" ||
        code == "AuthFailure") {
        // AWS's wording: "Signature expired: 20261201T031000Z is now earlier than ..." and
        // "Signature not yet current: ... is still later than ...".
        return message.find("Signature expired") != std::string_view::npos ||
               message.find("Signature not yet current") != std::string_view::npos;
    }
    return false;
}

namespace {

bool digits(std::string_view s, int& out) {
    out = 0;
    for (char c : s) {
        if (c < '0' || c > '9') {
            return false;
        }
        out = out * 10 + (c - '0');
    }
    return !s.empty();
}

} // namespace

std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view t) noexcept {
    // "Tue, 01 Dec 2026 03:40:09 GMT": fixed width, 29 characters.
    if (t.size() != 29 || t[3] != ',' || t[4] != ' ' || t[7] != ' ' || t[11] != ' ' ||
        t[16] != ' ' || t[19] != ':' || t[22] != ':' || t.substr(25) != " GMT") {
        return std::nullopt;
    }
    static constexpr std::array<std::string_view, 12> months = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    unsigned month = 0;
    while (month < months.size() && months[month] != t.substr(8, 3)) {
        ++month;
    }
    int day = 0, year = 0, h = 0, m = 0, s = 0;
    if (month == months.size() || !digits(t.substr(5, 2), day) || !digits(t.substr(12, 4), year) ||
        !digits(t.substr(17, 2), h) || !digits(t.substr(20, 2), m) || !digits(t.substr(23, 2), s)) {
        return std::nullopt;
    }
    const std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(month + 1),
                                          std::chrono::day(static_cast<unsigned>(day))};
    if (!ymd.ok() || h > 23 || m > 59 || s > 60) {
        return std::nullopt;
    }
    return std::chrono::sys_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(m) +
           std::chrono::seconds(s);
}

std::optional<std::chrono::seconds>
corrected_clock_offset(std::string_view date_header,
                       std::chrono::system_clock::time_point local_now,
                       std::chrono::seconds current_offset) noexcept {
    const auto server = parse_http_date(date_header);
    if (!server) {
        return std::nullopt;
    }
    const auto offset = std::chrono::round<std::chrono::seconds>(*server - local_now);
    if (std::abs((offset - current_offset).count()) < min_clock_correction.count()) {
        return std::nullopt;
    }
    return offset;
}

} // namespace glue_inventory::client_detail
