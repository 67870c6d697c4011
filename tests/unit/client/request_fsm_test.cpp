// The request loop's step machine, driven by hand: every path of a call without a socket, a
// clock or a timer. Each test plays the driver: it resumes the machine with what "happened" and
// checks the action it gets back.
#include "client/request_fsm.hpp"

#include <boost/asio/error.hpp>
#include <boost/test/unit_test.hpp>

namespace gi = glue_inventory;
namespace retry = glue_inventory::retry;
using namespace glue_inventory::client_detail;
using namespace std::chrono_literals;
using glue_inventory::errc;
using glue_inventory::protocol::error_kind;
using event_kind = request_event::kind;

namespace {

const auto t0 = std::chrono::steady_clock::time_point{} + 1000s;
const auto wall0 = std::chrono::system_clock::time_point{} +
                   std::chrono::sys_days{std::chrono::year{2026} / 12 / 1}.time_since_epoch() + 3h;

struct harness {
    retry::standard_policy policy;
    retry::retry_quota quota;
    std::optional<retry::adaptive_rate_limiter> limiter;
    retry::random_source random = [] { return 0.5; };
    request_fsm_params params;

    explicit harness(int max_attempts = 3, retry::quota_params qp = {}, bool adaptive = false)
        : policy(retry::standard_params{max_attempts}), quota(qp) {
        if (adaptive) {
            limiter.emplace(t0);
        }
        params.policy = &policy;
        params.quota = &quota;
        params.limiter = limiter ? &*limiter : nullptr;
        params.random = &random;
    }
};

request_event start() {
    request_event ev;
    ev.now = t0;
    return ev;
}

request_event credentials_ok() {
    request_event ev;
    ev.type = event_kind::credentials;
    ev.now = t0;
    return ev;
}

request_event waited(bool cancelled = false) {
    request_event ev;
    ev.type = event_kind::waited;
    ev.cancelled = cancelled;
    ev.now = t0;
    return ev;
}

request_event ok_answer() {
    request_event ev;
    ev.type = event_kind::answer;
    ev.answer.status = 200;
    ev.now = t0;
    return ev;
}

request_event error_answer(unsigned status, error_kind kind, std::string_view code,
                           std::string_view message = "", std::string_view date = "") {
    request_event ev;
    ev.type = event_kind::answer;
    ev.answer.status = status;
    ev.answer.kind = kind;
    ev.answer.aws_error_code = code;
    ev.answer.message = message;
    ev.answer.date_header = date;
    ev.now = t0;
    ev.wall_now = wall0;
    return ev;
}

request_event io_failure(boost::system::error_code ec) {
    request_event ev;
    ev.type = event_kind::answer;
    ev.answer.io_error = ec;
    ev.now = t0;
    return ev;
}

request_event throttled() {
    return error_answer(400, error_kind::throttling, "ThrottlingException", "Rate exceeded");
}

/// Start, get credentials, and arrive at the first send.
void to_first_send(request_fsm& fsm) {
    auto act = fsm.resume(start());
    BOOST_TEST_REQUIRE((act.step == request_step::get_credentials));
    act = fsm.resume(credentials_ok());
    BOOST_TEST_REQUIRE((act.step == request_step::send));
    BOOST_TEST(fsm.attempt() == 1);
}

/// After a back_off: the wait, new credentials, and the next send.
void to_next_send(request_fsm& fsm) {
    auto act = fsm.resume(waited());
    BOOST_TEST_REQUIRE((act.step == request_step::get_credentials));
    act = fsm.resume(credentials_ok());
    BOOST_TEST_REQUIRE((act.step == request_step::send));
}

// wall0 (03:00:00) and the server dates 20 minutes ahead and behind it.
constexpr std::string_view date_plus_1200 = "Tue, 01 Dec 2026 03:20:00 GMT";
constexpr std::string_view date_minus_1200 = "Tue, 01 Dec 2026 02:40:00 GMT";
constexpr std::string_view date_now = "Tue, 01 Dec 2026 03:00:00 GMT";

} // namespace

BOOST_AUTO_TEST_SUITE(request_fsm_paths)

BOOST_AUTO_TEST_CASE(success_at_the_first_attempt_gives_the_no_retry_increment_back) {
    harness h;
    int cost = 0;
    BOOST_TEST_REQUIRE(h.quota.try_acquire(retry::failure::transient, cost)); // 500 -> 495
    request_fsm fsm(h.params);
    to_first_send(fsm);
    const auto act = fsm.resume(ok_answer());
    BOOST_TEST((act.step == request_step::done));
    BOOST_TEST(!act.result);
    BOOST_TEST(fsm.attempt() == 1);
    BOOST_TEST(h.quota.available() == 496); // + no_retry_increment
}

