#include "sigv4/signing_key_cache.hpp"

#include <boost/test/unit_test.hpp>

namespace sigv4 = glue_inventory::sigv4;
using namespace std::chrono_literals;

namespace {

constexpr std::chrono::sys_seconds day_one =
    std::chrono::sys_days{std::chrono::year{2015} / 8 / 30} + 12h;
constexpr std::string_view secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

} // namespace

BOOST_AUTO_TEST_SUITE(key_cache)

BOOST_AUTO_TEST_CASE(returns_the_derived_key) {
    sigv4::signing_key_cache cache;
    const sigv4::scope sc{"us-east-1", "glue", day_one};
    BOOST_TEST((cache.get(secret, sc) == sigv4::derive_signing_key(secret, sc)));
    BOOST_TEST((cache.get(secret, sc) == sigv4::derive_signing_key(secret, sc)));
    BOOST_TEST(cache.size() == 1U);
}

BOOST_AUTO_TEST_CASE(same_day_reuses_the_key) {
    sigv4::signing_key_cache cache;
    (void)cache.get(secret, {"us-east-1", "glue", day_one});
    (void)cache.get(secret, {"us-east-1", "glue", day_one + 11h + 59min});
    BOOST_TEST(cache.size() == 1U);
}

BOOST_AUTO_TEST_CASE(each_date_region_service_and_secret_has_its_own_key) {
    sigv4::signing_key_cache cache;
    const sigv4::scope base{"us-east-1", "glue", day_one};
    const auto k = cache.get(secret, base);
    const auto next_day = cache.get(secret, {"us-east-1", "glue", day_one + 24h});
    const auto other_region = cache.get(secret, {"eu-west-1", "glue", day_one});
    const auto other_service = cache.get(secret, {"us-east-1", "sts", day_one});
    const auto other_secret = cache.get("another-secret", base);
    BOOST_TEST(cache.size() == 5U);
    BOOST_TEST(
        (next_day == sigv4::derive_signing_key(secret, {"us-east-1", "glue", day_one + 24h})));
    BOOST_TEST((other_secret == sigv4::derive_signing_key("another-secret", base)));
    BOOST_TEST((k != next_day));
    BOOST_TEST((k != other_region));
    BOOST_TEST((k != other_service));
    BOOST_TEST((k != other_secret));
}

BOOST_AUTO_TEST_CASE(is_bounded_and_evicts_the_least_recently_used) {
    sigv4::signing_key_cache cache{2};
    const sigv4::scope a{"us-east-1", "glue", day_one};
    const sigv4::scope b{"us-east-2", "glue", day_one};
    const sigv4::scope c{"us-west-2", "glue", day_one};
    (void)cache.get(secret, a);
    (void)cache.get(secret, b);
    (void)cache.get(secret, a); // b is now the least recently used
    BOOST_TEST((cache.get(secret, c) == sigv4::derive_signing_key(secret, c)));
    BOOST_TEST(cache.size() == 2U);
    BOOST_TEST(cache.max_entries() == 2U);
    BOOST_TEST((cache.get(secret, a) == sigv4::derive_signing_key(secret, a)));
    BOOST_TEST((cache.get(secret, b) == sigv4::derive_signing_key(secret, b)));
    BOOST_TEST(cache.size() == 2U);
}

BOOST_AUTO_TEST_SUITE_END()
