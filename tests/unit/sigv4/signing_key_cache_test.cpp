#include "sigv4/signing_key_cache.hpp"

#include <boost/test/unit_test.hpp>
#include <memory>
#include <string>
#include <utility>
#include <vector>

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

namespace {

/// `n` signers, each with its own credentials and region, as a scan's workers: owners of their
/// secrets, and the scope each signs in.
struct signers {
    std::vector<std::shared_ptr<const std::string>> owners;
    std::vector<std::string> regions;
    explicit signers(int n) {
        for (int i = 0; i < n; ++i) {
            owners.push_back(std::make_shared<const std::string>("secret-" + std::to_string(i)));
            regions.push_back("region-" + std::to_string(i % 7));
        }
    }
    /// Every signer once, in turn, as requests of concurrent workers take turns.
    void sign_in_turn(sigv4::signing_key_cache& cache) const {
        for (std::size_t i = 0; i < owners.size(); ++i) {
            const sigv4::scope sc{regions[i], "glue", day_one};
            BOOST_TEST((cache.get(*owners[i], sc, owners[i]) ==
                        sigv4::derive_signing_key(*owners[i], sc)));
        }
    }
};

} // namespace

BOOST_AUTO_TEST_CASE(with_room_for_them_signers_taking_turns_derive_each_key_once) {
    // 200 workers (a scan of concurrency 200) take turns, 5 pages each: beyond the base bound
    // of 64, least-recently-used order alone would derive a key for every request (1,000).
    sigv4::signing_key_cache cache;
    const signers workers(200);
    cache.add_room(2 * workers.owners.size());
    for (int round = 0; round < 5; ++round) {
        workers.sign_in_turn(cache);
    }
    BOOST_TEST(cache.derived() == 200U);
    BOOST_TEST(cache.size() == 200U);
}

BOOST_AUTO_TEST_CASE(signers_beyond_the_bound_taking_turns_miss_every_time) {
    // What the room is for: the same pattern with only the base bound (the cache before scans
    // added room) derives a key per request.
    sigv4::signing_key_cache cache;
    const signers workers(200);
    for (int round = 0; round < 2; ++round) {
        workers.sign_in_turn(cache);
    }
    BOOST_TEST(cache.derived() == 400U);
    BOOST_TEST(cache.size() == sigv4::signing_key_cache::default_max_entries);
}

BOOST_AUTO_TEST_CASE(room_given_back_evicts_down_to_the_bound_least_recently_used_first) {
    sigv4::signing_key_cache cache{2};
    cache.add_room(3);
    BOOST_TEST(cache.max_entries() == 5U);
    const std::string regions[] = {"r0", "r1", "r2", "r3", "r4"};
    for (const auto& r : regions) {
        (void)cache.get(secret, {r, "glue", day_one});
    }
    (void)cache.get(secret, {"r0", "glue", day_one}); // r1 is now the least recently used
    BOOST_TEST(cache.size() == 5U);
    cache.remove_room(3);
    BOOST_TEST(cache.max_entries() == 2U);
    BOOST_TEST(cache.size() == 2U);
    const auto derived = cache.derived();
    (void)cache.get(secret, {"r0", "glue", day_one}); // kept: used last
    (void)cache.get(secret, {"r4", "glue", day_one}); // kept: used before r0
    BOOST_TEST(cache.derived() == derived);
    (void)cache.get(secret, {"r1", "glue", day_one});
    BOOST_TEST(cache.derived() == derived + 1);
    cache.remove_room(10); // more than was added: the base bound stays
    BOOST_TEST(cache.max_entries() == 2U);
}

BOOST_AUTO_TEST_CASE(a_new_owner_at_an_old_owners_address_is_indexed_anew) {
    // Credentials refreshed into the same memory, with the same secret: found by the secret,
    // then by the new owner's identity, never by the old one's.
    sigv4::signing_key_cache cache;
    const sigv4::scope sc{"us-east-1", "glue", day_one};
    const auto first = std::make_shared<const std::string>(secret);
    const std::shared_ptr<const void> first_alias(first, first.get());
    (void)cache.get(secret, sc, first_alias);
    const auto second = std::make_shared<const std::string>(secret);
    const std::shared_ptr<const void> second_alias(second, first.get()); // the same address
    BOOST_TEST((cache.get(secret, sc, second_alias) == sigv4::derive_signing_key(secret, sc)));
    BOOST_TEST((cache.get(secret, sc, first_alias) == sigv4::derive_signing_key(secret, sc)));
    BOOST_TEST(cache.derived() == 1U);
    BOOST_TEST(cache.size() == 1U);
}

BOOST_AUTO_TEST_SUITE_END()
