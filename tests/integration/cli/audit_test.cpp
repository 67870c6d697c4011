// glue-inventory audit end to end: the executable against glue-sim on 127.0.0.1, with the
// audit-org fixture (findings known exactly) and a generated organisation (every rule fails on
// some connection and passes on another). Each case runs the CLI through /bin/sh with a clean
// environment, stdout and stderr to files, and reads the outputs back with real parsers.
#include "sim_process.hpp"
#include "text_files.hpp"

#include <boost/test/unit_test.hpp>
#include <cstdlib>
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
using glue_test::shell_wait_for_lines;
using glue_test::write_text;
// Every run's environment starts with this: a credential chain that falls through to instance
// metadata asks a closed port on 127.0.0.1 instead of 169.254.169.254 (no test sends traffic
// off this machine). A case that sets its own endpoint or AWS_EC2_METADATA_DISABLED wins.
const std::string no_instance_metadata = "AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:9";
} // namespace

namespace {

namespace fs = std::filesystem;

/// Every secret value of the fixtures and of glue-sim's generated organisation contains this.
constexpr std::string_view secret_marker = "GLUESIM-SECRET";

struct run_result {
    int status = -1;
    std::string out;
    std::string err;
};

/// A simulator and a scratch directory; `audit` runs the CLI against it.
struct sim_env {
    sim_env(const std::vector<std::string>& sim_args, std::string name) : sim(sim_args) {
        dir = fs::temp_directory_path() /
              ("glue-audit-test-" + name + "-" + std::to_string(::getpid()));
        fs::create_directories(dir);
    }
    ~sim_env() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }

    std::string environment() const {
        const auto& r = sim.ready();
        return "env -i " + no_instance_metadata + " HOME=" + dir.string() +
               " AWS_ACCESS_KEY_ID=" + r.access_key_id +
               " AWS_SECRET_ACCESS_KEY=" + r.secret_access_key + " AWS_REGION=eu-west-1 ";
    }

    std::string endpoint() const {
        const auto& r = sim.ready();
        return " --endpoint-url " + r.endpoint_url + " --ca-bundle " + r.ca_bundle + " ";
    }

    /// Runs `glue-inventory COMMAND` (command and flags in `args`), with the simulator's keys;
    /// `args` adds the endpoint itself where it wants one.
    run_result run(const std::string& args, const std::string& input = "/dev/null") const {
        const auto out = dir / "stdout";
        const auto err = dir / "stderr";
        const std::string command = environment() + GLUE_INVENTORY_PATH + " " + args + " >" +
                                    out.string() + " 2>" + err.string() + " <" + input;
        const int raw = std::system(command.c_str());
        run_result result;
        result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
        result.out = read_text(out);
        result.err = read_text(err);
        return result;
    }

    /// `glue-inventory audit` of the simulator (every region it serves).
    run_result audit(const std::string& args) const {
        std::string regions;
        for (const auto& r : sim.ready().regions) {
            regions += (regions.empty() ? "" : ",") + r;
        }
        return run("audit" + endpoint() + "--regions " + regions + " " + args);
    }

    glue_test::sim_process sim;
    fs::path dir;
};

std::string fixture_path() {
    return std::string(GLUE_TEST_DATA_DIR) + "/fixtures/audit-org.json";
}

struct fixture_sim : sim_env {
    fixture_sim()
        : sim_env({"--host", "127.0.0.1", "--port", "0", "--fixture", fixture_path()}, "fixture") {}
};

/// "name RULE severity" of each finding line (ndjson), in order.
std::vector<std::string> finding_keys(const std::string& ndjson) {
    std::vector<std::string> keys;
    simdjson::dom::parser parser;
    for (const auto& line : lines_of(ndjson)) {
        simdjson::dom::element e = parser.parse(line);
        keys.push_back(std::string(std::string_view(e["Name"])) + " " +
                       std::string(std::string_view(e["RuleId"])) + " " +
                       std::string(std::string_view(e["Severity"])));
    }
    return keys;
}

