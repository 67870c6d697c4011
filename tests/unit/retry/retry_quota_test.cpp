// The standard mode's retry quota, against botocore's RetryQuota and RetryQuotaChecker
// (STANDARD_RETRY_MODE_VERSION 2.0): 500 tokens, 5 per retry, 10 per timeout retry, 1 back per
// success without retry, the last retry's cost back per success after retries.
#include "retry/retry_quota.hpp"

#include <boost/test/unit_test.hpp>
#include <stdexcept>

namespace gr = glue_inventory::retry;

BOOST_AUTO_TEST_SUITE(retry_quota)

BOOST_AUTO_TEST_CASE(starts_full_with_500_tokens) {
    gr::retry_quota quota;
    BOOST_TEST(quota.available() == 500);
}

BOOST_AUTO_TEST_CASE(a_throttling_or_transient_retry_costs_5_tokens) {
    gr::retry_quota quota;
    int cost = -1;
    BOOST_TEST(quota.try_acquire(gr::failure::throttling, cost));
    BOOST_TEST(cost == 5);
    BOOST_TEST(quota.try_acquire(gr::failure::transient, cost));
    BOOST_TEST(cost == 5);
    BOOST_TEST(quota.available() == 490);
}

BOOST_AUTO_TEST_CASE(a_timeout_retry_costs_10_tokens) {
    gr::retry_quota quota;
    int cost = -1;
    BOOST_TEST(quota.try_acquire(gr::failure::timeout, cost));
    BOOST_TEST(cost == 10);
    BOOST_TEST(quota.available() == 490);
}

BOOST_AUTO_TEST_CASE(a_fatal_failure_takes_nothing) {
    gr::retry_quota quota;
    int cost = -1;
    BOOST_TEST(!quota.try_acquire(gr::failure::fatal, cost));
    BOOST_TEST(cost == 0);
    BOOST_TEST(quota.available() == 500);
}

BOOST_AUTO_TEST_CASE(exhausted_after_100_retries_then_refuses_without_taking) {
    gr::retry_quota quota;
    int cost = 0;
    for (int i = 0; i < 100; ++i) {
        BOOST_TEST_REQUIRE(quota.try_acquire(gr::failure::transient, cost));
    }
    BOOST_TEST(quota.available() == 0);
    BOOST_TEST(!quota.try_acquire(gr::failure::transient, cost));
    BOOST_TEST(cost == 0);
    BOOST_TEST(quota.available() == 0);
}

BOOST_AUTO_TEST_CASE(a_timeout_retry_is_refused_when_only_a_plain_retry_fits) {
    gr::retry_quota quota{gr::quota_params{.capacity = 7}};
    int cost = 0;
    BOOST_TEST(!quota.try_acquire(gr::failure::timeout, cost));
    BOOST_TEST(quota.try_acquire(gr::failure::throttling, cost));
    BOOST_TEST(quota.available() == 2);
}

BOOST_AUTO_TEST_CASE(successes_without_retry_refill_one_token_each) {
    gr::retry_quota quota;
    int cost = 0;
    for (int i = 0; i < 100; ++i) {
        BOOST_TEST_REQUIRE(quota.try_acquire(gr::failure::throttling, cost));
    }
    for (int i = 0; i < 4; ++i) {
        quota.on_success(std::nullopt);
    }
    BOOST_TEST(!quota.try_acquire(gr::failure::throttling, cost));
    quota.on_success(std::nullopt);
    BOOST_TEST(quota.available() == 5);
    BOOST_TEST(quota.try_acquire(gr::failure::throttling, cost));
}

BOOST_AUTO_TEST_CASE(a_success_after_retries_gives_back_the_last_retry_cost) {
    gr::retry_quota quota;
    int first = 0;
    int last = 0;
    BOOST_TEST(quota.try_acquire(gr::failure::timeout, first));
    BOOST_TEST(quota.try_acquire(gr::failure::throttling, last));
    BOOST_TEST(quota.available() == 485);
    quota.on_success(last);
    BOOST_TEST(quota.available() == 490); // botocore returns the last acquisition only
}

BOOST_AUTO_TEST_CASE(never_refills_beyond_its_capacity) {
    gr::retry_quota quota;
    quota.on_success(std::nullopt);
    quota.release(1'000'000);
    BOOST_TEST(quota.available() == 500);
}

BOOST_AUTO_TEST_CASE(rejects_negative_parameters_and_releases) {
    BOOST_CHECK_THROW(gr::retry_quota{gr::quota_params{.capacity = -1}}, std::invalid_argument);
    BOOST_CHECK_THROW(gr::retry_quota{gr::quota_params{.retry_cost = -5}}, std::invalid_argument);
    gr::retry_quota quota;
    BOOST_CHECK_THROW(quota.release(-1), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
