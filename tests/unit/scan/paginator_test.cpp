#define BOOST_TEST_MODULE scan
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