BOOST_AUTO_TEST_CASE(a_retried_call_that_succeeds_refunds_its_last_retry_cost) {
    harness h;
    request_fsm fsm(h.params);
    to_first_send(fsm);
    auto act = fsm.resume(throttled());
    BOOST_TEST_REQUIRE((act.step == request_step::back_off));
    BOOST_TEST(h.quota.available() == 495);
    to_next_send(fsm);
    BOOST_TEST(fsm.attempt() == 2);
    act = fsm.resume(ok_answer());
    BOOST_TEST((act.step == request_step::done));
    BOOST_TEST(!act.result);
    BOOST_TEST(h.quota.available() == 500);
}

BOOST_AUTO_TEST_CASE(throttling_and_transient_failures_back_off_as_the_policy_says) {
    harness h(4);
    request_fsm fsm(h.params);
    to_first_send(fsm);
    // random 0.5 x min(2^(attempt-1) s, 20 s)
    auto act = fsm.resume(throttled());
    BOOST_TEST_REQUIRE((act.step == request_step::back_off));
    BOOST_TEST(act.delay.count() == std::chrono::nanoseconds(500ms).count());
    BOOST_TEST(fsm.throttled());
    to_next_send(fsm);
    act = fsm.resume(error_answer(503, error_kind::transient, "ServiceUnavailable"));
    BOOST_TEST_REQUIRE((act.step == request_step::back_off));
    BOOST_TEST(act.delay.count() == std::chrono::nanoseconds(1000ms).count());
    BOOST_TEST(!fsm.throttled());
    to_next_send(fsm);
    act = fsm.resume(io_failure(boost::asio::error::connection_reset));
    BOOST_TEST_REQUIRE((act.step == request_step::back_off));
    BOOST_TEST(act.delay.count() == std::chrono::nanoseconds(2000ms).count());
    BOOST_TEST(h.quota.available() == 500 - 3 * 5);
}

BOOST_AUTO_TEST_CASE(max_attempts_reached_ends_with_the_last_failure) {
    harness h(3);
    request_fsm fsm(h.params);
    to_first_send(fsm);
    BOOST_TEST_REQUIRE((fsm.resume(throttled()).step == request_step::back_off));
    to_next_send(fsm);
    BOOST_TEST_REQUIRE((fsm.resume(throttled()).step == request_step::back_off));
    to_next_send(fsm);
    const auto act = fsm.resume(error_answer(503, error_kind::transient, "ServiceUnavailable"));
    BOOST_TEST((act.step == request_step::done));
    BOOST_TEST((act.result == gi::make_error_code(errc::service_unavailable)));
    BOOST_TEST(fsm.attempt() == 3);
    BOOST_TEST(h.quota.available() == 490); // a failed call gives nothing back
}

BOOST_AUTO_TEST_CASE(an_exhausted_quota_stops_retrying) {
    harness h(5, retry::quota_params{7, 5, 10, 1});
    request_fsm fsm(h.params);
    to_first_send(fsm);
    BOOST_TEST_REQUIRE((fsm.resume(throttled()).step == request_step::back_off)); // 7 -> 2
    to_next_send(fsm);
    const auto act = fsm.resume(throttled()); // 2 < 5: no retry
    BOOST_TEST((act.step == request_step::done));
    BOOST_TEST((act.result == gi::make_error_code(errc::throttled)));
    BOOST_TEST(fsm.attempt() == 2);
    BOOST_TEST(h.quota.available() == 2);
}

BOOST_AUTO_TEST_CASE(a_timeout_retry_costs_the_timeout_price) {
    harness h;
    request_fsm fsm(h.params);
    to_first_send(fsm);
    const auto act = fsm.resume(io_failure(boost::asio::error::timed_out));
    BOOST_TEST_REQUIRE((act.step == request_step::back_off));
    BOOST_TEST(h.quota.available() == 490);
}

BOOST_AUTO_TEST_CASE(a_non_retryable_error_ends_at_once_without_quota) {
    harness h;
    request_fsm fsm(h.params);
    to_first_send(fsm);
    const auto act =
        fsm.resume(error_answer(400, error_kind::entity_not_found, "EntityNotFoundException"));
    BOOST_TEST((act.step == request_step::done));
    BOOST_TEST((act.result == gi::make_error_code(errc::entity_not_found)));
    BOOST_TEST(fsm.attempt() == 1);
    BOOST_TEST(h.quota.available() == 500);
}

BOOST_AUTO_TEST_CASE(expired_credentials_are_refreshed_once_and_fail_the_second_time) {
    harness h;
    h.params.refreshable_credentials = true;
    request_fsm fsm(h.params);
    to_first_send(fsm);
    const auto expired = error_answer(400, error_kind::access_denied, "ExpiredTokenException",
                                      "The security token included in the request is expired");
    auto act = fsm.resume(expired);
    BOOST_TEST_REQUIRE((act.step == request_step::refresh_credentials));
    act = fsm.resume(credentials_ok());
    BOOST_TEST_REQUIRE((act.step == request_step::send));
    BOOST_TEST(fsm.attempt() == 2);
    act = fsm.resume(expired);
    BOOST_TEST((act.step == request_step::done));
    BOOST_TEST((act.result == gi::make_error_code(errc::access_denied)));
    BOOST_TEST(h.quota.available() == 500); // a refresh is not a retry of a failing service
}

