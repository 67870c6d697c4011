#include "protocol/timestamp_text.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <utility>
#include <vector>

using namespace glue_inventory;
using namespace glue_inventory::protocol;
using protocol_test::at_millis;

namespace {

std::int64_t millis_of(std::string_view text) {
    timestamp t{};
    BOOST_TEST_REQUIRE((parse_epoch_seconds(text, t) == epoch_seconds_status::ok), text);
    return t.time_since_epoch().count();
}

epoch_seconds_status status_of(std::string_view text) {
    timestamp t{};
    return parse_epoch_seconds(text, t);
}

std::string epoch_text(std::int64_t millis) {
    std::string out;
    write_epoch_seconds(at_millis(millis), out);
    return out;
}

std::string iso_text(std::int64_t millis) {
    std::string out;
    write_iso8601(at_millis(millis), out);
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(timestamp_text)

BOOST_AUTO_TEST_CASE(integer_seconds_become_millis) {
    BOOST_TEST(millis_of("1700000000") == 1700000000000);
    BOOST_TEST(millis_of("0") == 0);
}

BOOST_AUTO_TEST_CASE(fractional_seconds_are_exact) {
    BOOST_TEST(millis_of("1700000000.123") == 1700000000123);
    // 1700000000.123 has no exact binary double: a double-based parser gets ...122 here.
    BOOST_TEST(millis_of("1714566896.789") == 1714566896789);
    BOOST_TEST(millis_of("1.5") == 1500);
}

BOOST_AUTO_TEST_CASE(exponent_notation_is_exact) {
    BOOST_TEST(millis_of("1.700000000123E9") == 1700000000123);
    BOOST_TEST(millis_of("1.700000000123e+9") == 1700000000123);
    BOOST_TEST(millis_of("17000000001230e-4") == 1700000000123);
    BOOST_TEST(millis_of("1E3") == 1000000);
    BOOST_TEST(millis_of("0.0e5") == 0);
}

BOOST_AUTO_TEST_CASE(negative_timestamps_are_before_the_epoch) {
    BOOST_TEST(millis_of("-1") == -1000);
    BOOST_TEST(millis_of("-1.5") == -1500);
    BOOST_TEST(millis_of("-1.5e-3") == -2); // half away from zero
}

BOOST_AUTO_TEST_CASE(sub_millisecond_digits_round_half_away_from_zero) {
    BOOST_TEST(millis_of("1.0004") == 1000);
    BOOST_TEST(millis_of("1.0005") == 1001);
    BOOST_TEST(millis_of("1.00049999999999999999") == 1000);
    BOOST_TEST(millis_of("-1.0005") == -1001);
    BOOST_TEST(millis_of("-1.0004") == -1000);
    BOOST_TEST(millis_of("0.0005") == 1);
    BOOST_TEST(millis_of("0.00049") == 0);
    BOOST_TEST(millis_of("5e-4") == 1);
    BOOST_TEST(millis_of("5e-5") == 0);
    BOOST_TEST(millis_of("1700000000.9999") == 1700000001000);
}

BOOST_AUTO_TEST_CASE(many_digits_and_large_exponents_stay_exact) {
    BOOST_TEST(millis_of("1700000000.123000000000000000000000000000000000000001") == 1700000000123);
    BOOST_TEST(millis_of("0.000000000000000000000000000000000001700000000123e45") == 1700000000123);
    BOOST_TEST(millis_of("1e-99999999999999999999") == 0);
}

BOOST_AUTO_TEST_CASE(out_of_range_values_are_rejected) {
    BOOST_TEST((status_of("253402300800") == epoch_seconds_status::out_of_range));
    BOOST_TEST((status_of("-62135596800.001") == epoch_seconds_status::out_of_range));
    BOOST_TEST((status_of("1e300") == epoch_seconds_status::out_of_range));
    BOOST_TEST((status_of("1e99999999999999999999") == epoch_seconds_status::out_of_range));
    BOOST_TEST((status_of("99999999999999999999999") == epoch_seconds_status::out_of_range));
    BOOST_TEST(millis_of("253402300799.999") == 253402300799999);
    BOOST_TEST(millis_of("-62135596800") == -62135596800000);
}

BOOST_AUTO_TEST_CASE(text_that_is_not_a_json_number_is_rejected) {
    for (const std::string_view text :
         {"", "-", "+1", "01", "1.", ".5", "1e", "1e+", "1.e5", "0x10", "1 ", "NaN", "Infinity",
          "1..2", "--1", "1e5.5", "١"}) {
        BOOST_TEST((status_of(text) == epoch_seconds_status::not_a_number), text);
    }
}

BOOST_AUTO_TEST_CASE(plain_seconds_agree_with_the_same_value_in_exponent_notation) {
    // "S.FFF" (the form AWS sends, read by a fast path) against "SFFFe-3" (the general parse).
    std::uint64_t state = 42;
    const auto next = [&state] { // xorshift: the same numbers on every run
        state ^= state << 13U;
        state ^= state >> 7U;
        state ^= state << 17U;
        return state;
    };
    for (int i = 0; i < 20000; ++i) {
        const std::uint64_t seconds = next() % 260'000'000'000ULL; // past the year 9999 too
        const unsigned decimals = static_cast<unsigned>(next() % 4);
        std::string digits = std::to_string(next() % 1000 + 1000).substr(1, decimals);
        std::string plain = std::to_string(seconds);
        std::string exponent = plain + digits + "e-" + std::to_string(decimals);
        if (decimals != 0) {
            plain += "." + digits;
        }
        timestamp fast{};
        timestamp general{};
        const auto fast_status = parse_epoch_seconds(plain, fast);
        const auto general_status = parse_epoch_seconds(exponent, general);
        BOOST_TEST_REQUIRE((fast_status == general_status), plain << " vs " << exponent);
        if (fast_status == epoch_seconds_status::ok) {
            BOOST_TEST_REQUIRE(
                fast.time_since_epoch().count() == general.time_since_epoch().count(), plain);
        }
    }
    // Not JSON numbers, or past the year 9999: refused by whichever path reads them.
    for (const std::string_view bad :
         {"", ".", "1.", "01", "00.5", "1.2.3", "1x", "12345678901234", "253402300800"}) {
        timestamp t{};
        BOOST_TEST((parse_epoch_seconds(bad, t) != epoch_seconds_status::ok), bad);
    }
}

BOOST_AUTO_TEST_CASE(every_byte_at_every_position_of_the_seconds) {
    // The fast path reads the first eight digits as one word and three decimals at once: each
    // byte value at each position must give what digit-by-digit reading gives.
    const std::string base = "1714566896.789";
    for (std::size_t position = 0; position < base.size(); ++position) {
        for (int b = 0; b < 256; ++b) {
            std::string text = base;
            text[position] = static_cast<char>(b);
            timestamp t{};
            const auto status = parse_epoch_seconds(text, t);
            const bool digit = b >= '0' && b <= '9';
            if (position > 10 && digit) { // a decimal
                BOOST_TEST_REQUIRE((status == epoch_seconds_status::ok), text);
                BOOST_TEST_REQUIRE(t.time_since_epoch().count() ==
                                       1714566896000 + std::stoll(text.substr(11)),
                                   text);
            } else if (position == 10 && b == '.') {
                BOOST_TEST_REQUIRE(t.time_since_epoch().count() == 1714566896789, text);
            } else if (position >= 10) { // no point (too many digits), or not a decimal
                BOOST_TEST_REQUIRE((status != epoch_seconds_status::ok), text);
            } else if (digit && !(position == 0 && b == '0')) {
                BOOST_TEST_REQUIRE((status == epoch_seconds_status::ok), text);
                const std::int64_t seconds = std::stoll(text.substr(0, 10));
                BOOST_TEST_REQUIRE(t.time_since_epoch().count() == seconds * 1000 + 789, text);
            } else if (position == 0 && b == '-') {
                BOOST_TEST_REQUIRE((status == epoch_seconds_status::ok), text);
                BOOST_TEST_REQUIRE(t.time_since_epoch().count() == -714566896789, text);
            } else {
                BOOST_TEST_REQUIRE((status != epoch_seconds_status::ok), text);
            }
        }
    }
    // Eight digits and fewer, more than eight, with and without decimals.
    for (const auto& [text, millis] :
         std::vector<std::pair<std::string, std::int64_t>>{{"1", 1000},
                                                           {"1234567", 1234567000},
                                                           {"12345678", 12345678000},
                                                           {"12345678.5", 12345678500},
                                                           {"123456789", 123456789000},
                                                           {"99999999.999", 99999999999},
                                                           {"100000000", 100000000000}}) {
        timestamp t{};
        BOOST_TEST_REQUIRE((parse_epoch_seconds(text, t) == epoch_seconds_status::ok), text);
        BOOST_TEST(t.time_since_epoch().count() == millis, text);
    }
}

BOOST_AUTO_TEST_CASE(epoch_seconds_are_written_exactly) {
    BOOST_TEST(epoch_text(1714566896789) == "1714566896.789");
    BOOST_TEST(epoch_text(1714566896780) == "1714566896.78");
    BOOST_TEST(epoch_text(1714566896000) == "1714566896");
    BOOST_TEST(epoch_text(1714566896001) == "1714566896.001");
    BOOST_TEST(epoch_text(0) == "0");
    BOOST_TEST(epoch_text(-1500) == "-1.5");
    BOOST_TEST(epoch_text(-1) == "-0.001");
}

BOOST_AUTO_TEST_CASE(written_epoch_seconds_parse_back_to_the_same_millis) {
    for (const std::int64_t millis :
         {0LL, 1LL, -1LL, 999LL, -999LL, 1714566896789LL, -62135596800000LL, 253402300799999LL}) {
        BOOST_TEST(millis_of(epoch_text(millis)) == millis);
    }
}

BOOST_AUTO_TEST_CASE(iso8601_has_utc_and_milliseconds) {
    BOOST_TEST(iso_text(1714566896789) == "2024-05-01T12:34:56.789Z");
    BOOST_TEST(iso_text(0) == "1970-01-01T00:00:00.000Z");
    BOOST_TEST(iso_text(-1) == "1969-12-31T23:59:59.999Z");
    BOOST_TEST(iso_text(951782400000) == "2000-02-29T00:00:00.000Z");
    BOOST_TEST(iso_text(-62135596800000) == "0001-01-01T00:00:00.000Z");
    BOOST_TEST(iso_text(253402300799999) == "9999-12-31T23:59:59.999Z");
}

// The fields as std::chrono computes them, printed with snprintf: a second way to the same text.
std::string chrono_iso_text(std::int64_t millis) {
    using namespace std::chrono;
    const timestamp t = at_millis(millis);
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss<milliseconds> time{t - day};
    char text[32];
    std::snprintf(
        text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
        static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
        static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
        static_cast<int>(time.seconds().count()), static_cast<int>(time.subseconds().count()));
    return text;
}

BOOST_AUTO_TEST_CASE(iso8601_agrees_with_chrono_over_the_whole_range) {
    std::mt19937_64 random{2026}; // fixed: the same instants every run
    std::uniform_int_distribution<std::int64_t> any(min_timestamp_millis, max_timestamp_millis);
    for (int i = 0; i < 100000; ++i) {
        const std::int64_t millis = any(random);
        BOOST_TEST_REQUIRE(iso_text(millis) == chrono_iso_text(millis), millis);
    }
    // Every millisecond digit, second, minute and hour of one day, around a leap day.
    for (std::int64_t millis = 951782400000 - 86'400'000; millis < 951782400000 + 86'400'000;
         millis += 997) {
        BOOST_TEST_REQUIRE(iso_text(millis) == chrono_iso_text(millis), millis);
    }
}

BOOST_AUTO_TEST_CASE(format_iso8601_writes_24_bytes_in_range_and_nothing_out_of_it) {
    char text[iso8601_length + 2] = "########################+";
    BOOST_TEST(format_iso8601(at_millis(1714566896789), text));
    BOOST_TEST(std::string(text, iso8601_length + 1) == "2024-05-01T12:34:56.789Z+");
    char untouched[] = "#";
    BOOST_TEST(!format_iso8601(at_millis(max_timestamp_millis + 86'400'000LL * 366), untouched));
    BOOST_TEST(
        !format_iso8601(at_millis(min_timestamp_millis - 86'400'000LL * 366 * 2), untouched));
}

BOOST_AUTO_TEST_SUITE_END()
