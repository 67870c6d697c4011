#include "sigv4/signing_key_cache.hpp"

#include <boost/test/unit_test.hpp>
#include <memory>
#include <string>
#include <utility>

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

BOOST_AUTO_TEST_CASE(an_owner_is_found_by_identity_within_its_scope) {
    sigv4::signing_key_cache cache;
    const auto owner = std::make_shared<const std::string>(secret);
    const sigv4::scope sc{"us-east-1", "glue", day_one};
    const sigv4::scope next_day{"us-east-1", "glue", day_one + 24h};
    const sigv4::scope other_region{"eu-west-1", "glue", day_one};
    BOOST_TEST((cache.get(*owner, sc, owner) == sigv4::derive_signing_key(secret, sc)));
    BOOST_TEST((cache.get(*owner, sc, owner) == sigv4::derive_signing_key(secret, sc)));
    BOOST_TEST((cache.get(*owner, next_day, owner) == sigv4::derive_signing_key(secret, next_day)));
    BOOST_TEST((cache.get(*owner, other_region, owner) ==
                sigv4::derive_signing_key(secret, other_region)));
    // The key found by the secret and the one found by the owner are one entry per scope.
    BOOST_TEST((cache.get(secret, sc) == sigv4::derive_signing_key(secret, sc)));
    BOOST_TEST(cache.size() == 3U);
}

BOOST_AUTO_TEST_CASE(credentials_made_after_the_old_ones_are_gone_get_their_own_key) {
    // Refreshed credentials are a new object, often where the old one was: never its key.
    sigv4::signing_key_cache cache;
    const sigv4::scope sc{"us-east-1", "glue", day_one};
    for (int i = 0; i < 50; ++i) {
        const auto owner = std::make_shared<const std::string>("secret-" + std::to_string(i));
        BOOST_TEST((cache.get(*owner, sc, owner) == sigv4::derive_signing_key(*owner, sc)));
        BOOST_TEST((cache.get(*owner, sc, owner) == sigv4::derive_signing_key(*owner, sc)));
    }
}

BOOST_AUTO_TEST_CASE(objects_that_share_an_owner_are_told_apart) {
    // Two credentials in one allocation (aliasing shared_ptrs share one control block).
    sigv4::signing_key_cache cache;
    const sigv4::scope sc{"us-east-1", "glue", day_one};
    const auto both = std::make_shared<const std::pair<std::string, std::string>>(
        std::string{secret}, "another-secret");
    const std::shared_ptr<const void> first(both, &both->first);
    const std::shared_ptr<const void> second(both, &both->second);
    BOOST_TEST((cache.get(both->first, sc, first) == sigv4::derive_signing_key(both->first, sc)));
    BOOST_TEST(
        (cache.get(both->second, sc, second) == sigv4::derive_signing_key(both->second, sc)));
    BOOST_TEST((cache.get(both->first, sc, first) == sigv4::derive_signing_key(both->first, sc)));
}

BOOST_AUTO_TEST_CASE(the_cache_does_not_keep_an_owner_alive) {
    sigv4::signing_key_cache cache;
    auto owner = std::make_shared<const std::string>(secret);
    const std::weak_ptr<const std::string> watch = owner;
    (void)cache.get(*owner, {"us-east-1", "glue", day_one}, owner);
    owner.reset();
    BOOST_TEST(watch.expired());
}

BOOST_AUTO_TEST_SUITE_END()
