// botocore's refresh windows (TestRefreshLogic's scenarios): advisory 15 min, one refresher,
// others use the current credentials; mandatory 10 min, callers wait.
#include "credentials/refresh.hpp"
#include "credentials/timestamp.hpp"

#include <boost/test/unit_test.hpp>

namespace r = glue_inventory::creds::refresh;
using namespace std::chrono_literals;

namespace {
const std::chrono::sys_seconds expiry =
    *glue_inventory::creds::parse_iso8601("2026-12-01T12:00:00Z");

r::state holding(bool refreshing = false) {
    r::state s;
    s.has_value = true;
    s.expiration = expiry;
    s.refreshing = refreshing;
    return s;
}
} // namespace

BOOST_AUTO_TEST_SUITE(refresh_windows)

BOOST_AUTO_TEST_CASE(nothing_cached_means_one_refresher_and_the_others_wait) {
    r::state s;
    BOOST_TEST((r::decide(s, expiry) == r::action::refresh_mandatory));
    s.refreshing = true;
    BOOST_TEST((r::decide(s, expiry) == r::action::wait));
}

BOOST_AUTO_TEST_CASE(credentials_without_expiration_are_always_used) {
    r::state s;
    s.has_value = true;
    BOOST_TEST((r::decide(s, expiry + 1000h) == r::action::use));
}

BOOST_AUTO_TEST_CASE(outside_the_advisory_window_the_credentials_are_used) {
    BOOST_TEST((r::decide(holding(), expiry - 15min - 1s) == r::action::use));
    BOOST_TEST((r::decide(holding(), expiry - 2h) == r::action::use));
}

BOOST_AUTO_TEST_CASE(in_the_advisory_window_one_caller_refreshes_and_the_others_use_the_old) {
    BOOST_TEST((r::decide(holding(), expiry - 15min) == r::action::refresh_advisory));
    BOOST_TEST((r::decide(holding(), expiry - 10min - 1s) == r::action::refresh_advisory));
    BOOST_TEST((r::decide(holding(true), expiry - 15min) == r::action::use));
    BOOST_TEST((r::decide(holding(true), expiry - 10min - 1s) == r::action::use));
}

BOOST_AUTO_TEST_CASE(a_failed_advisory_refresh_keeps_the_old_credentials_for_a_while) {
    auto s = holding();
    const auto now = expiry - 14min;
    s.last_refresh = now;
    s.last_refresh_failed = true;
    BOOST_TEST((r::decide(s, now + 59s) == r::action::use));
    // Tried again once min_refresh_interval has passed.
    BOOST_TEST((r::decide(s, now + 60s) == r::action::refresh_advisory));
}

BOOST_AUTO_TEST_CASE(in_the_mandatory_window_callers_wait_for_the_refresh) {
    BOOST_TEST((r::decide(holding(), expiry - 10min) == r::action::refresh_mandatory));
    BOOST_TEST((r::decide(holding(true), expiry - 10min) == r::action::wait));
    BOOST_TEST((r::decide(holding(true), expiry - 2min) == r::action::wait));
}

BOOST_AUTO_TEST_CASE(a_failed_mandatory_refresh_is_tried_again_by_the_next_caller) {
    auto s = holding();
    const auto now = expiry - 9min;
    s.last_refresh = now;
    s.last_refresh_failed = true;
    BOOST_TEST((r::decide(s, now + 1s) == r::action::refresh_mandatory));
}

BOOST_AUTO_TEST_CASE(short_lived_answers_are_not_asked_again_by_every_request) {
    // The source just answered with credentials inside the windows (an IMDS outage's extension,
    // a 15-minute role session): use them until min_refresh_interval has passed.
    auto s = holding();
    const auto now = expiry - 10min;
    s.last_refresh = now;
    BOOST_TEST((r::decide(s, now) == r::action::use));
    BOOST_TEST((r::decide(s, now + 59s) == r::action::use));
    BOOST_TEST((r::decide(s, now + 60s) == r::action::refresh_mandatory));
    auto advisory = holding();
    advisory.last_refresh = expiry - 15min;
    BOOST_TEST((r::decide(advisory, expiry - 15min + 30s) == r::action::use));
}

BOOST_AUTO_TEST_CASE(credentials_about_to_expire_are_never_used) {
    auto s = holding();
    s.last_refresh = expiry - 30s; // even right after a refresh
    BOOST_TEST((r::decide(s, expiry - 1min) == r::action::refresh_mandatory));
    BOOST_TEST((r::decide(s, expiry + 1s) == r::action::refresh_mandatory));
    s.refreshing = true;
    BOOST_TEST((r::decide(s, expiry - 1min) == r::action::wait));
    BOOST_TEST((r::decide(holding(), expiry - 1min - 1s) == r::action::refresh_mandatory));
}

BOOST_AUTO_TEST_SUITE_END()
