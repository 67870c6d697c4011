// --shard end to end: N shard processes of glue-inventory run in parallel against one glue-sim,
// each writing its own NDJSON (and --errors), as the pods of a Kubernetes Indexed Job or the
// children of an AWS Batch array job would. The union of their outputs is exactly the output of
// one unsharded run: no record lost, none twice, no account in two shards, each account's role
// assumed by one shard only.
#include "shard.hpp" // shard_of_account: the documented rule the CLI must follow
#include "sim_process.hpp"
#include "text_files.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <simdjson.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using glue_test::lines_of;
using glue_test::read_text;

namespace fs = std::filesystem;

/// The number of shards each test splits into.
constexpr unsigned shard_count = 3;

/// Accounts glue-sim generates (ACTIVE, plus one suspended that --org skips).
constexpr unsigned sim_accounts = 12;

/// The target and the error of an --errors line: its RequestId differs from run to run.
std::string failure_key(simdjson::dom::parser& parser, const std::string& line) {
    simdjson::dom::element e = parser.parse(line);
    std::string key;
    for (const char* member : {"AccountId", "Region", "CatalogId", "ErrorCode"}) {
        key += std::string(std::string_view(e[member])) + " ";
    }
    return key;
}

std::string account_of(simdjson::dom::parser& parser, const std::string& line) {
    simdjson::dom::element e = parser.parse(line);
    return std::string(std::string_view(e["AccountId"]));
}

/// What one glue-inventory process left behind.
struct run_output {
    int status = -1;
    std::vector<std::string> records; // the lines of --output
    std::vector<std::string> errors;  // the lines of --errors
    std::string err;                  // stderr
};