/// The findings of audit-org.json, worked out by hand from reference/audit-rules.md section 3.
const std::vector<std::string> expected_fixture_findings = {
    // TLS enforced, secret in Secrets Manager, VPC, schema 2 with a KMS key: only its last
    // validation, in 2020, is stale.
    "pg-secure GLUE-013 low",
    // Everything wrong: no TLS (critical: credentials inline too), password inline and in the
    // URL, a public IP (high: with no TLS), no VPC, FAILED, never validated, a 2020 credential,
    // legacy schema.
    "mysql-inline GLUE-001 critical",
    "mysql-inline GLUE-005 high",
    "mysql-inline GLUE-006 high",
    "mysql-inline GLUE-010 high",
    "mysql-inline GLUE-011 medium",
    "mysql-inline GLUE-012 medium",
    "mysql-inline GLUE-013 low",
    "mysql-inline GLUE-014 medium",
    "mysql-inline GLUE-016 info",
    // Plaintext with SASL/PLAIN (critical), inline SASL and keystore passwords, stale, old
    // credential, keystore from S3.
    "kafka-plain GLUE-003 critical",
    "kafka-plain GLUE-005 high",
    "kafka-plain GLUE-013 low",
    "kafka-plain GLUE-014 medium",
    "kafka-plain GLUE-015 low",
    // network-only: nothing (NETWORK with a subnet and a security group; never "validated" does
    // not apply to NETWORK).
    // A secret-named token URL parameter, an http token URL, no customer KMS key, never
    // validated.
    "<script>alert(1)</script> GLUE-007 medium",
    "<script>alert(1)</script> GLUE-008 high",
    "<script>alert(1)</script> GLUE-009 low",
    "<script>alert(1)</script> GLUE-013 low",
};

std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

