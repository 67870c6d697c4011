// --shard: the flag's syntax, the index from a batch system's environment, and the choice of an
// account's shard (every account in exactly one shard, the same one on every platform and
// version, shards of even size).
#include "command_line.hpp"
#include "scan_setup.hpp"
#include "shard.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <map>
#include <set>

using glue_cli::shard_choice;
using glue_cli::shard_request;

namespace {

/// A getenv that knows only `vars`.
glue_inventory::environment env_of(std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
        const auto it = vars.find(std::string(name));
        if (it == vars.end()) {
            return std::nullopt;
        }
        return it->second;
    };
}

std::optional<shard_request> parse(std::string_view text, std::string& error) {
    error.clear();
    return glue_cli::parse_shard_flag(text, error);
}

std::optional<shard_choice> resolve(std::string_view text, std::map<std::string, std::string> vars,
                                    std::string& error) {
    const auto request = parse(text, error);
    BOOST_REQUIRE(request);
    return glue_cli::resolve_shard(*request, env_of(std::move(vars)), error);
}

/// `count` account IDs as an organisation's look: 12 digits, mostly consecutive.
std::vector<std::string> account_ids(std::size_t count, std::uint64_t first) {
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < count; ++i) {
        auto text = std::to_string(first + i);
        ids.push_back(std::string(12 - text.size(), '0') + text);
    }
    return ids;
}

} // namespace

BOOST_AUTO_TEST_CASE(the_flag_takes_an_index_or_auto_and_a_count) {
    std::string error;
    BOOST_TEST((parse("0/1", error) == shard_request{0u, 1}));
    BOOST_TEST((parse("2/4", error) == shard_request{2u, 4}));
    BOOST_TEST((parse("99999/100000", error) == shard_request{99'999u, 100'000}));
    BOOST_TEST((parse("auto/8", error) == shard_request{std::nullopt, 8}));
    BOOST_TEST(error.empty());
}

