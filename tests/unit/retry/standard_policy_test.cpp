// The standard mode's decisions, against botocore's StandardRetryConditions and
// ExponentialBackoff (STANDARD_RETRY_MODE_VERSION 2.0): after 1-based attempt n fails, wait
// random() x min(2^(n-1), 20) seconds, up to 3 attempts, fatal failures never retried.
#include "retry/standard_policy.hpp"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <stdexcept>

namespace gr = glue_inventory::retry;
using std::chrono::milliseconds;

namespace {

gr::random_source constant(double value) {
    return [value] { return value; };
}

gr::standard_policy many_attempts() {
    return gr::standard_policy{gr::standard_params{.max_attempts = 2000}};
}

} // namespace

BOOST_AUTO_TEST_SUITE(standard_policy)

BOOST_AUTO_TEST_CASE(backoff_doubles_from_one_second_times_the_random_factor) {
    const auto policy = many_attempts();
    gr::retry_quota quota;
    const auto half = constant(0.5);
    // 0.5 x 2^(n-1) s for attempts 1..5: 0.5, 1, 2, 4, 8 s.
    BOOST_TEST(policy.after_failure(1, gr::failure::throttling, quota, half)->delay.count() == 500);
    BOOST_TEST(policy.after_failure(2, gr::failure::throttling, quota, half)->delay.count() ==
               1000);
    BOOST_TEST(policy.after_failure(3, gr::failure::transient, quota, half)->delay.count() == 2000);
    BOOST_TEST(policy.after_failure(4, gr::failure::transient, quota, half)->delay.count() == 4000);
    BOOST_TEST(policy.after_failure(5, gr::failure::timeout, quota, half)->delay.count() == 8000);
}

BOOST_AUTO_TEST_CASE(the_random_factor_scales_the_whole_wait) {
    const auto policy = many_attempts();
    gr::retry_quota quota;
    // Full jitter: anywhere from 0 up to (not including) the exponential bound.
    BOOST_TEST(policy.after_failure(3, gr::failure::throttling, quota, constant(0.0))->delay ==
               milliseconds{0});
    BOOST_TEST(policy.after_failure(3, gr::failure::throttling, quota, constant(0.25))->delay ==
               milliseconds{1000});
    BOOST_TEST(policy.after_failure(3, gr::failure::throttling, quota, constant(0.999))->delay ==
               milliseconds{3996});
}

BOOST_AUTO_TEST_CASE(backoff_is_capped_at_20_seconds) {
    const auto policy = many_attempts();
    gr::retry_quota quota;
    const auto half = constant(0.5);
    // 2^5 = 32 s > 20 s from attempt 6 on: 0.5 x 20 s.
    BOOST_TEST(policy.after_failure(6, gr::failure::throttling, quota, half)->delay.count() ==
               10000);
    BOOST_TEST(policy.after_failure(30, gr::failure::throttling, quota, half)->delay.count() ==
               10000);
    // 2^1998 overflows a double to infinity: still capped.
    BOOST_TEST(policy.after_failure(1999, gr::failure::throttling, quota, constant(0.999))
                   ->delay.count() == 19980);
}

BOOST_AUTO_TEST_CASE(a_smaller_max_backoff_caps_sooner) {
    const gr::standard_policy policy{
        gr::standard_params{.max_attempts = 10, .max_backoff = milliseconds{1500}}};
    gr::retry_quota quota;
    BOOST_TEST(policy.after_failure(2, gr::failure::throttling, quota, constant(0.5))->delay ==
               milliseconds{750});
}

BOOST_AUTO_TEST_CASE(three_attempts_by_default) {
    const gr::standard_policy policy;
    gr::retry_quota quota;
    const auto half = constant(0.5);
    BOOST_TEST(policy.after_failure(1, gr::failure::throttling, quota, half).has_value());
    BOOST_TEST(policy.after_failure(2, gr::failure::throttling, quota, half).has_value());
    BOOST_TEST(!policy.after_failure(3, gr::failure::throttling, quota, half).has_value());
    BOOST_TEST(quota.available() == 490); // giving up spends nothing
}

BOOST_AUTO_TEST_CASE(max_attempts_comes_from_the_caller) {
    const gr::standard_policy once{gr::standard_params{.max_attempts = 1}};
    const gr::standard_policy five{gr::standard_params{.max_attempts = 5}};
    gr::retry_quota quota;
    const auto half = constant(0.5);
    BOOST_TEST(!once.after_failure(1, gr::failure::transient, quota, half).has_value());
    BOOST_TEST(five.after_failure(4, gr::failure::transient, quota, half).has_value());
    BOOST_TEST(!five.after_failure(5, gr::failure::transient, quota, half).has_value());
}

BOOST_AUTO_TEST_CASE(a_fatal_failure_is_never_retried_and_costs_nothing) {
    const auto policy = many_attempts();
    gr::retry_quota quota;
    BOOST_TEST(!policy.after_failure(1, gr::failure::fatal, quota, constant(0.5)).has_value());
    BOOST_TEST(quota.available() == 500);
}

BOOST_AUTO_TEST_CASE(each_retry_reports_its_quota_cost) {
    const auto policy = many_attempts();
    gr::retry_quota quota;
    const auto half = constant(0.5);
    BOOST_TEST(policy.after_failure(1, gr::failure::timeout, quota, half)->quota_cost == 10);
    BOOST_TEST(policy.after_failure(2, gr::failure::throttling, quota, half)->quota_cost == 5);
    BOOST_TEST(quota.available() == 485);
}

BOOST_AUTO_TEST_CASE(gives_up_when_the_retry_quota_is_exhausted) {
    const auto policy = many_attempts();
    gr::retry_quota quota{gr::quota_params{.capacity = 12}};
    const auto half = constant(0.5);
    BOOST_TEST(policy.after_failure(1, gr::failure::transient, quota, half).has_value());
    BOOST_TEST(policy.after_failure(1, gr::failure::transient, quota, half).has_value());
    BOOST_TEST(!policy.after_failure(1, gr::failure::transient, quota, half).has_value());
    // Successes refill it, and retries resume.
    for (int i = 0; i < 3; ++i) {
        quota.on_success(std::nullopt);
    }
    BOOST_TEST(policy.after_failure(1, gr::failure::transient, quota, half).has_value());
}

BOOST_AUTO_TEST_CASE(a_random_value_outside_zero_to_one_is_rejected_and_refunded) {
    const auto policy = many_attempts();
    gr::retry_quota quota;
    BOOST_CHECK_THROW(policy.after_failure(1, gr::failure::transient, quota, constant(1.0)),
                      std::invalid_argument);
    BOOST_CHECK_THROW(policy.after_failure(1, gr::failure::transient, quota, constant(-0.1)),
                      std::invalid_argument);
    BOOST_TEST(quota.available() == 500);
}

BOOST_AUTO_TEST_CASE(rejects_bad_parameters_and_attempt_numbers) {
    BOOST_CHECK_THROW(gr::standard_policy{gr::standard_params{.max_attempts = 0}},
                      std::invalid_argument);
    BOOST_CHECK_THROW(gr::standard_policy{gr::standard_params{.max_backoff = milliseconds{0}}},
                      std::invalid_argument);
    gr::retry_quota quota;
    BOOST_CHECK_THROW(
        gr::standard_policy{}.after_failure(0, gr::failure::transient, quota, constant(0.5)),
        std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