struct shard_env {
    shard_env()
        : sim({"--host", "127.0.0.1", "--port", "0", "--accounts", std::to_string(sim_accounts),
               "--regions", "us-east-1,eu-west-1", "--connections-per-target", "25", "--role-name",
               "Reader"}) {
        dir = fs::temp_directory_path() / ("glue-shard-test-" + std::to_string(::getpid()));
        fs::create_directories(dir);
    }
    ~shard_env() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }

    /// A clean environment with the simulator's keys, then `extra` ("NAME=value ...").
    std::string environment(const std::string& extra) const {
        const auto& r = sim.ready();
        // Instance metadata on a closed local port: no test sends traffic off this machine.
        return "env -i AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:9 HOME=" + dir.string() +
               " AWS_ACCESS_KEY_ID=" + r.access_key_id +
               " AWS_SECRET_ACCESS_KEY=" + r.secret_access_key + " AWS_REGION=eu-west-1 " + extra +
               " ";
    }

    /// The shell command of one run named `name`: `glue-inventory COMMAND ARGS` against the
    /// simulator, --output and --errors to files of its own, its exit status to `name`.rc.
    std::string command(const std::string& name, const std::string& args,
                        const std::string& extra_env = "") const {
        const auto& r = sim.ready();
        const auto base = (dir / name).string();
        return "(" + environment(extra_env) + GLUE_INVENTORY_PATH + " " + args +
               " --endpoint-url " + r.endpoint_url + " --ca-bundle " + r.ca_bundle +
               " --regions us-east-1,eu-west-1 --no-progress --output " + base + ".out --errors " +
               base + ".errors 2>" + base + ".err </dev/null; echo $? >" + base + ".rc)";
    }

    run_output output_of(const std::string& name) const {
        const auto base = (dir / name).string();
        run_output o;
        o.status = std::stoi(read_text(base + ".rc"));
        o.records = lines_of(read_text(base + ".out"));
        o.errors = lines_of(read_text(base + ".errors"));
        o.err = read_text(base + ".err");
        return o;
    }

    /// Runs the commands at once (each a `command`) and waits for all of them.
    void run_in_parallel(const std::vector<std::string>& commands) const {
        std::string script;
        for (const auto& c : commands) {
            script += c + " & ";
        }
        script += "wait";
        const int raw = std::system(script.c_str());
        BOOST_REQUIRE(WIFEXITED(raw) && WEXITSTATUS(raw) == 0);
    }

    /// Where a shard process finds its index.
    enum class index_from {
        flag,       // --shard I/N
        kubernetes, // --shard auto/N with JOB_COMPLETION_INDEX, as an Indexed Job's pods
        aws_batch,  // --shard auto/N with AWS_BATCH_JOB_ARRAY_INDEX, as an array job's children
    };

    /// Runs `args` unsharded (into `whole`) and as shard_count shards, all at once; returns the
    /// shards' outputs in index order.
    std::vector<run_output> run_sharded(const std::string& args, index_from how,
                                        run_output& whole) const {
        const auto n = std::to_string(shard_count);
        std::vector<std::string> commands{command("whole", args)};
        for (unsigned i = 0; i < shard_count; ++i) {
            const auto index = std::to_string(i);
            const std::string variable = how == index_from::kubernetes ? "JOB_COMPLETION_INDEX="
                                         : how == index_from::aws_batch
                                             ? "AWS_BATCH_JOB_ARRAY_INDEX="
                                             : "";
            commands.push_back(
                command("shard" + index,
                        args + " --shard " + (how == index_from::flag ? index : "auto") + "/" + n,
                        variable.empty() ? "" : variable + index));
        }
        run_in_parallel(commands);
        whole = output_of("whole");
        std::vector<run_output> shards;
        for (unsigned i = 0; i < shard_count; ++i) {
            shards.push_back(output_of("shard" + std::to_string(i)));
        }
        return shards;
    }

    /// The unsharded run `whole` and the shard runs `shard0`.. compared: the union of the
    /// shards' records (and --errors lines) is exactly the whole run's; every account is in the
    /// one shard shard_of_account names; each shard's summary names its share.
    void check_union(const run_output& whole, const std::vector<run_output>& shards) const {
        simdjson::dom::parser parser;
        std::vector<std::string> all_records, all_errors;
        std::map<std::string, unsigned> shard_of; // account -> the shard whose output holds it
        std::size_t accounts_in_shards = 0;
        for (unsigned i = 0; i < shards.size(); ++i) {
            const auto& s = shards[i];
            std::set<std::string> mine;
            for (const auto* lines : {&s.records, &s.errors}) {
                for (const auto& line : *lines) {
                    const auto account = account_of(parser, line);
                    mine.insert(account);
                    BOOST_TEST(glue_cli::shard_of_account(account, shard_count) == i, account);
                    const auto [it, fresh] = shard_of.emplace(account, i);
                    BOOST_TEST((fresh || it->second == i), account << " in two shards");
                }
            }
            all_records.insert(all_records.end(), s.records.begin(), s.records.end());
            for (const auto& line : s.errors) {
                all_errors.push_back(failure_key(parser, line));
            }
            // "shard 1/3: 4 accounts of 12": the share this process scanned.
            const std::string prefix = "glue-inventory: shard " + std::to_string(i) + "/" +
                                       std::to_string(shard_count) + ": ";
            const auto at = s.err.find(prefix);
            BOOST_REQUIRE_MESSAGE(at != std::string::npos, s.err);
            const auto count = std::stoul(s.err.substr(at + prefix.size()));
            BOOST_TEST(count >= mine.size());
            accounts_in_shards += count;
        }
        std::set<std::string> whole_accounts;
        for (const auto* lines : {&whole.records, &whole.errors}) {
            for (const auto& line : *lines) {
                whole_accounts.insert(account_of(parser, line));
            }
        }
        BOOST_TEST(accounts_in_shards == whole_accounts.size());
        auto expected_records = whole.records;
        std::vector<std::string> expected_errors;
        for (const auto& line : whole.errors) {
            expected_errors.push_back(failure_key(parser, line));
        }
        for (auto* v : {&expected_records, &all_records, &expected_errors, &all_errors}) {
            std::sort(v->begin(), v->end());
        }
        BOOST_TEST(!expected_records.empty());
        // Equal as sorted lists: the same records, and none twice.
        BOOST_TEST(all_records == expected_records);
        BOOST_TEST(all_errors == expected_errors);
        BOOST_TEST(
            (std::adjacent_find(all_records.begin(), all_records.end()) == all_records.end()));
    }

    glue_test::sim_process sim;
    fs::path dir;
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(shards, shard_env)

BOOST_AUTO_TEST_CASE(org_scan_in_three_parallel_shards_equals_one_scan) {
    run_output whole;
    const auto shards =
        run_sharded("scan --org --role-name Reader --format ndjson", index_from::flag, whole);
    BOOST_TEST(whole.status == 0, whole.err);
    BOOST_TEST(whole.errors.empty());
    for (const auto& s : shards) {
        BOOST_TEST(s.status == 0, s.err);
    }
    check_union(whole, shards);
    // Each of the four runs assumed each of its accounts' roles once: the shards together
    // assumed each role once, as the whole scan did.
    const auto stats = sim.stop();
    BOOST_TEST(glue_test::stats_value(stats, "/requests/AssumeRole") == 2u * sim_accounts);
}

