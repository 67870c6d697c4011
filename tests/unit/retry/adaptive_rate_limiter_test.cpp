// The adaptive mode's rate limiter, against botocore's ClientRateLimiter, TokenBucket,
// CubicCalculator and RateClocker. Expected numbers are derived below from botocore's formulas;
// botocore_reference.py runs botocore itself through the same scenarios and prints the same
// numbers (to the nanosecond its fake clock adds to sub-resolution waits).
//
// The formulas (rates in requests/s, times in s):
//   send rate:  per answer, count += 1; when the 0.5 s bucket floor(t / 0.5) x 0.5 has moved past
//               the last one, rate = count / (bucket - last_bucket) and
//               measured = 0.8 x rate + 0.2 x measured. The first last_bucket is floor(created).
//   throttle:   w_max = measured (or min(measured, fill rate) once enabled);
//               K = cbrt(w_max x (1 - 0.7) / 0.4); new rate = 0.7 x w_max.
//   success:    new rate = 0.4 x (t - last_throttle - K)^3 + w_max.
//   bucket:     fill rate = max(min(new rate, 2 x measured), 0.5);
//               capacity = max(min(new rate, 2 x measured), 1); waits are (1 - tokens) / fill rate.
#include "retry/adaptive_rate_limiter.hpp"

#include <boost/test/tools/floating_point_comparison.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cmath>
#include <stdexcept>

namespace gr = glue_inventory::retry;
namespace utf = boost::unit_test;
using clock_type = gr::adaptive_rate_limiter::clock;

namespace {

/// The injected clock: a point `seconds` after the steady clock's epoch.
clock_type::time_point at(double seconds) {
    return clock_type::time_point{
        std::chrono::duration_cast<clock_type::duration>(std::chrono::duration<double>{seconds})};
}

/// How far a wait is from `expected` seconds. Waits are rounded up to the nanosecond.
double error_of(std::chrono::nanoseconds wait, double expected) {
    return std::abs(std::chrono::duration<double>{wait}.count() - expected);
}

/// Created at 10.0; ten answers in [10.0, 10.5), one every 50 ms, the tenth a throttle at 10.5.
///   The first nine stay in the bucket 10.0 (= floor(10.0)): no rate yet, measured = 0, and each
///   success sets the bucket to min(0.4 x (t - 10 - 0)^3 + 0, 2 x 0) = 0 -> fill rate 0.5,
///   capacity 1. Tokens: 0 at 10.0, 0.5 x 0.4 = 0.2 at 10.4.
///   The throttle at 10.5 opens bucket 10.5: rate = 10 / 0.5 = 20, measured = 0.8 x 20 = 16.
///   Not enabled yet, so w_max = 16, K = cbrt(16 x 0.3 / 0.4) = cbrt(12) = 2.2894284851066637,
///   new rate = 0.7 x 16 = 11.2 (below 2 x 16): fill rate 11.2, capacity 11.2.
///   Tokens at 10.5: 0.2 + 0.1 x 0.5 = 0.25.
void throttle_at_20_per_second(gr::adaptive_rate_limiter& limiter) {
    for (int i = 0; i < 9; ++i) {
        limiter.on_response(at(10.0 + 0.05 * i), false);
    }
    limiter.on_response(at(10.5), true);
}

constexpr double cube_root_of_12 = 2.2894284851066637;

} // namespace

BOOST_AUTO_TEST_SUITE(adaptive_rate_limiter)

BOOST_AUTO_TEST_CASE(lets_everything_through_before_the_first_throttle) {
    gr::adaptive_rate_limiter limiter{at(10.0)};
    for (int i = 0; i < 9; ++i) {
        limiter.on_response(at(10.0 + 0.05 * i), false);
    }
    for (int i = 0; i < 100; ++i) {
        BOOST_TEST(limiter.acquire(at(10.45)).count() == 0);
    }
    BOOST_TEST(!limiter.enabled());
}

BOOST_AUTO_TEST_CASE(a_throttle_cuts_the_fill_rate_to_beta_times_the_measured_rate,
                     *utf::tolerance(1e-12)) {
    gr::adaptive_rate_limiter limiter{at(10.0)};
    throttle_at_20_per_second(limiter);
    BOOST_TEST(limiter.enabled());
    BOOST_TEST(limiter.measured_send_rate() == 16.0);
    BOOST_TEST(limiter.fill_rate() == 11.2);
    BOOST_TEST(limiter.max_capacity() == 11.2);
}

BOOST_AUTO_TEST_CASE(queued_sends_wait_at_the_fill_rate) {
    gr::adaptive_rate_limiter limiter{at(10.0)};
    throttle_at_20_per_second(limiter);
    // 0.25 tokens at 10.5, 11.2 tokens/s: the n-th send waits (n - 0.25) / 11.2.
    BOOST_TEST(error_of(limiter.acquire(at(10.5)), 0.75 / 11.2) < 1e-9);
    BOOST_TEST(error_of(limiter.acquire(at(10.5)), 1.75 / 11.2) < 1e-9);
    BOOST_TEST(error_of(limiter.acquire(at(10.5)), 2.75 / 11.2) < 1e-9);
    BOOST_TEST(error_of(limiter.acquire(at(10.5)), 3.75 / 11.2) < 1e-9);
}

BOOST_AUTO_TEST_CASE(a_full_bucket_lets_its_capacity_through_at_once) {
    gr::adaptive_rate_limiter limiter{at(10.0)};
    throttle_at_20_per_second(limiter);
    // One second later the bucket holds min(0.25 + 11.2, 11.2) = 11.2 tokens: 11 sends go at once,
    // the 12th waits for the missing 0.8 token.
    for (int i = 0; i < 11; ++i) {
        BOOST_TEST_REQUIRE(limiter.acquire(at(11.5)).count() == 0);
    }
    BOOST_TEST(error_of(limiter.acquire(at(11.5)), 0.8 / 11.2) < 1e-9);
}

