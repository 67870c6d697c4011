#include "client/clock_skew.hpp"

#include <boost/test/unit_test.hpp>

using namespace glue_inventory::client_detail;
using namespace std::chrono_literals;

namespace {
const std::chrono::sys_seconds t =
    std::chrono::sys_days{std::chrono::year{2026} / 12 / 1} + 3h + 40min + 9s;
}

BOOST_AUTO_TEST_SUITE(clock_skew)

BOOST_AUTO_TEST_CASE(http_dates_are_read_in_imf_fixdate) {
    BOOST_TEST((parse_http_date("Tue, 01 Dec 2026 03:40:09 GMT") == t));
    BOOST_TEST((parse_http_date("Thu, 29 Feb 2024 23:59:59 GMT") ==
                std::chrono::sys_days{std::chrono::year{2024} / 2 / 29} + 23h + 59min + 59s));
    for (std::string_view bad :
         {"", "Tue, 01 Dec 2026 03:40:09 UTC", "Tue, 01 Dek 2026 03:40:09 GMT",
          "Tue, 31 Feb 2026 03:40:09 GMT", "Tue, 01 Dec 2026 24:40:09 GMT",
          "Tuesday, 01-Dec-26 03:40:09 GMT", "Tue Dec  1 03:40:09 2026",
          "Tue, 0x Dec 2026 03:40:09 GMT", "Tue, 01 Dec 2026 03:40:09 GMT "}) {
        BOOST_TEST(!parse_http_date(bad).has_value(), bad);
    }
}

BOOST_AUTO_TEST_CASE(skew_codes_and_skew_messages_are_recognised) {
    BOOST_TEST(is_clock_skew_error("RequestTimeTooSkewed", ""));
    BOOST_TEST(is_clock_skew_error("RequestExpired", ""));
    BOOST_TEST(is_clock_skew_error("RequestInTheFuture", ""));
    BOOST_TEST(is_clock_skew_error("InvalidSignatureException",
                                   "Signature expired: 20261201T030000Z is now earlier than ..."));
    BOOST_TEST(is_clock_skew_error("SignatureDoesNotMatch",
                                   "Signature not yet current: 20261201T034000Z is still later"));
    BOOST_TEST(!is_clock_skew_error("InvalidSignatureException",
                                    "The request signature we calculated does not match"));
    BOOST_TEST(!is_clock_skew_error("ThrottlingException", "Signature expired"));
    BOOST_TEST(!is_clock_skew_error("", ""));
}

BOOST_AUTO_TEST_CASE(the_offset_is_the_servers_time_minus_ours) {
    const std::chrono::system_clock::time_point local = t - 1200s;
    BOOST_TEST((corrected_clock_offset("Tue, 01 Dec 2026 03:40:09 GMT", local, 0s) == 1200s));
    BOOST_TEST((corrected_clock_offset("Tue, 01 Dec 2026 03:40:09 GMT", t + 1200s, 0s) == -1200s));
    // Sub-second local time rounds to the nearest second.
    BOOST_TEST(
        (corrected_clock_offset("Tue, 01 Dec 2026 03:40:09 GMT", local + 400ms, 0s) == 1200s));
    // Already signing with this offset (within the header's resolution): nothing to correct.
    BOOST_TEST(!corrected_clock_offset("Tue, 01 Dec 2026 03:40:09 GMT", local, 1200s));
    BOOST_TEST(!corrected_clock_offset("Tue, 01 Dec 2026 03:40:09 GMT", local, 1199s));
    BOOST_TEST((corrected_clock_offset("Tue, 01 Dec 2026 03:40:09 GMT", local, 600s) == 1200s));
    BOOST_TEST(!corrected_clock_offset("", local, 0s));
    BOOST_TEST(!corrected_clock_offset("not a date", local, 0s));
}

BOOST_AUTO_TEST_SUITE_END()
