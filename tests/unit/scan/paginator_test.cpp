#include "scan/paginator.hpp"

#include <boost/test/unit_test.hpp>

using glue_inventory::scan_detail::paginator;

BOOST_AUTO_TEST_CASE(the_first_page_is_asked_without_a_token) {
    paginator p;
    BOOST_TEST(!p.next_token().has_value());
}

BOOST_AUTO_TEST_CASE(each_token_is_asked_with_once) {
    paginator p;
    BOOST_TEST((p.on_page(std::string("t1")) == paginator::step::next_page));
    BOOST_TEST(*p.next_token() == "t1");
    BOOST_TEST((p.on_page(std::string("t2")) == paginator::step::next_page));
    BOOST_TEST(*p.next_token() == "t2");
}

BOOST_AUTO_TEST_CASE(an_absent_token_ends_the_target) {
    paginator p;
    (void)p.on_page(std::string("t1"));
    BOOST_TEST((p.on_page(std::nullopt) == paginator::step::done));
    BOOST_TEST(!p.next_token().has_value());
}

BOOST_AUTO_TEST_CASE(an_empty_token_ends_the_target) {
    paginator p;
    BOOST_TEST((p.on_page(std::string()) == paginator::step::done));
}

BOOST_AUTO_TEST_CASE(a_repeated_token_stops_instead_of_looping) {
    paginator p;
    (void)p.on_page(std::string("a"));
    (void)p.on_page(std::string("b"));
    BOOST_TEST((p.on_page(std::string("a")) == paginator::step::repeated));
    BOOST_TEST(!p.next_token().has_value());
}

BOOST_AUTO_TEST_CASE(thousands_of_tokens_are_told_apart_and_each_repeat_is_found) {
    // Past many doublings of the token table: every new token goes on, every old one stops.
    paginator p;
    constexpr int tokens = 5000;
    for (int i = 0; i < tokens; ++i) {
        const std::string t = "token-" + std::to_string(i) + (i % 3 == 0 ? "-longer-than-sso" : "");
        BOOST_TEST_REQUIRE((p.on_page(t) == paginator::step::next_page), t);
    }
    glue_inventory::scan_detail::seen_tokens seen;
    for (int i = 0; i < tokens; ++i) {
        BOOST_TEST_REQUIRE(seen.insert("t" + std::to_string(i)));
    }
    BOOST_TEST(seen.size() == std::size_t{tokens});
    for (int i = 0; i < tokens; i += 7) {
        BOOST_TEST(!seen.insert("t" + std::to_string(i)));
    }
    BOOST_TEST(seen.insert("t-new"));
    BOOST_TEST((p.on_page(std::string("token-4999")) == paginator::step::repeated));
}

BOOST_AUTO_TEST_CASE(tokens_that_are_prefixes_of_each_other_are_different_tokens) {
    glue_inventory::scan_detail::seen_tokens seen;
    BOOST_TEST(seen.insert("ab"));
    BOOST_TEST(seen.insert("abc"));
    BOOST_TEST(seen.insert("a"));
    BOOST_TEST(seen.insert("bab"));
    BOOST_TEST(!seen.insert("abc"));
    BOOST_TEST(!seen.insert("a"));
}
