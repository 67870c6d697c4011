#include "scan/admission.hpp"

#include <boost/test/unit_test.hpp>

using glue_inventory::scan_detail::admission;
using glue_inventory::scan_detail::prior_pages;

namespace {
/// Starts requests while the admission allows; returns how many started.
std::size_t start_all(admission& a) {
    std::size_t n = 0;
    while (a.may_start()) {
        a.started();
        ++n;
    }
    return n;
}
} // namespace

BOOST_AUTO_TEST_CASE(small_pages_keep_every_request_busy) {
    // 64 requests, 32 records each on average allowed: pages of ~26 records (most accounts).
    admission a(64, 64 * 32, 100);
    BOOST_TEST(start_all(a) == 20u); // before any page: each request counts as a full page
    for (int i = 0; i < 400; ++i) {
        a.finished(26);
        a.taken(26); // a fast consumer
        start_all(a);
    }
    BOOST_TEST(a.expected_page() == 29u); // the prior of 100 has faded
    BOOST_TEST(a.in_flight() == 64u);     // the average page now fits every request
    BOOST_TEST(!a.may_start());           // never more than the concurrency
}

BOOST_AUTO_TEST_CASE(empty_pages_answering_first_do_not_open_the_gate) {
    // Empty targets answer first: their pages alone must not make every request look free.
    admission a(64, 64 * 32, 100);
    start_all(a);
    for (int i = 0; i < 4; ++i) {
        a.finished(0);
    }
    BOOST_TEST(a.expected_page() == 80u); // 16 x 100 / 20
    BOOST_TEST(start_all(a) == 9u);       // 25 in flight at 80 fit 2048; not 64
}

BOOST_AUTO_TEST_CASE(big_pages_keep_fewer_requests_in_flight) {
    admission a(64, 64 * 32, 100);
    start_all(a);
    for (int i = 0; i < 20; ++i) {
        a.finished(100);
        a.taken(100);
    }
    BOOST_TEST(start_all(a) == 20u); // 2048 records / 100 per page
    BOOST_TEST(a.in_flight() * a.expected_page() <= 64u * 32u);
}

BOOST_AUTO_TEST_CASE(pages_the_consumer_has_not_taken_count_until_it_does) {
    admission a(8, 40, 10);
    BOOST_TEST(start_all(a) == 4u);
    for (int i = 0; i < 4; ++i) {
        a.finished(10); // received, not taken: a slow consumer
    }
    BOOST_TEST(a.held() == 40u);
    BOOST_TEST(!a.may_start()); // the consumer must catch up first
    a.taken(10);
    BOOST_TEST(a.may_start());
    a.started();
    BOOST_TEST(!a.may_start());
}

BOOST_AUTO_TEST_CASE(one_request_may_always_run_when_nothing_is_held) {
    // A page bigger than the whole budget must not stop the scan.
    admission a(4, 5, 1000);
    BOOST_TEST(a.may_start());
    a.started();
    BOOST_TEST(!a.may_start());
    a.finished(1000);
    BOOST_TEST(!a.may_start()); // held: wait for the consumer
    a.taken(1000);
    BOOST_TEST(a.may_start());
}

BOOST_AUTO_TEST_CASE(empty_pages_and_failures_hold_nothing) {
    admission a(4, 100, 50);
    BOOST_TEST(start_all(a) == 2u); // two pages of 50 fill the budget
    for (int i = 0; i < 2; ++i) {
        a.finished(0);
    }
    BOOST_TEST(a.held() == 0u);
    // A scan of empty targets (most regions of most accounts) soon expects nothing of a page.
    for (int i = 0; i < 200; ++i) {
        start_all(a);
        a.finished(0);
    }
    BOOST_TEST(a.expected_page() <= 4u);
    start_all(a);
    BOOST_TEST(a.in_flight() == 4u); // up to the concurrency
}

BOOST_AUTO_TEST_CASE(the_expected_page_is_the_weighted_average_rounded_up) {
    admission a(4, 1000, 7);
    BOOST_TEST(a.expected_page() == 7u);
    a.started();
    a.started();
    a.finished(3);
    a.finished(4);
    // (16 x 7 + 3 + 4) / 18 = 6.6
    BOOST_TEST(a.expected_page() == 7u);
    for (std::uint64_t i = 0; i < prior_pages; ++i) {
        a.started();
        a.finished(1);
    }
    // (112 + 7 + 16) / 34 = 3.97
    BOOST_TEST(a.expected_page() == 4u);
}
