// glue-inventory end to end: the executable against glue-sim (small-org fixture) on 127.0.0.1.
// Each case runs the CLI through /bin/sh with a clean environment, stdout and stderr to files
// (so neither is a terminal), and reads the outputs back with real parsers.
#include "sim_process.hpp"
#include "text_files.hpp"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <simdjson.h>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>

namespace {

using glue_test::read_text;
// Every run's environment starts with this: a credential chain that falls through to instance
// metadata asks a closed port on 127.0.0.1 instead of 169.254.169.254 (no test sends traffic
// off this machine). A case that sets its own endpoint or AWS_EC2_METADATA_DISABLED wins.
const std::string no_instance_metadata = "AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:9";
} // namespace

namespace {

namespace fs = std::filesystem;

std::string fixture_path() {
    return std::string(GLUE_TEST_DATA_DIR) + "/fixtures/small-org.json";
}

struct run_result {
    int status = -1;
    std::string out;
    std::string err;
};

/// One simulator for the whole suite; it stops (SIGTERM) when the fixture is destroyed.
struct sim_fixture {
    sim_fixture()
        : sim({"--host", "127.0.0.1", "--port", "0", "--fixture", fixture_path(), "--role-name",
               "Reader"}) {
        dir = fs::temp_directory_path() / ("glue-cli-test-" + std::to_string(::getpid()));
        fs::create_directories(dir);
    }
    ~sim_fixture() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }

    /// Runs `glue-inventory scan ARGS` with the simulator's keys, endpoint and CA bundle.
    run_result scan(const std::string& args, const std::string& extra_env = "") {
        const auto& r = sim.ready();
        const std::string out = (dir / "stdout").string();
        const std::string err = (dir / "stderr").string();
        const std::string command =
            "env -i " + no_instance_metadata + " HOME=" + dir.string() +
            " AWS_ACCESS_KEY_ID=" + r.access_key_id +
            " AWS_SECRET_ACCESS_KEY=" + r.secret_access_key + " AWS_REGION=us-east-1 " + extra_env +
            " " + GLUE_INVENTORY_PATH + " scan --endpoint-url " + r.endpoint_url + " --ca-bundle " +
            r.ca_bundle + " " + args + " >" + out + " 2>" + err + " </dev/null";
        const int raw = std::system(command.c_str());
        run_result result;
        result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
        result.out = read_text(out);
        result.err = read_text(err);
        return result;
    }

    glue_test::sim_process sim;
    fs::path dir;
};

/// A shell command that runs `glue-inventory scan` against `sim` (its keys, endpoint and CA
/// bundle, nothing else from the environment) with `args`, in the background (its pid in $pid).
std::string background_scan(const glue_test::sim_process& sim, const fs::path& home,
                            const std::string& args) {
    const auto& r = sim.ready();
    return "env -i " + no_instance_metadata + " HOME=" + home.string() +
           " AWS_ACCESS_KEY_ID=" + r.access_key_id +
           " AWS_SECRET_ACCESS_KEY=" + r.secret_access_key + " AWS_REGION=us-east-1 " +
           GLUE_INVENTORY_PATH + " scan --endpoint-url " + r.endpoint_url + " --ca-bundle " +
           r.ca_bundle + " " + args + " </dev/null & pid=$!;";
}

/// Runs `glue-inventory scan ARGS` against `sim` (its keys, endpoint and CA bundle, nothing
/// else from the environment), outputs in `dir`: for the suites that need a simulator started
/// with other flags than the fixture's.
run_result scan_against(const glue_test::sim_process& sim, const fs::path& dir,
                        const std::string& args) {
    const auto& r = sim.ready();
    const std::string out = (dir / "stdout").string();
    const std::string err = (dir / "stderr").string();
    const std::string command =
        "env -i " + no_instance_metadata + " HOME=" + dir.string() +
        " AWS_ACCESS_KEY_ID=" + r.access_key_id + " AWS_SECRET_ACCESS_KEY=" + r.secret_access_key +
        " AWS_REGION=us-east-1 " + GLUE_INVENTORY_PATH + " scan --endpoint-url " + r.endpoint_url +
        " --ca-bundle " + r.ca_bundle + " " + args + " >" + out + " 2>" + err + " </dev/null";
    const int raw = std::system(command.c_str());
    run_result result;
    result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
    result.out = read_text(out);
    result.err = read_text(err);
    return result;
}