BOOST_AUTO_TEST_CASE(accounts_file_with_auto_shards_keeps_failures_in_their_shard) {
    // The simulator's accounts and one it does not know: its AssumeRole fails, and its failed
    // targets go to the --errors file of its own shard only.
    {
        std::ofstream file(dir / "accounts.txt");
        file << "# the organisation, and a stranger\n";
        for (const auto& a : sim.ready().accounts) {
            file << a << "\n";
        }
        file << "999999999999\n";
    }
    run_output whole;
    const auto shards = run_sharded("scan --role-name Reader --format ndjson --accounts @" +
                                        (dir / "accounts.txt").string(),
                                    index_from::kubernetes, whole);
    BOOST_TEST(whole.status == 2, whole.err);
    BOOST_TEST(whole.errors.size() == 2u); // two regions
    const auto stranger = glue_cli::shard_of_account("999999999999", shard_count);
    for (unsigned i = 0; i < shard_count; ++i) {
        BOOST_TEST(shards[i].status == (i == stranger ? 2 : 0), shards[i].err);
        BOOST_TEST(shards[i].errors.size() == (i == stranger ? 2u : 0u));
    }
    check_union(whole, shards);
}

BOOST_AUTO_TEST_CASE(audit_in_three_parallel_shards_equals_one_audit) {
    run_output whole;
    const auto shards = run_sharded("audit --org --role-name Reader --format ndjson --fail-on "
                                    "none --include-pass",
                                    index_from::aws_batch, whole);
    BOOST_TEST(whole.status == 0, whole.err);
    for (const auto& s : shards) {
        BOOST_TEST(s.status == 0, s.err);
    }
    check_union(whole, shards);
}

BOOST_AUTO_TEST_CASE(a_shard_calls_absent_only_the_baseline_findings_of_its_accounts) {
    // A baseline whose every finding is gone: each one's fingerprint changed. The unsharded audit
    // writes them all as absent; each shard must write those of its own accounts only, or the
    // union would hold every absent finding N times.
    const std::string args = "audit --org --role-name Reader --format ndjson --fail-on none";
    run_in_parallel({command("first", args)});
    const auto first = output_of("first");
    BOOST_TEST(first.status == 0, first.err);
    BOOST_REQUIRE(!first.records.empty());
    {
        std::ofstream baseline(dir / "baseline.ndjson");
        const std::string member = "\"Fingerprint\":\"";
        for (auto line : first.records) {
            const auto at = line.find(member);
            BOOST_REQUIRE(at != std::string::npos);
            auto& c = line[at + member.size()];
            c = c == '0' ? '1' : '0';
            baseline << line << "\n";
        }
    }
    run_output whole;
    const auto shards = run_sharded(args + " --baseline " + (dir / "baseline.ndjson").string(),
                                    index_from::flag, whole);
    BOOST_TEST(whole.status == 0, whole.err);
    const auto absent = std::count_if(whole.records.begin(), whole.records.end(), [](auto& l) {
        return l.find("\"BaselineState\":\"absent\"") != std::string::npos;
    });
    BOOST_TEST(static_cast<std::size_t>(absent) == first.records.size());
    for (const auto& s : shards) {
        BOOST_TEST(s.status == 0, s.err);
    }
    check_union(whole, shards);
}

BOOST_AUTO_TEST_CASE(bad_shard_values_are_usage_errors_before_any_request) {
    const std::pair<std::string, std::string> cases[] = {
        {"--shard 3/3", "--shard: '3/3'"},
        {"--shard 0/0", "--shard: '0/0'"},
        {"--shard x/2", "--shard: 'x/2'"},
        {"--shard auto/2", "--shard: 'auto/2': needs the shard index in JOB_COMPLETION_INDEX"},
    };
    for (const auto& [flag, message] : cases) {
        run_in_parallel({command("bad", "scan --org --role-name Reader " + flag)});
        const auto r = output_of("bad");
        BOOST_TEST(r.status == 1, flag);
        BOOST_TEST(r.err.find("glue-inventory: " + message) != std::string::npos, r.err);
        BOOST_TEST(r.records.empty());
    }
    // Nothing reached the simulator: each was refused before the first request.
    const auto stats = sim.stop();
    BOOST_TEST(glue_test::stats_value(stats, "/requests/ListAccounts") == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