BOOST_AUTO_TEST_CASE(expired_credentials_that_cannot_be_fetched_anew_end_the_call) {
    harness h;
    request_fsm fsm(h.params); // the base identity: nothing to refresh
    to_first_send(fsm);
    const auto act = fsm.resume(error_answer(400, error_kind::access_denied, "ExpiredToken"));
    BOOST_TEST((act.step == request_step::done));
    BOOST_TEST((act.result == gi::make_error_code(errc::access_denied)));
}

BOOST_AUTO_TEST_CASE(credentials_that_cannot_be_had_end_the_call_with_their_error) {
    harness h;
    request_fsm fsm(h.params);
    BOOST_TEST_REQUIRE((fsm.resume(start()).step == request_step::get_credentials));
    auto ev = credentials_ok();
    ev.error = errc::credentials_unavailable;
    const auto act = fsm.resume(ev);
    BOOST_TEST((act.step == request_step::done));
    BOOST_TEST((act.result == gi::make_error_code(errc::credentials_unavailable)));
    BOOST_TEST(fsm.credentials_failed());
}

BOOST_AUTO_TEST_CASE(given_credentials_skip_the_credentials_step) {
    harness h;
    h.params.fixed_credentials = true;
    request_fsm fsm(h.params);
    const auto act = fsm.resume(start());
    BOOST_TEST((act.step == request_step::send));
}

BOOST_AUTO_TEST_CASE(cancellation_between_attempts_ends_the_call) {
    harness h;
    request_fsm fsm(h.params);
    to_first_send(fsm);
    BOOST_TEST_REQUIRE((fsm.resume(throttled()).step == request_step::back_off));
    const auto act = fsm.resume(waited(true)); // the backoff's wait was cancelled
    BOOST_TEST((act.step == request_step::done));
    BOOST_TEST((act.result == gi::make_error_code(errc::cancelled)));
}

BOOST_AUTO_TEST_CASE(cancellation_seen_with_a_failed_answer_does_not_back_off) {
    harness h;
    request_fsm fsm(h.params);
    to_first_send(fsm);
    auto ev = throttled();
    ev.cancelled = true;
    const auto act = fsm.resume(ev);
    BOOST_TEST((act.step == request_step::done));
    BOOST_TEST((act.result == gi::make_error_code(errc::cancelled)));
    BOOST_TEST(h.quota.available() == 500);
}

BOOST_AUTO_TEST_CASE(cancellation_before_the_first_attempt_sends_nothing) {
    harness h;
    request_fsm fsm(h.params);
    auto ev = start();
    ev.cancelled = true;
    const auto act = fsm.resume(ev);
    BOOST_TEST((act.step == request_step::done));
    BOOST_TEST((act.result == gi::make_error_code(errc::cancelled)));
}

BOOST_AUTO_TEST_CASE(a_success_is_kept_even_when_cancellation_arrives_with_it) {
    harness h;
    request_fsm fsm(h.params);
    to_first_send(fsm);
    auto ev = ok_answer();
    ev.cancelled = true;
    const auto act = fsm.resume(ev);
    BOOST_TEST((act.step == request_step::done));
    BOOST_TEST(!act.result);
}

BOOST_AUTO_TEST_CASE(adaptive_mode_feeds_the_limiter_and_waits_for_its_token) {
    harness h(3, {}, true);
    request_fsm fsm(h.params);
    to_first_send(fsm); // no throttle seen yet: no wait
    BOOST_TEST(!h.limiter->enabled());
    BOOST_TEST_REQUIRE((fsm.resume(throttled()).step == request_step::back_off));
    BOOST_TEST(h.limiter->enabled()); // the throttle reached the limiter
    BOOST_TEST(h.limiter->measured_send_rate() >= 0.0);
    // The next attempt at the same instant finds the bucket empty: the limiter makes it wait.
    auto act = fsm.resume(waited());
    BOOST_TEST_REQUIRE((act.step == request_step::wait_for_limiter));
    BOOST_TEST(act.delay.count() > 0);
    act = fsm.resume(waited());
    BOOST_TEST_REQUIRE((act.step == request_step::get_credentials));
    act = fsm.resume(credentials_ok());
    BOOST_TEST_REQUIRE((act.step == request_step::send));
    const double measured_before = h.limiter->measured_send_rate();
    auto ok = ok_answer();
    ok.now = t0 + 10s; // a new bucket of the send-rate meter: the success is counted in it
    BOOST_TEST(!fsm.resume(ok).result);
    BOOST_TEST(h.limiter->measured_send_rate() != measured_before);
}