/// How many findings each machine-readable format holds, in files f.<format> of `d`.
std::map<std::string, std::size_t> counts_by_format(const fs::path& d) {
    std::map<std::string, std::size_t> counts;
    simdjson::dom::parser parser;
    counts["ndjson"] = lines_of(read_text(d / "f.ndjson")).size();
    counts["csv"] = lines_of(read_text(d / "f.csv")).size() - 1; // the header
    counts["ocsf"] = lines_of(read_text(d / "f.ocsf")).size();
    std::size_t sarif = 0;
    simdjson::dom::element doc = parser.parse(read_text(d / "f.sarif"));
    for (auto run : doc["runs"].get_array()) {
        sarif += run["results"].get_array().size();
    }
    counts["sarif"] = sarif;
    std::size_t asff = 0;
    for (const auto& line : lines_of(read_text(d / "f.asff"))) {
        asff += parser.parse(line)["Findings"].get_array().size();
    }
    counts["asff"] = asff;
    return counts;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(audit_of_the_fixture, fixture_sim)

BOOST_AUTO_TEST_CASE(every_filter_applies_to_every_format) {
    const std::pair<std::string, std::size_t> cases[] = {
        {"", expected_fixture_findings.size()},
        {"--min-severity critical", 2},
        {"--min-severity medium", 12},
        {"--rules GLUE-013", 4},
        {"--skip-rules GLUE-013,GLUE-01?", 8},
        {"--include-pass", 5 * 16}, // every rule's result on every connection
    };
    int n = 0;
    for (const auto& [filter, expected] : cases) {
        const auto d = dir / ("filter" + std::to_string(n++));
        fs::create_directories(d);
        std::string reports;
        for (const char* f : {"ndjson", "csv", "sarif", "ocsf", "asff"}) {
            reports += std::string(" --report ") + f + ":" + (d / (std::string("f.") + f)).string();
        }
        const auto r = audit(filter + " --fail-on none --output /dev/null" + reports);
        BOOST_TEST_REQUIRE(r.status == 0, filter << ": " << r.err);
        for (const auto& [format, count] : counts_by_format(d)) {
            BOOST_TEST(count == expected, filter << " " << format);
        }
    }
}

BOOST_AUTO_TEST_CASE(the_fixture_gives_exactly_the_expected_findings) {
    const auto r = audit("--format ndjson");
    BOOST_TEST(r.status == 3, r.err); // critical and high findings, --fail-on high by default
    BOOST_TEST(sorted(finding_keys(r.out)) == sorted(expected_fixture_findings),
               boost::test_tools::per_element());
    BOOST_TEST(r.err.find("5 connection(s) evaluated; 19 finding(s) (2 critical, 5 high, 5 "
                          "medium, 6 low, 1 info); 0 suppressed") != std::string::npos,
               r.err);
}

BOOST_AUTO_TEST_CASE(every_format_from_one_run_and_never_a_secret) {
    for (const std::string passwords : {"", "--show-passwords"}) {
        const auto d = dir / ("formats" + passwords);
        fs::create_directories(d);
        std::string reports;
        for (const char* f : {"ndjson", "csv", "table", "sarif", "ocsf", "asff", "html"}) {
            reports += std::string(" --report ") + f + ":" + (d / (std::string("f.") + f)).string();
        }
        const auto r = audit(passwords + " --format ndjson" + reports);
        BOOST_TEST(r.status == 3, r.err);
        BOOST_TEST(r.out == read_text(d / "f.ndjson"));
        BOOST_TEST(finding_keys(r.out).size() == expected_fixture_findings.size());
        simdjson::dom::parser parser;
        // CSV: a header and a row a finding.
        BOOST_TEST(lines_of(read_text(d / "f.csv")).size() == expected_fixture_findings.size() + 1);
        // SARIF: one JSON document, one run for the one account, a result a finding.
        simdjson::dom::element sarif = parser.parse(read_text(d / "f.sarif"));
        BOOST_TEST(std::string_view(sarif["version"]) == "2.1.0");
        BOOST_TEST(sarif["runs"].get_array().size() == 1u);
        BOOST_TEST(sarif["runs"].at(0)["results"].get_array().size() ==
                   expected_fixture_findings.size());
        // OCSF: a finding a line, Detection Finding.
        std::size_t ocsf = 0;
        for (const auto& line : lines_of(read_text(d / "f.ocsf"))) {
            simdjson::dom::element e = parser.parse(line);
            BOOST_TEST(std::int64_t(e["class_uid"]) == 2004);
            ++ocsf;
        }
        BOOST_TEST(ocsf == expected_fixture_findings.size());
        // ASFF: lines of BatchImportFindings batches; together every finding.
        std::size_t asff = 0;
        for (const auto& line : lines_of(read_text(d / "f.asff"))) {
            simdjson::dom::element e = parser.parse(line);
            simdjson::dom::array findings;
            if (e.get_array().get(findings) == simdjson::SUCCESS) {
                asff += findings.size();
            } else {
                asff += e["Findings"].get_array().size();
            }
        }
        BOOST_TEST(asff == expected_fixture_findings.size());
        // HTML: the hostile name is text, not markup.
        const auto html = read_text(d / "f.html");
        BOOST_TEST(html.find("<script>alert(1)</script>") == std::string::npos);
        BOOST_TEST(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
        BOOST_TEST(read_text(d / "f.table").find("GLUE-003") != std::string::npos);
        // No secret in any output, nor on stderr.
        for (const char* f : {"ndjson", "csv", "table", "sarif", "ocsf", "asff", "html"}) {
            BOOST_TEST(read_text(d / (std::string("f.") + f)).find(secret_marker) ==
                           std::string::npos,
                       f << passwords);
        }
        BOOST_TEST(r.err.find(secret_marker) == std::string::npos, r.err);
    }
    // The test could fail: the scan itself does carry the secrets (URL passwords always).
    const auto scan = run("scan" + endpoint() + "--regions eu-west-1 --show-passwords");
    BOOST_TEST(scan.out.find(secret_marker) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(exit_status_follows_fail_on_and_the_precedence) {
    BOOST_TEST(audit("--fail-on none").status == 0);
    BOOST_TEST(audit("--fail-on critical").status == 3);
    BOOST_TEST(audit("--rules GLUE-016").status == 0);                // info only
    BOOST_TEST(audit("--rules GLUE-016 --fail-on info").status == 3); // at or above
    BOOST_TEST(audit("--min-severity critical --fail-on high").status == 3);
    BOOST_TEST(audit("--skip-rules GLUE-001,GLUE-003 --fail-on critical").status == 0);
    // 1: bad usage, and a bad configuration found before any request.
    const auto usage = audit("--fail-on sometimes");
    BOOST_TEST(usage.status == 1);
    BOOST_TEST(usage.err.find("--fail-on: 'sometimes'") != std::string::npos, usage.err);
    // 2 beats 3: one catalog read, one missing; the findings of the first are still written.
    const auto incomplete =
        audit("--catalog-ids 210987654321,210987654321:missing --format ndjson");
    BOOST_TEST(incomplete.status == 2, incomplete.err);
    BOOST_TEST(finding_keys(incomplete.out).size() == expected_fixture_findings.size());
    BOOST_TEST(incomplete.err.find("1 of 2 target(s) failed") != std::string::npos, incomplete.err);
}

BOOST_AUTO_TEST_CASE(an_interrupted_audit_exits_130_over_findings_and_bad_lines) {
    const auto records = dir / "records.ndjson";
    const auto scan = run("scan" + endpoint() + "--regions eu-west-1 --output " + records.string());
    BOOST_TEST_REQUIRE(scan.status == 0, scan.err);
    // A malformed line, the records (findings at high), then a stdin that stays open until
    // SIGINT has come, sent once every finding is out: stdin is a FIFO the shell holds open
    // (fd 3) until the audit has exited (a pipeline would make `wait` wait for its writer too).
    const auto out = dir / "interrupted.ndjson";
    const auto fifo = dir / "interrupted.fifo";
    const std::string command =
        "mkfifo " + fifo.string() + " && { " + environment() + GLUE_INVENTORY_PATH +
        " audit --input - --format ndjson <" + fifo.string() + " >" + out.string() +
        " 2>/dev/null & pid=$!; exec 3>" + fifo.string() + "; echo 'not json' >&3; cat " +
        records.string() + " >&3; " + shell_wait_for_lines(out, expected_fixture_findings.size()) +
        " kill -INT $pid; wait $pid; }";
    const int raw = std::system(command.c_str());
    const int status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    BOOST_TEST(status == 130);
    BOOST_TEST(finding_keys(read_text(out)).size() == expected_fixture_findings.size());
}

BOOST_AUTO_TEST_CASE(input_audits_scan_records_and_reports_a_malformed_line) {
    const auto records = dir / "records.ndjson";
    const auto scan = run("scan" + endpoint() + "--regions eu-west-1 --show-passwords --output " +
                          records.string());
    BOOST_TEST_REQUIRE(scan.status == 0, scan.err);
    const auto direct = audit("--format ndjson --show-passwords");
    // The same findings from the records as from the scan.
    const auto from_file = run("audit --input " + records.string() + " --format ndjson");
    BOOST_TEST(from_file.status == 3, from_file.err);
    BOOST_TEST(sorted(finding_keys(from_file.out)) == sorted(finding_keys(direct.out)),
               boost::test_tools::per_element());
    const auto from_stdin = run("audit --input - --format ndjson", records.string());
    BOOST_TEST(sorted(finding_keys(from_stdin.out)) == sorted(finding_keys(direct.out)),
               boost::test_tools::per_element());
    // A malformed third line: reported with its number, skipped; the others audited; exit 2.
    auto lines = lines_of(read_text(records));
    BOOST_TEST_REQUIRE(lines.size() == 5u);
    lines.insert(lines.begin() + 2, R"({"AccountId":"210987654321","Region":"eu-west-1",)");
    std::string text;
    for (const auto& l : lines) {
        text += l + "\n";
    }
    const auto broken = dir / "broken.ndjson";
    write_text(broken, text);
    const auto r = run("audit --input " + broken.string() + " --format ndjson");
    BOOST_TEST(r.status == 2, r.err);
    BOOST_TEST(r.err.find("--input: " + broken.string() + " line 3: ") != std::string::npos, r.err);
    BOOST_TEST(r.err.find("1 of 6 --input line(s) malformed") != std::string::npos, r.err);
    BOOST_TEST(finding_keys(r.out).size() == expected_fixture_findings.size());
    BOOST_TEST(r.err.find(secret_marker) == std::string::npos, r.err);
    BOOST_TEST(r.out.find(secret_marker) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(suppressions_mark_findings_until_they_expire) {
    const auto file = dir / "suppressions.json";
    write_text(file, R"j({"suppressions": [
  {"rule": "GLUE-*", "account": "210987654321", "name": "^(mysql-inline|<script>)",
   "reason": "accepted until the migration", "expires": "2999-12-31"},
  {"rule": "GLUE-003", "name": "^kafka-plain$", "reason": "was accepted", "expires": "2020-01-01"}
]})j");
    const auto r = audit("--format ndjson --suppressions " + file.string());
    BOOST_TEST(r.status == 3, r.err); // kafka-plain's GLUE-003 (critical) is not suppressed
    simdjson::dom::parser parser;
    std::size_t suppressed = 0;
    for (const auto& line : lines_of(r.out)) {
        simdjson::dom::element e = parser.parse(line);
        const std::string name{std::string_view(e["Name"])};
        const bool s = bool(e["Suppressed"]);
        BOOST_TEST(s == (name == "mysql-inline" || name == "<script>alert(1)</script>"), name);
        if (s) {
            BOOST_TEST(std::string_view(e["SuppressionReason"]) == "accepted until the migration");
            ++suppressed;
        }
    }
    BOOST_TEST(suppressed == 13u);
    BOOST_TEST(r.err.find("13 suppressed") != std::string::npos, r.err);
    BOOST_TEST(r.err.find("expired suppression, no longer applied: entry 2 (line 4") !=
                   std::string::npos,
               r.err);
    // With kafka-plain's critical finding suppressed too, nothing fails at high.
    write_text(file, R"j({"suppressions": [
  {"name": "^(mysql-inline|<script>|kafka-plain)", "reason": "lab"}]})j");
    BOOST_TEST(audit("--suppressions " + file.string()).status == 0);
    // A bad file: exit 1, its line named, before any request (the endpoint is closed).
    write_text(file, "{\"suppressions\": [\n  {\"rule\": \"GLUE-005\"}\n]}");
    const auto bad = run("audit --endpoint-url https://127.0.0.1:1 --regions eu-west-1 "
                         "--suppressions " +
                         file.string());
    BOOST_TEST(bad.status == 1);
    BOOST_TEST(bad.err.find("--suppressions: " + file.string() +
                            ": line 2: entry 1: 'reason' is required") != std::string::npos,
               bad.err);
}

BOOST_AUTO_TEST_CASE(baseline_states_new_unchanged_absent) {
    const auto first = audit("--format ndjson");
    auto lines = lines_of(first.out);
    BOOST_TEST_REQUIRE(lines.size() == expected_fixture_findings.size());
    // Same findings as the baseline: all unchanged, --fail-on-new passes.
    const auto same = dir / "same.ndjson";
    write_text(same, first.out);
    const auto unchanged =
        audit("--format ndjson --fail-on none --fail-on-new --baseline " + same.string());
    BOOST_TEST(unchanged.status == 0, unchanged.err);
    BOOST_TEST(unchanged.err.find("baseline: 0 new, 19 unchanged, 0 absent") != std::string::npos,
               unchanged.err);
    // The baseline without the first finding and with one that has gone since.
    std::string gone = lines[1];
    const auto arn_at = gone.find("connection/mysql-inline");
    BOOST_TEST_REQUIRE(arn_at != std::string::npos);
    gone.replace(arn_at, std::string_view("connection/mysql-inline").size(),
                 "connection/mysql-retired");
    const auto fp_at = gone.find("\"Fingerprint\":\"");
    BOOST_TEST_REQUIRE(fp_at != std::string::npos);
    gone.replace(fp_at + 15, 64, std::string(64, 'a'));
    std::string text;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        text += lines[i] + "\n";
    }
    text += gone + "\n";
    const auto older = dir / "older.ndjson";
    write_text(older, text);
    const auto r =
        audit("--format ndjson --fail-on none --fail-on-new --baseline " + older.string());
    BOOST_TEST(r.status == 3, r.err); // one finding is new
    BOOST_TEST(r.err.find("baseline: 1 new, 18 unchanged, 1 absent") != std::string::npos, r.err);
    simdjson::dom::parser parser;
    std::map<std::string, int> states;
    std::string last_state;
    for (const auto& line : lines_of(r.out)) {
        simdjson::dom::element e = parser.parse(line);
        last_state = std::string(std::string_view(e["BaselineState"]));
        ++states[last_state];
    }
    BOOST_TEST(states["new"] == 1);
    BOOST_TEST(states["unchanged"] == 18);
    BOOST_TEST(states["absent"] == 1);
    BOOST_TEST(last_state == "absent"); // written after the others
    BOOST_TEST(r.out.find("mysql-retired") != std::string::npos);
    // A bad baseline is a usage error naming its line.
    write_text(older, lines[0] + "\nnot json\n");
    const auto bad = audit("--baseline " + older.string());
    BOOST_TEST(bad.status == 1);
    BOOST_TEST(bad.err.find("--baseline: " + older.string() + ": line 2: ") != std::string::npos,
               bad.err);
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

struct generated_sim : sim_env {
    generated_sim()
        : sim_env({"--host", "127.0.0.1", "--port", "0", "--accounts", "10", "--regions",
                   "us-east-1,eu-west-1", "--connections-per-target", "60", "--role-name",
                   "Reader"},
                  "generated") {}
};

} // namespace

BOOST_FIXTURE_TEST_CASE(the_generated_organisation_fails_and_passes_every_rule, generated_sim) {
    const std::string accounts = "--org --role-name Reader";
    // --stale-after of a century: the generated validations are years old, and GLUE-013 passes
    // only when the threshold reaches them.
    const auto r =
        audit(accounts + " --include-pass --show-passwords --format ndjson --stale-after 36500 "
                         "--max-credential-age 36500");
    BOOST_TEST((r.status == 0 || r.status == 3), r.err);
    simdjson::dom::parser parser;
    std::map<std::string, std::set<std::string>> statuses;
    for (const auto& line : lines_of(r.out)) {
        simdjson::dom::element e = parser.parse(line);
        statuses[std::string(std::string_view(e["RuleId"]))].insert(
            std::string(std::string_view(e["Status"])));
    }
    const auto fails = audit(accounts + " --format ndjson");
    for (const auto& line : lines_of(fails.out)) {
        simdjson::dom::element e = parser.parse(line);
        statuses[std::string(std::string_view(e["RuleId"]))].insert(
            std::string(std::string_view(e["Status"])));
    }
    BOOST_TEST(statuses.size() == 16u);
    for (const auto& [rule, seen] : statuses) {
        BOOST_TEST(seen.count("FAIL") == 1u, rule << " never fails");
        BOOST_TEST(seen.count("PASS") == 1u, rule << " never passes");
    }
    BOOST_TEST(r.out.find(secret_marker) == std::string::npos);
    BOOST_TEST(fails.out.find(secret_marker) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(sigterm_stops_a_scanning_audit_with_130_and_complete_reports) {
    // A slow organisation, so that the audit is still scanning when SIGTERM comes.
    sim_env slow({"--host", "127.0.0.1", "--port", "0", "--accounts", "30", "--latency-ms", "200",
                  "--role-name", "Reader"},
                 "slow");
    const auto out = slow.dir / "interrupted.ndjson";
    const auto sarif = slow.dir / "interrupted.sarif";
    const auto err = slow.dir / "interrupted.err";
    const std::string command =
        slow.environment() + GLUE_INVENTORY_PATH + " audit" + slow.endpoint() +
        "--org --role-name Reader --regions us-east-1,eu-west-1 --max-results 1 --concurrency 4 "
        "--format ndjson --output " +
        out.string() + " --report sarif:" + sarif.string() + " 2>" + err.string() +
        " </dev/null & pid=$!; " + shell_wait_for_lines(out, 1) + " kill -TERM $pid; wait $pid";
    const int raw = std::system(command.c_str());
    const int status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    BOOST_TEST(status == 130, read_text(err));
    BOOST_TEST(read_text(err).find("interrupted") != std::string::npos, read_text(err));
    BOOST_TEST(!finding_keys(read_text(out)).empty()); // findings so far, whole lines
    // The SARIF document was closed: it parses.
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    BOOST_TEST(parser.load(sarif.string()).get(doc) == simdjson::SUCCESS);
}

BOOST_FIXTURE_TEST_CASE(list_rules_and_unwritable_reports, fixture_sim) {
    const auto list = run("audit --list-rules");
    BOOST_TEST(list.status == 0);
    for (int i = 1; i <= 16; ++i) {
        const std::string id = std::string("GLUE-0") + (i < 10 ? "0" : "") + std::to_string(i);
        BOOST_TEST(list.out.find(id) != std::string::npos, id);
        BOOST_TEST(list.out.find("docs/rules/" + id) != std::string::npos, id);
    }
    // A report that cannot be written: exit 1, before any request (the endpoint is closed).
    const auto bad = run("audit --endpoint-url https://127.0.0.1:1 --regions eu-west-1 "
                         "--report html:/nonexistent-dir/a.html");
    BOOST_TEST(bad.status == 1);
    BOOST_TEST(bad.err.find("--report: cannot open '/nonexistent-dir/a.html'") != std::string::npos,
               bad.err);
}
