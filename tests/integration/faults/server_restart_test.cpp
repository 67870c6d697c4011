// The server dies mid-scan (issue 13): glue-inventory scans 1,000 targets of a faulty glue-sim,
// which is killed with SIGKILL while the records flow and restarted on the same port and state
// directory (the same CA and server key: the client's connections break, its NextTokens and
// assumed-role credentials stay valid, as across a restart of an AWS front end). Compared with
// a clean scan of the same organisation: no record lost or duplicated, only targets that
// exhausted their attempts fail, and the summary and --errors say so.
#include "cli_scan.hpp"
#include "sim_process.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <simdjson.h>
#include <thread>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using glue_test::lines_of;
using glue_test::read_text;

/// 250 accounts x 4 regions.
constexpr int accounts = 250;
const std::string regions = "us-east-1,eu-west-1,ap-southeast-2,sa-east-1";
constexpr int max_attempts = 3;
/// The server is killed once this share of the clean scan's records has been written.
constexpr double kill_at_share = 0.3;
/// How long the port stays closed between the kill and the restart.
constexpr auto down_time = 300ms;
/// No scan here may take longer: a hang fails the test.
constexpr auto scan_time_limit = 120s;

std::vector<std::string> sim_args(bool faults) {
    std::vector<std::string> a{"--host",
                               "127.0.0.1",
                               "--accounts",
                               std::to_string(accounts),
                               "--regions",
                               regions,
                               "--connections-per-target",
                               "6",
                               "--max-page",
                               "2",
                               "--seed",
                               "5",
                               "--role-name",
                               "Reader",
                               "--threads",
                               "2"};
    if (faults) {
        a.insert(a.end(), {"--latency-ms", "5", "--jitter-ms", "20", "--fault-rate", "0.05",
                           "--faults", "500,503,drop,truncate"});
    }
    return a;
}

/// "account/region" of a record or an --errors line.
std::string target_of(simdjson::dom::parser& parser, const std::string& line) {
    const simdjson::dom::element e = parser.parse(line);
    return std::string(std::string_view(e["AccountId"])) + "/" +
           std::string(std::string_view(e["Region"]));
}

pid_t start(const glue_test::sim_process& sim, const fs::path& dir, const std::string& name,
            int concurrency) {
    return glue_test::start_scan(sim.ready(), dir, name, regions,
                                 {"--concurrency", std::to_string(concurrency), "--max-attempts",
                                  std::to_string(max_attempts)});
}

std::size_t count_lines(const fs::path& path) {
    const auto text = read_text(path);
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

} // namespace

BOOST_AUTO_TEST_CASE(a_server_killed_and_restarted_mid_scan_loses_and_duplicates_nothing) {
    const fs::path dir =
        fs::temp_directory_path() / ("glue-restart-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);

    // The clean scan: the same organisation, no fault, no kill.
    std::multiset<std::string> clean;
    std::map<std::string, std::multiset<std::string>> clean_by_target;
    simdjson::dom::parser parser;
    {
        glue_test::sim_process sim(sim_args(false));
        BOOST_TEST_REQUIRE(glue_test::wait_scan(start(sim, dir, "clean", 64), scan_time_limit) ==
                           0);
        for (auto& line : lines_of(read_text(dir / "clean.ndjson"))) {
            clean_by_target[target_of(parser, line)].insert(line);
            clean.insert(std::move(line));
        }
    }
    constexpr std::size_t targets = std::size_t(accounts) * 4;
    BOOST_TEST_REQUIRE(read_text(dir / "clean.log")
                           .find(std::to_string(targets) + " targets complete, 0 failed") !=
                       std::string::npos);

    glue_test::sim_process sim(sim_args(true));
    const pid_t scan = start(sim, dir, "faulty", 32);
    const auto kill_at = static_cast<std::size_t>(kill_at_share * double(clean.size()));
    const auto deadline = std::chrono::steady_clock::now() + scan_time_limit;
    while (count_lines(dir / "faulty.ndjson") < kill_at &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(10ms);
    }
    sim.kill_now();
    const auto written_at_kill = count_lines(dir / "faulty.ndjson");
    std::this_thread::sleep_for(down_time);
    sim.restart();
    const int status = glue_test::wait_scan(scan, scan_time_limit);
    BOOST_TEST_REQUIRE(status != -1,
                       "the scan did not end within " << scan_time_limit.count() << " s");
    const auto stats_after = sim.stop();
    BOOST_TEST_MESSAGE("killed after " << written_at_kill << " of " << clean.size()
                                       << " records; exit status " << status);
    // The kill landed mid-scan, and the restarted server served the rest.
    BOOST_TEST(written_at_kill >= kill_at);
    BOOST_TEST(written_at_kill < clean.size());
    BOOST_TEST(glue_test::stats_value(stats_after, "/requests/GetConnections") > 0u);

    // Failed targets: each exhausted its attempts, and the summary counts them.
    std::set<std::string> failed;
    for (const auto& line : lines_of(read_text(dir / "faulty-errors.ndjson"))) {
        const simdjson::dom::element e = parser.parse(line);
        const auto target = target_of(parser, line);
        BOOST_TEST(failed.insert(target).second, target << " is reported failed twice");
        BOOST_TEST(std::int64_t(e["Attempts"]) == max_attempts,
                   target << " failed before its last attempt: " << line);
        BOOST_TEST_MESSAGE("failed: " << line);
    }
    BOOST_TEST(status == (failed.empty() ? 0 : 2));
    const auto log = read_text(dir / "faulty.log");
    BOOST_TEST_MESSAGE(log);
    const std::string summary = std::to_string(targets - failed.size()) + " targets complete, " +
                                std::to_string(failed.size()) + " failed";
    BOOST_TEST(log.find(summary) != std::string::npos,
               "the summary does not say '" << summary << "': " << log);

    // Records: none duplicated, none that the clean scan lacks; a complete target has all its own.
    std::map<std::string, std::multiset<std::string>> by_target;
    for (auto& line : lines_of(read_text(dir / "faulty.ndjson"))) {
        BOOST_TEST(clean.count(line) == 1u, "a record the clean scan lacks: " << line);
        auto& mine = by_target[target_of(parser, line)];
        BOOST_TEST(mine.count(line) == 0u, "a duplicated record: " << line);
        mine.insert(std::move(line));
    }
    for (const auto& [target, records] : clean_by_target) {
        if (failed.count(target) == 0) {
            BOOST_TEST((by_target[target] == records), target << " lost records");
        }
    }
    std::error_code ec;
    fs::remove_all(dir, ec);
}