BOOST_AUTO_TEST_CASE(a_success_after_a_throttle_follows_the_cubic_curve, *utf::tolerance(1e-12)) {
    gr::adaptive_rate_limiter limiter{at(10.0)};
    throttle_at_20_per_second(limiter);
    // At 10.6 (same bucket, measured still 16): 0.4 x (0.1 - cbrt(12))^3 + 16, below 2 x 16.
    limiter.on_response(at(10.6), false);
    BOOST_TEST(limiter.fill_rate() == 0.4 * std::pow(0.1 - cube_root_of_12, 3) + 16.0);
    BOOST_TEST(limiter.fill_rate() == 11.801904792788855);
}

BOOST_AUTO_TEST_CASE(the_rate_is_never_set_above_twice_the_measured_rate, *utf::tolerance(1e-12)) {
    gr::adaptive_rate_limiter limiter{at(10.0)};
    throttle_at_20_per_second(limiter);
    // A lone answer at 30.0: rate = 1 / (30 - 10.5), measured = 0.8 x 1/19.5 + 0.2 x 16
    // = 3.241025641025641; CUBIC says 0.4 x (19.5 - K)^3 + 16 (about 2000): capped at 2 x measured.
    limiter.on_response(at(30.0), false);
    BOOST_TEST(limiter.measured_send_rate() == 3.241025641025641);
    BOOST_TEST(limiter.fill_rate() == 6.482051282051282);
}

BOOST_AUTO_TEST_CASE(a_second_throttle_starts_from_the_lower_of_measured_and_fill_rate,
                     *utf::tolerance(1e-12)) {
    gr::adaptive_rate_limiter limiter{at(10.0)};
    throttle_at_20_per_second(limiter);
    // At 10.6 measured is still 16 but the bucket fills at 11.2: w_max = 11.2, 0.7 x 11.2 = 7.84.
    limiter.on_response(at(10.6), true);
    BOOST_TEST(limiter.fill_rate() == 7.84);
}

BOOST_AUTO_TEST_CASE(the_rate_recovers_once_throttling_stops, *utf::tolerance(1e-6)) {
    gr::adaptive_rate_limiter limiter{at(10.0)};
    throttle_at_20_per_second(limiter);
    // A client sending as fast as the limiter lets it, every answer a success. botocore's own
    // classes, run the same way (botocore_reference.py), reach these rates:
    struct checkpoint {
        int sends;
        double time;
        double fill_rate;
    };
    const checkpoint expected[] = {
        {7, 11.0418673758, 13.8652004378},  // still below w_max = 16
        {34, 12.7922427433, 16.0000000089}, // back at w_max when t - 10.5 = K
        {72, 15.0200894158, 20.4397720598}, // beyond it: the convex part of the cubic
    };
    auto now = at(10.5);
    int sends = 0;
    for (const auto& point : expected) {
        while (sends < point.sends) {
            now += limiter.acquire(now);
            limiter.on_response(now, false);
            ++sends;
            // Every success obeys the CUBIC formula, capped at twice the measured rate.
            const double t = std::chrono::duration<double>{now.time_since_epoch()}.count();
            const double cubic = 0.4 * std::pow(t - 10.5 - cube_root_of_12, 3) + 16.0;
            BOOST_TEST_REQUIRE(limiter.fill_rate() ==
                               std::max(std::min(cubic, 2 * limiter.measured_send_rate()), 0.5));
        }
        BOOST_TEST(std::chrono::duration<double>{now.time_since_epoch()}.count() == point.time);
        BOOST_TEST(limiter.fill_rate() == point.fill_rate);
    }
}

BOOST_AUTO_TEST_CASE(the_fill_rate_never_drops_below_half_a_request_per_second) {
    gr::adaptive_rate_limiter limiter{at(0.0)};
    // The first answer, a throttle at 4.0: rate = 1 / 4, measured = 0.8 x 0.25 = 0.2, new rate
    // 0.7 x 0.2 = 0.14: the bucket fills at the minimum 0.5, capacity 1. It held 1 token (filled
    // at 1/s since 0.0, capped at 1).
    limiter.on_response(at(4.0), true);
    BOOST_TEST(limiter.fill_rate() == 0.5);
    BOOST_TEST(limiter.max_capacity() == 1.0);
    BOOST_TEST(limiter.acquire(at(4.0)).count() == 0);
    BOOST_TEST(limiter.acquire(at(4.0)) == std::chrono::seconds{2});
    BOOST_TEST(limiter.acquire(at(4.0)) == std::chrono::seconds{4});
}

BOOST_AUTO_TEST_CASE(an_earlier_time_than_one_seen_adds_no_tokens) {
    gr::adaptive_rate_limiter limiter{at(0.0)};
    limiter.on_response(at(4.0), true);
    BOOST_TEST(limiter.acquire(at(4.0)).count() == 0);
    BOOST_TEST(limiter.acquire(at(3.0)) == std::chrono::seconds{2});
}

BOOST_AUTO_TEST_CASE(rejects_parameters_out_of_range) {
    BOOST_CHECK_THROW((gr::adaptive_rate_limiter{at(0.0), gr::adaptive_params{.beta = 1.0}}),
                      std::invalid_argument);
    BOOST_CHECK_THROW(
        (gr::adaptive_rate_limiter{at(0.0), gr::adaptive_params{.min_fill_rate = 0.0}}),
        std::invalid_argument);
    BOOST_CHECK_THROW(
        (gr::adaptive_rate_limiter{
            at(0.0), gr::adaptive_params{.rate_bucket = std::chrono::milliseconds{0}}}),
        std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
