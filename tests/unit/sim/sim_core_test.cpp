// glue-sim's socket-free pieces, tested directly: the token bucket that throttles, the
// tamper-checked page tokens, the stateless temporary credentials, the generator's determinism,
// the fault sequence's.
#include "data_generator.hpp"
#include "fault_plan.hpp"
#include "page_token.hpp"
#include "temporary_credentials.hpp"
#include "token_bucket.hpp"

#include <boost/test/unit_test.hpp>
#include <set>

using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(token_bucket)

BOOST_AUTO_TEST_CASE(a_full_bucket_allows_a_burst_then_throttles) {
    const auto t0 = glue_sim::token_bucket::clock::time_point{};
    glue_sim::token_bucket b(5.0, 3.0, t0);
    BOOST_TEST(b.try_take(t0));
    BOOST_TEST(b.try_take(t0));
    BOOST_TEST(b.try_take(t0));
    BOOST_TEST(!b.try_take(t0));
}

BOOST_AUTO_TEST_CASE(tokens_come_back_at_the_rate_and_never_above_the_burst) {
    const auto t0 = glue_sim::token_bucket::clock::time_point{};
    glue_sim::token_bucket b(5.0, 2.0, t0);
    BOOST_TEST(b.try_take(t0));
    BOOST_TEST(b.try_take(t0));
    BOOST_TEST(!b.try_take(t0 + 100ms)); // half a token back
    BOOST_TEST(b.try_take(t0 + 200ms));  // one token back in 200 ms at 5/s
    // A long pause refills to the burst, not beyond.
    BOOST_TEST(b.try_take(t0 + 10s));
    BOOST_TEST(b.try_take(t0 + 10s));
    BOOST_TEST(!b.try_take(t0 + 10s));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(page_token)

BOOST_AUTO_TEST_CASE(a_token_resumes_at_its_offset) {
    glue_sim::page_token_codec codec("server-key");
    const glue_sim::page_binding b{"111122223333", "us-east-1", "111122223333", ""};
    const auto token = codec.encode(b, 42);
    BOOST_TEST(codec.decode(token, b).value() == 42u);
}

BOOST_AUTO_TEST_CASE(a_token_is_refused_for_another_target_or_filter) {
    glue_sim::page_token_codec codec("server-key");
    const glue_sim::page_binding b{"111122223333", "us-east-1", "111122223333", ""};
    const auto token = codec.encode(b, 7);
    BOOST_TEST(!codec.decode(token, {"444455556666", "us-east-1", "444455556666", ""}));
    BOOST_TEST(!codec.decode(token, {"111122223333", "eu-west-1", "111122223333", ""}));
    BOOST_TEST(!codec.decode(token, {"111122223333", "us-east-1", "111122223333:x", ""}));
    BOOST_TEST(!codec.decode(token, {"111122223333", "us-east-1", "111122223333", "JDBC"}));
}

BOOST_AUTO_TEST_CASE(an_altered_token_or_one_from_another_server_is_refused) {
    glue_sim::page_token_codec codec("server-key");
    const glue_sim::page_binding b{"111122223333", "us-east-1", "111122223333", ""};
    const auto token = codec.encode(b, 7);
    for (std::size_t i = 0; i < token.size(); ++i) {
        auto altered = token;
        altered[i] = altered[i] == 'A' ? 'B' : 'A';
        BOOST_TEST(!codec.decode(altered, b), "altered at " << i);
    }
    BOOST_TEST(!glue_sim::page_token_codec("other-key").decode(token, b));
    BOOST_TEST(!codec.decode("", b));
    BOOST_TEST(!codec.decode(token.substr(0, token.size() / 2), b));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(temporary_credentials)

BOOST_AUTO_TEST_CASE(issued_credentials_check_out_with_their_claims) {
    glue_sim::temporary_credentials_issuer issuer("server-key");
    const auto expiry = std::chrono::sys_seconds{std::chrono::seconds{1'800'000'000}};
    const auto c = issuer.issue("444455556666", "Auditor", expiry);
    BOOST_TEST(glue_sim::temporary_credentials_issuer::is_temporary_key(c.access_key_id));
    BOOST_TEST(issuer.secret_for(c.access_key_id) == c.secret_access_key);
    const auto claims = issuer.check(c.access_key_id, c.session_token);
    BOOST_TEST_REQUIRE(claims.has_value());
    BOOST_TEST(claims->account == "444455556666");
    BOOST_TEST(claims->role_name == "Auditor");
    BOOST_TEST((claims->expiration == expiry));
}

BOOST_AUTO_TEST_CASE(a_token_is_refused_with_another_key_or_when_altered) {
    glue_sim::temporary_credentials_issuer issuer("server-key");
    const auto expiry = std::chrono::sys_seconds{std::chrono::seconds{1'800'000'000}};
    const auto a = issuer.issue("444455556666", "Auditor", expiry);
    const auto b = issuer.issue("111122223333", "Auditor", expiry);
    BOOST_TEST(!issuer.check(b.access_key_id, a.session_token));
    auto altered = a.session_token;
    altered[altered.size() / 2] = altered[altered.size() / 2] == 'A' ? 'B' : 'A';
    BOOST_TEST(!issuer.check(a.access_key_id, altered));
    BOOST_TEST(!glue_sim::temporary_credentials_issuer("other-key")
                    .check(a.access_key_id, a.session_token));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(data_generator)

BOOST_AUTO_TEST_CASE(the_same_seed_gives_the_same_connections) {
    const auto s1 = glue_sim::target_seed(1, "111122223333", "us-east-1");
    const auto s2 = glue_sim::target_seed(1, "111122223333", "us-east-1");
    BOOST_TEST(s1 == s2);
    glue_inventory::connection a, b;
    glue_sim::generate_connection(s1, 3, a);
    glue_sim::generate_connection(s2, 3, b);
    BOOST_TEST((a == b));
    BOOST_TEST(glue_sim::target_seed(2, "111122223333", "us-east-1") != s1);
}

BOOST_AUTO_TEST_CASE(counts_vary_around_the_mean_and_some_targets_are_empty) {
    std::size_t empty = 0;
    std::size_t total = 0;
    std::set<std::size_t> distinct;
    for (int i = 0; i < 400; ++i) {
        const auto n = glue_sim::generated_count(
            glue_sim::target_seed(9, glue_sim::generated_account_id(9, std::size_t(i)),
                                  "us-east-1"),
            20);
        empty += n == 0;
        total += n;
        distinct.insert(n);
        BOOST_TEST(n <= 30u);
    }
    BOOST_TEST(empty > 20u); // about one in eight
    BOOST_TEST(empty < 100u);
    BOOST_TEST(distinct.size() > 10u);
    BOOST_TEST(total > 400u * 12u); // about 7/8 of the mean per target
}

BOOST_AUTO_TEST_CASE(every_connection_type_appears) {
    std::set<std::string> types;
    glue_inventory::connection c;
    for (std::size_t i = 0; i < 400; ++i) {
        glue_sim::generate_connection(glue_sim::target_seed(1, "111122223333", "us-east-1"), i, c);
        if (c.connection_type) {
            types.insert(*c.connection_type);
        }
    }
    BOOST_TEST(types.size() == 92u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(fault_sequence)

namespace {

// The first `count` faults of a run (nullopt: no fault), as glue-sim draws them.
std::vector<std::optional<glue_sim::fault_kind>> run_faults(std::uint64_t seed, double rate,
                                                            std::size_t count) {
    using k = glue_sim::fault_kind;
    const std::vector<k> kinds{k::internal_error, k::service_unavailable, k::drop, k::truncate,
                               k::slow};
    std::vector<std::optional<k>> out;
    for (std::uint64_t n = 0; n < count; ++n) {
        out.push_back(glue_sim::fault_at(seed, n, rate, kinds));
    }
    return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(the_same_seed_gives_the_same_fault_sequence) {
    const auto a = run_faults(7, 0.2, 2000);
    BOOST_TEST((a == run_faults(7, 0.2, 2000)));
    BOOST_TEST((a != run_faults(8, 0.2, 2000)));
}

BOOST_AUTO_TEST_CASE(faults_come_at_the_rate_with_every_kind) {
    const auto faults = run_faults(1, 0.2, 10000);
    std::size_t with_fault = 0;
    std::set<glue_sim::fault_kind> kinds;
    for (const auto& f : faults) {
        if (f) {
            ++with_fault;
            kinds.insert(*f);
        }
    }
    // 2000 expected; the standard deviation is 40.
    BOOST_TEST(with_fault > 1800U);
    BOOST_TEST(with_fault < 2200U);
    BOOST_TEST(kinds.size() == 5U);
    BOOST_TEST(
        (run_faults(1, 0.0, 1000) == std::vector<std::optional<glue_sim::fault_kind>>(1000)));
}

BOOST_AUTO_TEST_SUITE_END()
