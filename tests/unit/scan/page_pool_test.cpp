#include "scan/page_pool.hpp"

#include <boost/test/unit_test.hpp>

using glue_inventory::connection;
using glue_inventory::scan_detail::page_pool;

namespace {
/// A page of `n` connections, each named, its storage `n` exactly.
page_pool::page page_of(std::size_t n) {
    page_pool::page p(n);
    for (auto& c : p) {
        c.name = std::string(40, 'n');
    }
    return p;
}
} // namespace

BOOST_AUTO_TEST_CASE(pages_come_back_last_in_first_out_with_their_contents) {
    page_pool pool(2, 1000);
    auto a = page_of(3);
    auto b = page_of(5);
    const auto* a_storage = a.data();
    const auto* b_storage = b.data();
    pool.give_back(std::move(a));
    pool.give_back(std::move(b));
    BOOST_TEST(pool.size() == 2U);
    auto first = pool.take();
    BOOST_TEST(first.data() == b_storage);
    BOOST_TEST(first.size() == 5U); // the parser reads over the connections, not the pool
    BOOST_TEST(pool.take().data() == a_storage);
    BOOST_TEST(pool.size() == 0U);
    const auto none = pool.take();
    BOOST_TEST(none.capacity() == 0U);
}

BOOST_AUTO_TEST_CASE(the_pool_never_holds_more_than_its_limit) {
    page_pool pool(2, 1000);
    for (int i = 0; i < 10; ++i) {
        pool.give_back(page_of(10));
        BOOST_TEST(pool.size() <= 2U);
    }
    BOOST_TEST(pool.size() == 2U);
    pool.take();
    pool.give_back(page_of(1));
    BOOST_TEST(pool.size() == 2U);
}

BOOST_AUTO_TEST_CASE(a_page_over_the_size_limit_or_without_storage_is_freed) {
    page_pool pool(4, 1000);
    pool.give_back(page_of(1001));
    BOOST_TEST(pool.size() == 0U);
    pool.give_back(page_pool::page{});
    BOOST_TEST(pool.size() == 0U);
    auto reserved = page_pool::page{};
    reserved.reserve(2000); // empty, but its storage is over the limit
    pool.give_back(std::move(reserved));
    BOOST_TEST(pool.size() == 0U);
    pool.give_back(page_of(1000));
    BOOST_TEST(pool.size() == 1U);
}

BOOST_AUTO_TEST_CASE(a_pool_of_no_pages_keeps_nothing_and_clear_frees_all) {
    page_pool none(0, 1000);
    none.give_back(page_of(3));
    BOOST_TEST(none.size() == 0U);
    page_pool pool(3, 1000);
    pool.give_back(page_of(3));
    pool.give_back(page_of(3));
    pool.clear();
    BOOST_TEST(pool.size() == 0U);
    BOOST_TEST(pool.take().capacity() == 0U);
}
