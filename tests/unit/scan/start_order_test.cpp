#include "scan/start_order.hpp"

#include <boost/test/unit_test.hpp>

using glue_inventory::target;
using glue_inventory::scan_detail::start_order;

BOOST_AUTO_TEST_CASE(targets_start_round_robin_over_their_accounts) {
    // accounts x regions, as the CLI builds them: every account's regions one after the other.
    const std::vector<target> targets = {
        {"A", "r1", std::nullopt}, {"A", "r2", std::nullopt}, {"A", "r3", std::nullopt},
        {"B", "r1", std::nullopt}, {"B", "r2", std::nullopt}, {"C", "r1", std::nullopt},
    };
    const std::vector<std::size_t> expected = {0, 3, 5, 1, 4, 2}; // A B C, A B, A
    BOOST_TEST(start_order(targets) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(every_target_is_started_once) {
    std::vector<target> targets;
    for (int i = 0; i < 100; ++i) {
        targets.push_back({"acct" + std::to_string(i % 7), "r" + std::to_string(i), std::nullopt});
    }
    auto order = start_order(targets);
    std::sort(order.begin(), order.end());
    for (std::size_t i = 0; i < order.size(); ++i) {
        BOOST_TEST(order[i] == i);
    }
    BOOST_TEST(start_order({}).empty());
}