BOOST_AUTO_TEST_CASE(a_bad_value_is_one_line_naming_the_flag_and_the_value) {
    const std::pair<const char*, const char*> cases[] = {
        {"3/3", "the index I must be from 0 to 2"},
        {"0/0", "the number of shards N must be from 1 to 100000"},
        {"0/100001", "the number of shards N must be from 1 to 100000"},
        {"auto/0", "the number of shards N must be from 1 to 100000"},
        {"x/2", "is not I/N or auto/N"},
        {"-1/2", "is not I/N or auto/N"},
        {"+1/2", "is not I/N or auto/N"},
        {" 1/2", "is not I/N or auto/N"},
        {"1/2/3", "is not I/N or auto/N"},
        {"1", "is not I/N or auto/N"},
        {"auto", "is not I/N or auto/N"},
        {"/2", "is not I/N or auto/N"},
        {"1/", "is not I/N or auto/N"},
        {"", "is not I/N or auto/N"},
        {"4294967296/2", "is not I/N or auto/N"},
    };
    for (const auto& [text, why] : cases) {
        std::string error;
        BOOST_TEST_INFO(text);
        BOOST_TEST(!parse(text, error));
        BOOST_TEST(error.starts_with("glue-inventory: --shard: '" + std::string(text) + "'"));
        BOOST_TEST(error.find(why) != std::string::npos, error);
        BOOST_TEST(error.find('\n') == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(the_command_line_of_scan_and_audit_takes_shard) {
    auto cl = glue_cli::parse_command_line({"glue-inventory", "scan", "--shard", "1/4"});
    BOOST_TEST((cl.what == glue_cli::command_line::action::scan));
    BOOST_TEST((cl.scan.shard == shard_request{1u, 4}));

    cl = glue_cli::parse_command_line(
        {"glue-inventory", "audit", "--org", "--role-name", "R", "--shard=auto/3"});
    BOOST_TEST((cl.what == glue_cli::command_line::action::audit));
    BOOST_TEST((cl.audit.scan.shard == shard_request{std::nullopt, 3}));

    cl = glue_cli::parse_command_line({"glue-inventory", "scan"});
    BOOST_TEST(!cl.scan.shard);

    for (const char* command : {"scan", "audit"}) {
        cl = glue_cli::parse_command_line({"glue-inventory", command, "--help"});
        BOOST_TEST(cl.text.find("--shard") != std::string::npos, command);
    }

    cl = glue_cli::parse_command_line({"glue-inventory", "scan", "--shard", "3/3"});
    BOOST_TEST((cl.what == glue_cli::command_line::action::fail));
    BOOST_TEST(cl.text.starts_with("glue-inventory: --shard: '3/3'"));

    // audit --input scans nothing: there is nothing to share out.
    cl = glue_cli::parse_command_line(
        {"glue-inventory", "audit", "--input", "records.ndjson", "--shard", "0/2"});
    BOOST_TEST((cl.what == glue_cli::command_line::action::fail));
    BOOST_TEST(cl.text.starts_with("glue-inventory: --shard: cannot be combined with --input"));
}

BOOST_AUTO_TEST_CASE(a_fixed_index_ignores_the_environment) {
    std::string error;
    BOOST_TEST((resolve("1/3", {{"JOB_COMPLETION_INDEX", "2"}}, error) == shard_choice{1, 3}));
}

BOOST_AUTO_TEST_CASE(auto_reads_the_kubernetes_or_the_aws_batch_index) {
    std::string error;
    BOOST_TEST((resolve("auto/4", {{"JOB_COMPLETION_INDEX", "3"}}, error) == shard_choice{3, 4}));
    BOOST_TEST(
        (resolve("auto/4", {{"AWS_BATCH_JOB_ARRAY_INDEX", "0"}}, error) == shard_choice{0, 4}));
    // Both set and equal (a Batch job that also exports the Kubernetes name) is one index.
    BOOST_TEST(
        (resolve("auto/4", {{"JOB_COMPLETION_INDEX", "2"}, {"AWS_BATCH_JOB_ARRAY_INDEX", "2"}},
                 error) == shard_choice{2, 4}));
    // An empty variable counts as unset.
    BOOST_TEST(
        (resolve("auto/4", {{"JOB_COMPLETION_INDEX", ""}, {"AWS_BATCH_JOB_ARRAY_INDEX", "1"}},
                 error) == shard_choice{1, 4}));
    BOOST_TEST(error.empty());
}

BOOST_AUTO_TEST_CASE(auto_without_a_usable_index_is_a_clear_error) {
    const std::pair<std::map<std::string, std::string>, const char*> cases[] = {
        {{},
         "needs the shard index in JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or "
         "AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch array job); neither is set"},
        {{{"JOB_COMPLETION_INDEX", ""}}, "neither is set"},
        {{{"JOB_COMPLETION_INDEX", "1"}, {"AWS_BATCH_JOB_ARRAY_INDEX", "2"}},
         "JOB_COMPLETION_INDEX=1 and AWS_BATCH_JOB_ARRAY_INDEX=2 disagree"},
        {{{"AWS_BATCH_JOB_ARRAY_INDEX", "4"}}, "AWS_BATCH_JOB_ARRAY_INDEX=4 is not from 0 to 3"},
        {{{"JOB_COMPLETION_INDEX", "one"}}, "JOB_COMPLETION_INDEX='one' is not a whole number"},
        {{{"JOB_COMPLETION_INDEX", "-1"}}, "JOB_COMPLETION_INDEX='-1' is not a whole number"},
    };
    for (const auto& [vars, why] : cases) {
        std::string error;
        BOOST_TEST(!resolve("auto/4", vars, error));
        BOOST_TEST(error.starts_with("glue-inventory: --shard: 'auto/4': "), error);
        BOOST_TEST(error.find(why) != std::string::npos, error);
    }
}

BOOST_AUTO_TEST_CASE(the_scan_setup_resolves_the_shard_from_its_environment) {
    glue_inventory::client_options base;
    base.identity.static_credentials = glue_inventory::credentials{"AKIDEXAMPLE", "secret", {}, {}};
    glue_cli::scan_arguments args;
    args.regions = {"eu-west-1"};
    args.accounts = {"123456789012"};
    args.shard = shard_request{std::nullopt, 5};
    std::string error;
    auto setup =
        glue_cli::make_scan_setup(args, base, env_of({{"JOB_COMPLETION_INDEX", "4"}}), {}, error);
    BOOST_REQUIRE_MESSAGE(setup, error);
    BOOST_TEST((setup->shard == shard_choice{4, 5}));

    setup = glue_cli::make_scan_setup(args, base, env_of({}), {}, error);
    BOOST_TEST(!setup);
    BOOST_TEST(error.find("neither is set") != std::string::npos, error);

    args.shard.reset();
    setup = glue_cli::make_scan_setup(args, base, env_of({}), {}, error);
    BOOST_REQUIRE(setup);
    BOOST_TEST(!setup->shard);
}

// The documented rule, reproduced outside this code: python3 -c 'import hashlib;
// print(hex(int(hashlib.sha256(b"123456789012").hexdigest()[:16], 16)))'. A change of hash
// would move accounts between the shards of a running sharded scan: these values never change.
BOOST_AUTO_TEST_CASE(an_account_always_lands_in_the_same_shard) {
    BOOST_TEST(glue_cli::account_hash("123456789012") == 0x2a33349e7e606a8aULL);
    BOOST_TEST(glue_cli::account_hash("000000000000") == 0xf7b11509f4d675c3ULL);
    struct expected {
        const char* id;
        unsigned mod2, mod3, mod4, mod7, mod10;
    };
    const expected table[] = {
        {"000000000000", 1, 0, 3, 2, 9}, {"123456789012", 0, 1, 2, 1, 4},
        {"344397465000", 0, 2, 0, 4, 6}, {"111111111111", 0, 1, 2, 4, 6},
        {"999999999999", 0, 1, 0, 0, 2},
    };
    for (const auto& e : table) {
        BOOST_TEST_INFO(e.id);
        BOOST_TEST(glue_cli::shard_of_account(e.id, 1) == 0u);
        BOOST_TEST(glue_cli::shard_of_account(e.id, 2) == e.mod2);
        BOOST_TEST(glue_cli::shard_of_account(e.id, 3) == e.mod3);
        BOOST_TEST(glue_cli::shard_of_account(e.id, 4) == e.mod4);
        BOOST_TEST(glue_cli::shard_of_account(e.id, 7) == e.mod7);
        BOOST_TEST(glue_cli::shard_of_account(e.id, 10) == e.mod10);
    }
}

BOOST_AUTO_TEST_CASE(every_account_is_in_exactly_one_shard_in_its_order) {
    const auto ids = account_ids(2'000, 344'397'465'000);
    for (unsigned count : {1u, 2u, 3u, 5u, 16u, 64u}) {
        std::multiset<std::string> seen;
        for (unsigned i = 0; i < count; ++i) {
            const auto mine = glue_cli::accounts_of_shard(ids, {i, count});
            // In the order of the input: a subsequence of it.
            auto it = ids.begin();
            for (const auto& id : mine) {
                it = std::find(it, ids.end(), id);
                BOOST_REQUIRE(it != ids.end());
                BOOST_TEST(glue_cli::shard_of_account(id, count) == i);
            }
            seen.insert(mine.begin(), mine.end());
        }
        BOOST_TEST(seen.size() == ids.size());
        for (const auto& id : ids) {
            BOOST_TEST(seen.count(id) == 1u);
        }
    }
}

BOOST_AUTO_TEST_CASE(shards_are_of_even_size) {
    // Consecutive IDs (as in one organisation) and scattered ones.
    const std::vector<std::vector<std::string>> sets = {account_ids(100'000, 344'397'400'000),
                                                        account_ids(100'000, 100'000'000'000)};
    for (const auto& ids : sets) {
        for (unsigned count : {2u, 3u, 4u, 10u, 16u, 100u}) {
            std::vector<std::size_t> sizes(count);
            for (const auto& id : ids) {
                ++sizes[glue_cli::shard_of_account(id, count)];
            }
            const double mean = static_cast<double>(ids.size()) / count;
            // Within 5 standard deviations of a fair split (binomial): 2.6% at N=2, 16% at N=100.
            const double sd = std::sqrt(mean * (1.0 - 1.0 / count));
            for (std::size_t s = 0; s < count; ++s) {
                BOOST_TEST_INFO("N=" << count << " shard " << s);
                BOOST_TEST(std::abs(static_cast<double>(sizes[s]) - mean) < 5 * sd);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(the_summary_names_the_shard_and_its_share) {
    BOOST_TEST(glue_cli::shard_text({1, 4}, 12, 50) == "shard 1/4: 12 accounts of 50");
    BOOST_TEST(glue_cli::shard_text({0, 2}, 1, 3) == "shard 0/2: 1 account of 3");
    BOOST_TEST(glue_cli::shard_text({2, 3}, 0, 1) == "shard 2/3: 0 accounts of 1");
}