BOOST_AUTO_TEST_CASE(a_limiter_wait_cancelled_ends_the_call) {
    harness h(3, {}, true);
    request_fsm fsm(h.params);
    to_first_send(fsm);
    BOOST_TEST_REQUIRE((fsm.resume(throttled()).step == request_step::back_off));
    BOOST_TEST_REQUIRE((fsm.resume(waited()).step == request_step::wait_for_limiter));
    const auto act = fsm.resume(waited(true));
    BOOST_TEST((act.step == request_step::done));
    BOOST_TEST((act.result == gi::make_error_code(errc::cancelled)));
}

BOOST_AUTO_TEST_CASE(a_clock_skew_answer_resends_at_once_with_the_servers_time) {
    for (auto [date, offset] :
         {std::pair{date_plus_1200, 1200}, std::pair{date_minus_1200, -1200}}) {
        harness h;
        request_fsm fsm(h.params);
        to_first_send(fsm);
        auto act = fsm.resume(
            error_answer(403, error_kind::access_denied, "InvalidSignatureException",
                         "Signature expired: 20261201T030000Z is now earlier than 20261201T031500Z "
                         "(20261201T032000Z - 5 min.)",
                         date));
        BOOST_TEST_REQUIRE((act.step == request_step::get_credentials));
        act = fsm.resume(credentials_ok());
        BOOST_TEST_REQUIRE((act.step == request_step::send));
        BOOST_TEST(act.clock_offset.count() == offset);
        BOOST_TEST(fsm.clock_offset().count() == offset);
        BOOST_TEST(fsm.attempt() == 2);
        BOOST_TEST(!fsm.resume(ok_answer()).result);
        BOOST_TEST(h.quota.available() == 500); // no quota spent on our own clock
    }
}

BOOST_AUTO_TEST_CASE(a_clock_is_corrected_once_per_call) {
    harness h;
    request_fsm fsm(h.params);
    to_first_send(fsm);
    const auto skewed = error_answer(400, error_kind::other, "RequestTimeTooSkewed",
                                     "The difference is too large", date_plus_1200);
    BOOST_TEST_REQUIRE((fsm.resume(skewed).step == request_step::get_credentials));
    BOOST_TEST_REQUIRE((fsm.resume(credentials_ok()).step == request_step::send));
    auto again = skewed;
    again.answer.date_header = date_minus_1200; // the server's clock jumped: do not chase it
    const auto act = fsm.resume(again);
    BOOST_TEST((act.step == request_step::done));
    BOOST_TEST((act.result == gi::make_error_code(errc::service_error)));
}

BOOST_AUTO_TEST_CASE(a_learnt_offset_is_used_from_the_first_send) {
    harness h;
    h.params.clock_offset = 1200s;
    request_fsm fsm(h.params);
    BOOST_TEST_REQUIRE((fsm.resume(start()).step == request_step::get_credentials));
    const auto act = fsm.resume(credentials_ok());
    BOOST_TEST((act.step == request_step::send));
    BOOST_TEST(act.clock_offset.count() == 1200);
}

BOOST_AUTO_TEST_CASE(a_signature_error_without_a_skew_is_not_a_clock_problem) {
    harness h;
    request_fsm fsm(h.params);
    to_first_send(fsm);
    // A wrong key: the same code, another message, and the server's clock agrees with ours.
    const auto act = fsm.resume(error_answer(
        403, error_kind::access_denied, "InvalidSignatureException",
        "The request signature we calculated does not match the signature you provided.",
        date_plus_1200));
    BOOST_TEST((act.step == request_step::done));
    BOOST_TEST((act.result == gi::make_error_code(errc::access_denied)));

    harness h2;
    h2.params.refreshable_credentials = true;
    request_fsm fsm2(h2.params);
    to_first_send(fsm2);
    // RequestExpired with a Date that agrees with our clock: the credentials, not the clock.
    const auto act2 = fsm2.resume(
        error_answer(400, error_kind::access_denied, "RequestExpired", "expired", date_now));
    BOOST_TEST((act2.step == request_step::refresh_credentials));
}

BOOST_AUTO_TEST_CASE(a_skew_answer_without_a_date_header_is_an_ordinary_failure) {
    harness h;
    request_fsm fsm(h.params);
    to_first_send(fsm);
    const auto act =
        fsm.resume(error_answer(400, error_kind::other, "RequestTimeTooSkewed", "too skewed", ""));
    BOOST_TEST((act.step == request_step::done));
    BOOST_TEST((act.result == gi::make_error_code(errc::service_error)));
}

BOOST_AUTO_TEST_SUITE_END()
