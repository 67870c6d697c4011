// Descriptor limits (issue 13): `ulimit -n 64` with `--concurrency 256`. The pool keeps its
// connections within the limit (http/descriptor_budget.hpp), so the scan runs slower and
// completes, with the records of a scan without the limit; it must never hang, and never fail
// with an error that hides the cause (Asio reported a socket it could not open as "Operation
// canceled", and the CLI's signal pipe failed with "Too many open files" before the scan).
#include "cli_scan.hpp"
#include "sim_process.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

const std::string regions = "us-east-1,eu-west-1";
/// As the issue asks: far more requests in flight than descriptors.
constexpr unsigned descriptor_limit = 64;
const std::string concurrency = "256";
constexpr auto scan_time_limit = 60s;

} // namespace

BOOST_AUTO_TEST_CASE(a_descriptor_limit_below_the_concurrency_gives_a_slower_complete_scan) {
    // 100 accounts x 2 regions, answers 20 ms late: 200 targets in flight at once want 200
    // connections.
    glue_test::sim_process sim({"--accounts", "100", "--regions", regions, "--role-name", "Reader",
                                "--latency-ms", "20", "--connections-per-target", "10", "--seed",
                                "11"});
    const fs::path dir =
        fs::temp_directory_path() / ("glue-fd-limit-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);

    const int free_status = glue_test::wait_scan(
        glue_test::start_scan(sim.ready(), dir, "free", regions, {"--concurrency", concurrency}),
        scan_time_limit);
    const auto free_files = glue_test::files_of(dir, "free");
    BOOST_TEST_REQUIRE(free_status == 0, glue_test::read_text(free_files.log));

    const auto start = std::chrono::steady_clock::now();
    const int status = glue_test::wait_scan(
        glue_test::start_scan(sim.ready(), dir, "limited", regions, {"--concurrency", concurrency},
                              descriptor_limit),
        scan_time_limit);
    const auto seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto files = glue_test::files_of(dir, "limited");
    const auto log = glue_test::read_text(files.log);
    BOOST_TEST_MESSAGE("ulimit -n " << descriptor_limit << ": status " << status << " after "
                                    << seconds << " s: " << log);
    BOOST_TEST_REQUIRE(status != -1,
                       "the scan did not end within " << scan_time_limit.count() << " s");
    BOOST_TEST(status == 0, log);
    BOOST_TEST(log.find("200 targets complete, 0 failed") != std::string::npos, log);
    BOOST_TEST(glue_test::read_text(files.errors).empty());
    auto got = glue_test::lines_of(glue_test::read_text(files.output));
    auto expected = glue_test::lines_of(glue_test::read_text(free_files.output));
    std::sort(got.begin(), got.end());
    std::sort(expected.begin(), expected.end());
    BOOST_TEST(got.size() == expected.size());
    BOOST_TEST((got == expected), "the records differ from the scan without the limit");
    std::error_code ec;
    fs::remove_all(dir, ec);
}

BOOST_AUTO_TEST_CASE(a_limit_below_the_minimum_is_named_before_any_request) {
    // `ulimit -n 8` (soft and hard): not even the event loop's signal pipe fits with the output
    // files; the error names the limit and the fix, and the scan sends nothing.
    glue_test::sim_process sim({"--accounts", "3", "--regions", regions, "--seed", "11"});
    const fs::path dir =
        fs::temp_directory_path() / ("glue-fd-floor-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const int status = glue_test::wait_scan(
        glue_test::start_scan(sim.ready(), dir, "tiny", regions, {}, 8), scan_time_limit);
    const auto files = glue_test::files_of(dir, "tiny");
    const auto log = glue_test::read_text(files.log);
    BOOST_TEST(status == 1, log);
    BOOST_TEST(log.find("the open-file limit (ulimit -n) is 8; a scan needs at least 20") !=
                   std::string::npos,
               log);
    BOOST_TEST(log.find("signal_set") == std::string::npos, log);
    BOOST_TEST(glue_test::read_text(files.output).empty());

    // At the minimum itself, the same scan completes: --output, --errors, a SQLite store and one
    // connection fit.
    const int floor_status = glue_test::wait_scan(
        glue_test::start_scan(sim.ready(), dir, "floor", regions,
                              {"--store", "sqlite:" + (dir / "floor.db").string()}, 20),
        scan_time_limit);
    const auto floor_log = glue_test::read_text(glue_test::files_of(dir, "floor").log);
    BOOST_TEST(floor_status == 0, floor_log);
    BOOST_TEST(floor_log.find("6 targets complete, 0 failed") != std::string::npos, floor_log);
    std::error_code ec;
    fs::remove_all(dir, ec);
}