/// The permission bits of `path`.
unsigned mode_of(const fs::path& path) {
    struct stat st {};
    BOOST_TEST_REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 07777U;
}

/// Sets umask 022 (what most users have) for one test case; restores the old one after.
struct umask_022 {
    umask_022() : old(::umask(022)) {}
    ~umask_022() { ::umask(old); }
    umask_022(const umask_022&) = delete;
    umask_022& operator=(const umask_022&) = delete;
    mode_t old;
};

/// The names of the connections in NDJSON text, as "account/region/catalog/name".
std::vector<std::string> ndjson_keys(const std::string& text) {
    std::vector<std::string> keys;
    simdjson::dom::parser parser;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        simdjson::dom::element e = parser.parse(line);
        keys.push_back(std::string(std::string_view(e["AccountId"])) + "/" +
                       std::string(std::string_view(e["Region"])) + "/" +
                       std::string(std::string_view(e["CatalogId"])) + "/" +
                       std::string(std::string_view(e["Name"])));
    }
    std::sort(keys.begin(), keys.end());
    return keys;
}

/// What the fixture holds for the ACTIVE accounts' own catalogs in `regions`.
std::vector<std::string> fixture_keys(const std::vector<std::string>& regions) {
    std::vector<std::string> keys;
    simdjson::dom::parser parser;
    simdjson::dom::element doc = parser.load(fixture_path());
    for (auto account : doc["accounts"].get_array()) {
        const std::string id{std::string_view(account["Id"])};
        if (std::string_view(account["Status"]) != "ACTIVE") {
            continue;
        }
        for (auto catalog : account["Catalogs"].get_array()) {
            if (std::string_view(catalog["CatalogId"]) != id) {
                continue;
            }
            for (const auto& region : regions) {
                simdjson::dom::element list;
                if (catalog["Regions"][region]["ConnectionList"].get(list) != simdjson::SUCCESS) {
                    continue;
                }
                for (auto c : list.get_array()) {
                    keys.push_back(id + "/" + region + "/" + id + "/" +
                                   std::string(std::string_view(c["Name"])));
                }
            }
        }
    }
    std::sort(keys.begin(), keys.end());
    return keys;
}

/// A timestamp member of the fixture (epoch seconds, a JSON number) as the contract writes it:
/// ISO 8601 UTC with milliseconds. Computed here independently of the library's writer.
std::string iso8601(double epoch_seconds) {
    const auto millis = static_cast<long long>(std::llround(epoch_seconds * 1000.0));
    const std::time_t secs = static_cast<std::time_t>(millis / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[96]; // ample for any int fields: -Wformat-truncation counts their widest values
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03lldZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis % 1000);
    return buf;
}

bool is_timestamp_member(std::string_view key) {
    return key == "CreationTime" || key == "LastUpdatedTime" ||
           key == "LastConnectionValidationTime";
}

