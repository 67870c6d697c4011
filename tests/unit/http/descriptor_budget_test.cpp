// Connections that fit under the descriptor limit (`ulimit -n`).
#include "http/descriptor_budget.hpp"

#include <boost/test/unit_test.hpp>
#include <sys/resource.h>

namespace http = glue_inventory::http;

BOOST_AUTO_TEST_SUITE(descriptor_budget)

BOOST_AUTO_TEST_CASE(the_limit_less_the_reserve_and_never_zero) {
    BOOST_TEST(http::connections_within(1024) == 1024 - http::reserved_descriptors);
    BOOST_TEST(http::connections_within(64) == 64 - http::reserved_descriptors);
    BOOST_TEST(http::connections_within(http::reserved_descriptors + 1) == 1u);
    BOOST_TEST(http::connections_within(http::reserved_descriptors) == 1u);
    BOOST_TEST(http::connections_within(0) == 1u);
}

BOOST_AUTO_TEST_CASE(this_process_limit_is_read_when_asked) {
    rlimit saved{};
    BOOST_TEST_REQUIRE(::getrlimit(RLIMIT_NOFILE, &saved) == 0);
    if (saved.rlim_max != RLIM_INFINITY && saved.rlim_max < 64) {
        return; // cannot be raised to the test's value
    }
    rlimit lowered = saved;
    lowered.rlim_cur = 64;
    BOOST_TEST_REQUIRE(::setrlimit(RLIMIT_NOFILE, &lowered) == 0);
    const auto fit = http::connections_within_descriptor_limit();
    ::setrlimit(RLIMIT_NOFILE, &saved);
    BOOST_TEST(fit == 64 - http::reserved_descriptors);
}

BOOST_AUTO_TEST_SUITE_END()
