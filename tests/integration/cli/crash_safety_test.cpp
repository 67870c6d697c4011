// Crash safety of the CLI's output (README: --output and --errors only ever hold whole lines):
// glue-inventory scans a slow, faulty glue-sim on 127.0.0.1 and is killed with SIGKILL at
// random points (fixed seed, so every run kills at the same moments); after each kill every
// line of both files must be a whole JSON object, and a file must end with a newline.
#include "sim_process.hpp"
#include "text_files.hpp"

#include <boost/test/unit_test.hpp>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <simdjson.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using glue_test::read_text;

namespace fs = std::filesystem;

/// Kills per test run: each one a scan killed at a random moment.
constexpr int kill_runs = 8;
/// The kill moments are drawn uniformly in [earliest, latest] milliseconds after the start.
constexpr int earliest_kill_ms = 150;
constexpr int latest_kill_ms = 2000;
constexpr unsigned kill_seed = 20261201;

/// Checks that `text` is whole NDJSON lines of objects; returns how many.
std::size_t whole_json_lines(const std::string& text, const std::string& what) {
    if (text.empty()) {
        return 0;
    }
    BOOST_TEST(text.back() == '\n', what << ": the last line is cut");
    simdjson::dom::parser parser;
    std::size_t count = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        const std::string line = text.substr(start, end - start);
        simdjson::dom::object object;
        BOOST_TEST(parser.parse(line).get_object().get(object) == simdjson::SUCCESS,
                   what << " line " << count + 1
                        << " is not a JSON object: " << line.substr(0, 200));
        ++count;
        start = end + 1;
    }
    return count;
}

} // namespace

BOOST_AUTO_TEST_CASE(sigkill_mid_scan_leaves_only_whole_lines_in_output_and_errors) {
    // Slow answers (so that the kill lands mid-scan) and GetConnections faults with one attempt
    // (so that failed targets write --errors lines while records are written).
    glue_test::sim_process sim({"--host", "127.0.0.1", "--port", "0", "--accounts", "40",
                                "--connections-per-target", "40", "--latency-ms", "10",
                                "--jitter-ms", "40", "--fault-rate", "0.15", "--faults", "500",
                                "--role-name", "Reader"});
    const auto& r = sim.ready();
    const fs::path dir =
        fs::temp_directory_path() / ("glue-crash-test-" + std::to_string(::getpid()));
    fs::create_directories(dir);

    std::mt19937 rng(kill_seed);
    std::uniform_int_distribution<int> kill_after(earliest_kill_ms, latest_kill_ms);
    std::size_t records = 0;
    std::size_t failures = 0;
    for (int run = 0; run < kill_runs; ++run) {
        const fs::path out = dir / ("out-" + std::to_string(run) + ".ndjson");
        const fs::path err = dir / ("errors-" + std::to_string(run) + ".ndjson");
        const int ms = kill_after(rng);
        const std::string command =
            "env -i HOME=" + dir.string() + " AWS_ACCESS_KEY_ID=" + r.access_key_id +
            " AWS_SECRET_ACCESS_KEY=" + r.secret_access_key + " AWS_REGION=us-east-1 " +
            GLUE_INVENTORY_PATH + " scan --endpoint-url " + r.endpoint_url + " --ca-bundle " +
            r.ca_bundle +
            " --org --role-name Reader --regions us-east-1,eu-west-1,ap-southeast-2"
            " --max-results 2 --concurrency 4 --max-attempts 1 --no-progress --output " +
            out.string() + " --errors " + err.string() + " >/dev/null 2>&1 </dev/null & pid=$!;" +
            " sleep " + std::to_string(ms / 1000) + "." +
            std::to_string(1000 + ms % 1000).substr(1) + "; kill -KILL $pid 2>/dev/null; wait $pid";
        const int raw = std::system(("/bin/sh -c '" + command + "'").c_str());
        BOOST_TEST_CONTEXT("run " << run << ", SIGKILL after " << ms << " ms, status " << raw) {
            // 128 + SIGKILL: the scan was still running (a whole scan takes several seconds).
            BOOST_TEST((WIFEXITED(raw) && WEXITSTATUS(raw) == 128 + SIGKILL));
            const auto out_lines = whole_json_lines(read_text(out), out.string());
            const auto err_lines = whole_json_lines(read_text(err), err.string());
            BOOST_TEST_MESSAGE("run " << run << ": killed after " << ms << " ms: " << out_lines
                                      << " records, " << err_lines << " failures");
            records += out_lines;
            failures += err_lines;
        }
    }
    // The kills landed while both files were being written (else the test proves nothing).
    BOOST_TEST(records > 0u);
    BOOST_TEST(failures > 0u);
    std::error_code ec;
    fs::remove_all(dir, ec);
}