/// Whether `record` (a CLI output record, below its context fields) holds exactly what
/// `expected` (a fixture connection in the API's shape) holds: same members, same values,
/// timestamps converted, and PASSWORD only when `with_passwords`. `why` says where they differ.
bool same_json(simdjson::dom::element record, simdjson::dom::element expected, bool with_passwords,
               const std::string& path, std::string& why) {
    using simdjson::dom::element_type;
    if (expected.type() == element_type::OBJECT) {
        if (record.type() != element_type::OBJECT) {
            why = path + ": not an object";
            return false;
        }
        std::size_t expected_members = 0;
        for (auto [key, value] : expected.get_object()) {
            if (key == "PASSWORD" && !with_passwords) {
                continue;
            }
            ++expected_members;
            simdjson::dom::element got;
            if (record[key].get(got) != simdjson::SUCCESS) {
                why = path + "." + std::string(key) + ": missing";
                return false;
            }
            if (is_timestamp_member(key)) {
                if (got.type() != element_type::STRING ||
                    std::string_view(got) != iso8601(double(value))) {
                    why = path + "." + std::string(key) + ": " + simdjson::minify(got) +
                          " is not " + iso8601(double(value));
                    return false;
                }
            } else if (!same_json(got, value, with_passwords, path + "." + std::string(key), why)) {
                return false;
            }
        }
        if (record.get_object().size() != expected_members) {
            why = path + ": " + std::to_string(record.get_object().size()) + " members, expected " +
                  std::to_string(expected_members);
            return false;
        }
        return true;
    }
    if (expected.type() == element_type::ARRAY) {
        if (record.type() != element_type::ARRAY ||
            record.get_array().size() != expected.get_array().size()) {
            why = path + ": not the same list";
            return false;
        }
        std::size_t i = 0;
        auto got = record.get_array().begin();
        for (auto value : expected.get_array()) {
            if (!same_json(*got, value, with_passwords, path + "[" + std::to_string(i) + "]",
                           why)) {
                return false;
            }
            ++got;
            ++i;
        }
        return true;
    }
    if (simdjson::minify(record) != simdjson::minify(expected)) {
        why = path + ": " + simdjson::minify(record) + " is not " + simdjson::minify(expected);
        return false;
    }
    return true;
}

/// Compares every NDJSON record with the fixture connection of the same account, region and
/// name, member by member. Returns the number of records matched; `why` names a difference.
std::size_t match_fixture(const std::string& ndjson, bool with_passwords, std::string& why) {
    simdjson::dom::parser fixture_parser;
    simdjson::dom::element doc = fixture_parser.load(fixture_path());
    simdjson::dom::parser parser;
    std::istringstream lines(ndjson);
    std::size_t matched = 0;
    for (std::string line; std::getline(lines, line);) {
        simdjson::dom::element record = parser.parse(line);
        const std::string_view account = record["AccountId"];
        const std::string_view region = record["Region"];
        const std::string_view name = record["Name"];
        if (std::string_view(record["CatalogId"]) != account) {
            why = "record of " + std::string(account) + " names another catalog";
            return matched;
        }
        bool found = false;
        for (auto a : doc["accounts"].get_array()) {
            if (std::string_view(a["Id"]) != account) {
                continue;
            }
            for (auto catalog : a["Catalogs"].get_array()) {
                simdjson::dom::element list;
                if (std::string_view(catalog["CatalogId"]) != account ||
                    catalog["Regions"][region]["ConnectionList"].get(list) != simdjson::SUCCESS) {
                    continue;
                }
                for (auto c : list.get_array()) {
                    if (std::string_view(c["Name"]) != name) {
                        continue;
                    }
                    // The record without its context fields is the connection.
                    std::string members = "{";
                    for (auto [key, value] : record.get_object()) {
                        if (key == "AccountId" || key == "Region" || key == "CatalogId") {
                            continue;
                        }
                        members += (members.size() > 1 ? "," : "") + std::string("\"") +
                                   std::string(key) + "\":" + simdjson::minify(value);
                    }
                    members += "}";
                    simdjson::dom::parser member_parser;
                    simdjson::dom::element connection = member_parser.parse(members);
                    if (!same_json(connection, c, with_passwords, std::string(name), why)) {
                        return matched;
                    }
                    found = true;
                }
            }
        }
        if (!found) {
            why = "no fixture connection " + std::string(account) + "/" + std::string(region) +
                  "/" + std::string(name);
            return matched;
        }
        ++matched;
    }
    return matched;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(cli, sim_fixture)

BOOST_AUTO_TEST_CASE(ndjson_records_equal_the_fixture_member_by_member) {
    const auto r = scan("--org --role-name Reader --regions us-east-1,eu-west-1 --show-passwords");
    BOOST_TEST_REQUIRE(r.status == 0, r.err);
    std::string why;
    const auto expected = fixture_keys({"us-east-1", "eu-west-1"}).size();
    BOOST_TEST(match_fixture(r.out, true, why) == expected, why);
}

BOOST_AUTO_TEST_CASE(passwords_are_hidden_unless_asked_for) {
    const auto r = scan("--org --role-name Reader --regions us-east-1,eu-west-1");
    BOOST_TEST_REQUIRE(r.status == 0, r.err);
    BOOST_TEST(r.out.find("\"PASSWORD\"") == std::string::npos);
    std::string why;
    const auto expected = fixture_keys({"us-east-1", "eu-west-1"}).size();
    BOOST_TEST(match_fixture(r.out, false, why) == expected, why);
}

BOOST_AUTO_TEST_CASE(org_scan_writes_every_fixture_connection_as_ndjson_and_exits_0) {
    const auto r = scan("--org --role-name Reader --regions us-east-1,eu-west-1");
    BOOST_TEST(r.status == 0, r.err);
    BOOST_TEST(ndjson_keys(r.out) == fixture_keys({"us-east-1", "eu-west-1"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(all_regions_scans_every_region_of_the_partition) {
    const auto r = scan("--org --role-name Reader --all-regions");
    BOOST_TEST(r.status == 0, r.err);
    // Every region of the aws partition is asked; the fixture has connections in two of them.
    BOOST_TEST(ndjson_keys(r.out) == fixture_keys({"us-east-1", "eu-west-1"}),
               boost::test_tools::per_element());
    const auto summary = r.err.find(" targets complete, 0 failed");
    BOOST_TEST_REQUIRE(summary != std::string::npos, r.err);
    const auto start =
        r.err.rfind("glue-inventory: ", summary) + std::string("glue-inventory: ").size();
    const auto targets = std::stoul(r.err.substr(start, summary - start));
    BOOST_TEST(targets >= 2u * 30u, r.err); // two ACTIVE accounts x 30+ regions
}

BOOST_AUTO_TEST_CASE(org_scan_skips_the_suspended_account) {
    const auto r = scan("--org --role-name Reader --regions us-east-1");
    BOOST_TEST(r.status == 0, r.err);
    BOOST_TEST(r.out.find("777788889999") == std::string::npos);
    BOOST_TEST(r.err.find("777788889999 SUSPENDED") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(json_format_is_one_array_of_the_same_records) {
    const auto r = scan("--org --role-name Reader --regions us-east-1,eu-west-1 --format json");
    BOOST_TEST(r.status == 0, r.err);
    simdjson::dom::parser parser;
    simdjson::dom::array records = parser.parse(r.out).get_array();
    std::string as_ndjson;
    for (auto e : records) {
        as_ndjson += simdjson::minify(e) + "\n";
    }
    BOOST_TEST(ndjson_keys(as_ndjson) == fixture_keys({"us-east-1", "eu-west-1"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(csv_format_reads_back_with_pythons_csv_module) {
    const auto r = scan("--org --role-name Reader --regions us-east-1,eu-west-1 --format csv "
                        "--output " +
                        (dir / "out.csv").string());
    BOOST_TEST(r.status == 0, r.err);
    const std::string keys_file = (dir / "keys.txt").string();
    const std::string py =
        "/usr/bin/python3 -c \"import csv,sys; rows=list(csv.DictReader(open(sys.argv[1], "
        "newline=''))); print('\\n'.join(sorted(r['AccountId']+'/'+r['Region']+'/'+"
        "r['CatalogId']+'/'+r['Name'] for r in rows)))\" " +
        (dir / "out.csv").string() + " > " + keys_file;
    BOOST_TEST_REQUIRE(std::system(py.c_str()) == 0);
    std::vector<std::string> keys;
    std::istringstream lines(read_text(keys_file));
    for (std::string line; std::getline(lines, line);) {
        keys.push_back(line);
    }
    BOOST_TEST(keys == fixture_keys({"us-east-1", "eu-west-1"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_unknown_catalog_fails_its_targets_with_exit_2_and_the_others_complete) {
    const std::string errors = (dir / "errors.ndjson").string();
    const auto r = scan("--accounts 111122223333 --role-name Reader --regions us-east-1 "
                        "--catalog-ids 111122223333:shared,nope --errors " +
                        errors);
    BOOST_TEST(r.status == 2, r.err);
    BOOST_TEST(r.out.find("shared-stream") != std::string::npos);
    simdjson::dom::parser parser;
    simdjson::dom::element e = parser.parse(read_text(errors));
    BOOST_TEST(std::string_view(e["CatalogId"]) == "nope");
    BOOST_TEST(!std::string_view(e["ErrorCode"]).empty());
    BOOST_TEST(int64_t(e["PagesDone"]) == 0);
}

BOOST_AUTO_TEST_CASE(no_progress_output_when_stderr_is_not_a_terminal) {
    const auto r = scan("--org --role-name Reader --regions us-east-1");
    BOOST_TEST(r.err.find("\033[K") == std::string::npos);
    BOOST_TEST(r.err.find("targets complete") != std::string::npos); // the summary
}

BOOST_AUTO_TEST_CASE(the_secret_key_appears_in_no_output) {
    const auto r = scan("--org --role-name Reader --regions us-east-1 --progress");
    BOOST_TEST(r.status == 0, r.err);
    BOOST_TEST(r.out.find(sim.ready().secret_access_key) == std::string::npos);
    BOOST_TEST(r.err.find(sim.ready().secret_access_key) == std::string::npos);
    BOOST_TEST(r.err.find("\033[K") != std::string::npos); // --progress forces it
}

BOOST_AUTO_TEST_CASE(bad_input_exits_1_naming_the_flag) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"--accounts 12345", "--accounts: '12345'"},
        {"--regions nowhere-1", "--regions: 'nowhere-1'"},
        {"--max-results 2000", "--max-results: '2000'"},
        {"--accounts @/nonexistent/ids.txt", "--accounts: cannot read"},
        {"--org --accounts 111122223333", "--accounts: cannot be combined with --org"},
        {"--frobnicate", "--frobnicate"},
    };
    for (const auto& [args, expected] : cases) {
        const auto r = scan(args);
        BOOST_TEST(r.status == 1, args);
        BOOST_TEST(r.err.find(expected) != std::string::npos, args << ": " << r.err);
        BOOST_TEST(r.out.empty(), args);
    }
}

BOOST_AUTO_TEST_CASE(missing_credentials_exit_1_before_any_request) {
    // Instance metadata is the chain's last source: switched off, so that nothing is left to
    // try and no request leaves the host.
    const std::string command =
        "env -i " + no_instance_metadata + " HOME=" + dir.string() +
        " AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true " + GLUE_INVENTORY_PATH +
        " scan --accounts 111122223333 >/dev/null 2>" + (dir / "err").string();
    const int raw = std::system(command.c_str());
    BOOST_TEST(WEXITSTATUS(raw) == 1);
    BOOST_TEST(read_text((dir / "err").string()).find("credentials") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(records_reach_the_output_file_while_the_scan_runs) {
    // Output is batched, but a file read as it grows must not wait for the end of the scan, nor
    // for a batch to fill: a slow scan's first records are there while it runs (SIGINT, sent
    // once they are, finds it still running: exit 130).
    glue_test::sim_process slow(
        {"--accounts", "30", "--latency-ms", "200", "--role-name", "Reader"});
    const std::string out = (dir / "growing.ndjson").string();
    const std::string snapshot = (dir / "growing.snapshot").string();
    const std::string command =
        background_scan(slow, dir,
                        "--org --role-name Reader --regions us-east-1,eu-west-1 --max-results 1 "
                        "--concurrency 4 --output " +
                            out + " 2>/dev/null") +
        " " + glue_test::shell_wait_for_lines(out, 2) + " cp " + out + " " + snapshot +
        "; kill -INT $pid; wait $pid";
    const int raw = std::system(("/bin/sh -c '" + command + "'").c_str());
    BOOST_TEST((WIFEXITED(raw) && WEXITSTATUS(raw) == 130)); // still running when interrupted
    const std::string seen = read_text(snapshot);
    BOOST_TEST_REQUIRE(!seen.empty());
    BOOST_TEST(seen.back() == '\n'); // whole lines only
    BOOST_TEST(ndjson_keys(seen).size() >= 2u);
}

BOOST_AUTO_TEST_CASE(sigint_stops_the_scan_keeps_what_was_received_and_exits_130) {
    // A slow organisation of its own, so that the scan is still running when SIGINT comes.
    glue_test::sim_process slow(
        {"--accounts", "30", "--latency-ms", "200", "--role-name", "Reader"});
    const std::string out = (dir / "interrupted.json").string();
    const std::string err = (dir / "interrupted.err").string();
    const std::string command =
        background_scan(slow, dir,
                        "--org --role-name Reader --regions us-east-1,eu-west-1 --format json "
                        "--max-results 1 --concurrency 4 --output " +
                            out + " 2>" + err) +
        " " + glue_test::shell_wait_for_lines(out, 2) + // "[" and a first record
        " kill -INT $pid; wait $pid";
    const int raw = std::system(("/bin/sh -c '" + command + "'").c_str());
    const int status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    BOOST_TEST(status == 130, read_text(err));
    BOOST_TEST(read_text(err).find("interrupted") != std::string::npos, read_text(err));
    // The JSON array was closed: the file parses, and holds what was received.
    simdjson::dom::parser parser;
    simdjson::dom::array records;
    BOOST_TEST_REQUIRE(!parser.load(out).get_array().get(records));
    BOOST_TEST(records.size() > 0u);
}
BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cli_secrets_and_errors)

/// A temporary directory for one test case.
struct temp_dir {
    temp_dir() {
        path = fs::temp_directory_path() / ("glue-cli-secrets-test-" + std::to_string(::getpid()) +
                                            "-" + std::to_string(counter++));
        fs::create_directories(path);
    }
    ~temp_dir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    static inline int counter = 0;
    fs::path path;
};

BOOST_AUTO_TEST_CASE(records_with_passwords_are_written_owner_only) {
    const umask_022 umask;
    const temp_dir dir;
    glue_test::sim_process sim({"--fixture", fixture_path(), "--role-name", "Reader"});
    const std::string base = "--accounts 111122223333 --role-name Reader --regions us-east-1 ";
    // glue-sim's ready.json holds its secret key.
    BOOST_TEST(mode_of(fs::path(sim.state_dir()) / "ready.json") == 0600u);

    // --show-passwords: the records are created 0600; the --errors file keeps the umask.
    auto r =
        scan_against(sim, dir.path,
                     base + "--show-passwords --output " + (dir.path / "secret.ndjson").string() +
                         " --errors " + (dir.path / "errors.ndjson").string());
    BOOST_TEST_REQUIRE(r.status == 0, r.err);
    BOOST_TEST(read_text((dir.path / "secret.ndjson").string()).find("\"PASSWORD\"") !=
               std::string::npos);
    BOOST_TEST(mode_of(dir.path / "secret.ndjson") == 0600u);
    BOOST_TEST(mode_of(dir.path / "errors.ndjson") == 0644u);

    // Without passwords: 0666 less the umask, as a shell redirection.
    r = scan_against(sim, dir.path, base + "--output " + (dir.path / "plain.ndjson").string());
    BOOST_TEST_REQUIRE(r.status == 0, r.err);
    BOOST_TEST(mode_of(dir.path / "plain.ndjson") == 0644u);

    // A file that exists keeps its mode; the user is warned that others can read it.
    r = scan_against(sim, dir.path,
                     base + "--show-passwords --output " + (dir.path / "plain.ndjson").string());
    BOOST_TEST_REQUIRE(r.status == 0, r.err);
    BOOST_TEST(mode_of(dir.path / "plain.ndjson") == 0644u);
    BOOST_TEST(r.err.find("glue-inventory: warning: --output: '" +
                          (dir.path / "plain.ndjson").string() +
                          "' already exists with mode 0644") != std::string::npos,
               r.err);
}

BOOST_AUTO_TEST_CASE(an_xml_error_body_gives_its_code_to_the_errors_file) {
    const temp_dir dir;
    // Every GetConnections is answered as moto answers a JSON call with a wrong signature.
    glue_test::sim_process sim({"--fixture", fixture_path(), "--role-name", "Reader",
                                "--fault-rate", "1", "--faults", "403-xml"});
    const std::string errors = (dir.path / "errors.ndjson").string();
    const auto r = scan_against(sim, dir.path,
                                "--accounts 111122223333 --role-name Reader --regions us-east-1 "
                                "--errors " +
                                    errors);
    BOOST_TEST(r.status == 2, r.err);
    simdjson::dom::parser parser;
    simdjson::dom::element e;
    BOOST_TEST_REQUIRE(!parser.parse(read_text(errors)).get(e));
    BOOST_TEST(std::string_view(e["ErrorCode"]) == "SignatureDoesNotMatch");
    BOOST_TEST(int64_t(e["HttpStatus"]) == 403);
    BOOST_TEST(std::string_view(e["Message"]).starts_with("The request signature we calculated"));
    BOOST_TEST(!std::string_view(e["RequestId"]).empty());
    BOOST_TEST(int64_t(e["Attempts"]) == 1); // an access error is not retried

    // Without --errors, the stderr line says the same.
    const auto t = scan_against(sim, dir.path,
                                "--accounts 111122223333 --role-name Reader --regions us-east-1");
    BOOST_TEST(t.status == 2, t.err);
    BOOST_TEST(t.err.find(": SignatureDoesNotMatch: The request signature") != std::string::npos,
               t.err);
}

BOOST_AUTO_TEST_CASE(an_unreadable_error_body_is_quoted_bounded_escaped_and_redacted) {
    const temp_dir dir;
    // A load balancer's HTML page, with a URL that carries a password.
    glue_test::sim_process sim({"--fixture", fixture_path(), "--role-name", "Reader",
                                "--fault-rate", "1", "--faults", "502-html"});
    const std::string errors = (dir.path / "errors.ndjson").string();
    const auto r = scan_against(sim, dir.path,
                                "--accounts 111122223333 --role-name Reader --regions us-east-1 "
                                "--max-attempts 1 --errors " +
                                    errors);
    BOOST_TEST(r.status == 2, r.err);
    const std::string line = read_text(errors);
    simdjson::dom::parser parser;
    simdjson::dom::element e;
    BOOST_TEST_REQUIRE(!parser.parse(line).get(e));
    BOOST_TEST(int64_t(e["HttpStatus"]) == 502);
    const std::string_view message = e["Message"];
    BOOST_TEST(message.starts_with("the error body could not be read (Content-Type: text/html, "),
               message);
    BOOST_TEST(message.find(R"(<title>502 Bad Gateway</title></head>\r\n<body>)") !=
                   std::string::npos,
               message);
    BOOST_TEST(message.find(R"(\t<p>upstream http://***@10.0.0.1:8443/)") != std::string::npos,
               message);
    BOOST_TEST(message.find("not-a-real-password") == std::string::npos);
    BOOST_TEST(message.find('\r') == std::string_view::npos);
    // The excerpt is bounded: the page is longer than the limit, so it ends cut.
    BOOST_TEST(message.ends_with("..."), message);
    BOOST_TEST(message.size() < 300u, message);
}

BOOST_AUTO_TEST_CASE(a_signature_error_never_repeats_the_session_token_it_quotes) {
    const temp_dir dir;
    // AWS's InvalidSignatureException quotes the canonical request, and with --role-name the
    // requests carry the assumed role's session token (x-amz-security-token is signed).
    glue_test::sim_process sim({"--fixture", fixture_path(), "--role-name", "Reader",
                                "--fault-rate", "1", "--faults", "403-signature"});
    const std::string errors = (dir.path / "errors.ndjson").string();
    const auto r = scan_against(sim, dir.path,
                                "--accounts 111122223333 --role-name Reader --regions us-east-1 "
                                "--errors " +
                                    errors);
    BOOST_TEST(r.status == 2, r.err);
    simdjson::dom::parser parser;
    simdjson::dom::element e;
    BOOST_TEST_REQUIRE(!parser.parse(read_text(errors)).get(e));
    BOOST_TEST(std::string_view(e["ErrorCode"]) == "InvalidSignatureException");
    const std::string_view message = e["Message"];
    BOOST_TEST(message.find("The Canonical String for this request should have been") !=
                   std::string_view::npos,
               message);
    // The token's line is there, its value is not.
    BOOST_TEST(message.find("\nx-amz-security-token:***\n") != std::string_view::npos, message);
    BOOST_TEST(message.find(sim.ready().secret_access_key) == std::string_view::npos);
    // The same on stderr without --errors.
    const auto t = scan_against(sim, dir.path,
                                "--accounts 111122223333 --role-name Reader --regions us-east-1");
    BOOST_TEST(t.status == 2, t.err);
    BOOST_TEST(t.err.find(" x-amz-security-token:*** ") != std::string::npos, t.err);
}

BOOST_AUTO_TEST_CASE(a_refused_endpoint_url_never_shows_its_password) {
    const temp_dir dir;
    const std::string err = (dir.path / "stderr").string();
    const std::string run = "env -i " + no_instance_metadata + " HOME=" + dir.path.string() +
                            " AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI "
                            "AWS_REGION=us-east-1 ";
    const std::string url = "https://auditor:hunter2@glue.example.com";
    for (const std::string& command :
         {run + GLUE_INVENTORY_PATH + " scan --endpoint-url " + url,
          run + "AWS_ENDPOINT_URL=" + url + " " + GLUE_INVENTORY_PATH + " scan",
          run + "AWS_ENDPOINT_URL_STS=" + url + " " + GLUE_INVENTORY_PATH + " scan"}) {
        const int raw = std::system((command + " >/dev/null 2>" + err + " </dev/null").c_str());
        BOOST_TEST((WIFEXITED(raw) && WEXITSTATUS(raw) == 1), command);
        const std::string text = read_text(err);
        BOOST_TEST(text.find("'https://***@glue.example.com'") != std::string::npos, text);
        BOOST_TEST(text.find("hunter2") == std::string::npos, text);
    }
}

BOOST_AUTO_TEST_CASE(an_unknown_command_is_one_line_with_one_prefix) {
    const temp_dir dir;
    const std::string err = (dir.path / "stderr").string();
    const std::string command =
        std::string(GLUE_INVENTORY_PATH) + " frobnicate >/dev/null 2>" + err + " </dev/null";
    const int raw = std::system(command.c_str());
    BOOST_TEST((WIFEXITED(raw) && WEXITSTATUS(raw) == 1));
    BOOST_TEST(read_text(err) == "glue-inventory: unexpected argument 'frobnicate' (see --help)\n");
}

BOOST_AUTO_TEST_SUITE_END()
