// glue-inventory diff end to end: two glue-sim processes serve the small-org fixture and an
// edited copy of it (a description, a password, a security group changed; a connection renamed;
// the shared catalog no longer shared, so its target fails in the second scan); each is scanned
// with the real CLI, and the diff of the two NDJSON files is checked line by line.
#include "sim_process.hpp"
#include "text_files.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using glue_test::read_text;
using glue_test::sorted_lines;
using glue_test::write_text;

namespace fs = std::filesystem;

/// Replaces the first `from` in `text`; the test fails if the fixture no longer has it.
void edit(std::string& text, const std::string& from, const std::string& to) {
    const auto pos = text.find(from);
    BOOST_TEST_REQUIRE(pos != std::string::npos, "the fixture has no " << from);
    text.replace(pos, from.size(), to);
}

/// The line of `ndjson` that holds `needle`.
std::string line_with(const std::string& ndjson, const std::string& needle) {
    std::istringstream in(ndjson);
    for (std::string line; std::getline(in, line);) {
        if (line.find(needle) != std::string::npos) {
            return line;
        }
    }
    BOOST_FAIL("no line with " << needle);
    return {};
}

struct run_result {
    int status = -1;
    std::string out;
    std::string err;
};

struct diff_fixture {
    diff_fixture()
        : dir(fs::temp_directory_path() / ("glue-diff-test-" + std::to_string(::getpid()))) {
        fs::create_directories(dir);
        const std::string fixture = std::string(GLUE_TEST_DATA_DIR) + "/fixtures/small-org.json";
        std::string edited = read_text(fixture);
        edit(edited, R"("Description": "Sales warehouse 1")",
             R"("Description": "Sales warehouse one")");
        edit(edited, R"("PASSWORD": "pw-1")", R"("PASSWORD": "pw-1-rotated")");
        edit(edited, R"("sg-02")", R"("sg-99")");
        edit(edited, R"("Name": "events",)", R"("Name": "events-v2",)");
        edit(edited, "\"SharedWith\": [\n      \"444455556666\"", "\"SharedWith\": [");
        write_text(dir / "edited-org.json", edited);

        glue_test::sim_process before(
            {"--host", "127.0.0.1", "--port", "0", "--fixture", fixture, "--role-name", "Reader"});
        scan_both(before, "old");
        glue_test::sim_process after({"--host", "127.0.0.1", "--port", "0", "--fixture",
                                      (dir / "edited-org.json").string(), "--role-name", "Reader"});
        scan_both(after, "new");
    }
    ~diff_fixture() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }

    /// PREFIX.ndjson and PREFIX-errors.ndjson: every account's own catalog in both regions, then
    /// the shared catalog as 444455556666 reads it (appended: NDJSON files concatenate).
    void scan_both(const glue_test::sim_process& sim, const std::string& prefix) {
        const auto out = (dir / (prefix + ".ndjson")).string();
        const auto errors = (dir / (prefix + "-errors.ndjson")).string();
        const auto& r = sim.ready();
        const std::string scan =
            "env -i HOME=" + dir.string() + " AWS_ACCESS_KEY_ID=" + r.access_key_id +
            " AWS_SECRET_ACCESS_KEY=" + r.secret_access_key + " AWS_REGION=us-east-1 " +
            GLUE_INVENTORY_PATH + " scan --endpoint-url " + r.endpoint_url + " --ca-bundle " +
            r.ca_bundle + " --role-name Reader --show-passwords --format ndjson ";
        const std::string command =
            "{ " + scan + "--org --regions us-east-1,eu-west-1 --errors " + errors + ".1; " + scan +
            "--accounts 444455556666 --regions us-east-1 --catalog-ids 111122223333:shared "
            "--errors " +
            errors + ".2; } >" + out + " 2>" + (dir / (prefix + ".stderr")).string() +
            " </dev/null; cat " + errors + ".1 " + errors + ".2 >" + errors;
        BOOST_TEST_REQUIRE(std::system(command.c_str()) == 0);
    }

    /// Runs `glue-inventory diff ARGS` in the test's folder; `before` comes first in the shell
    /// pipeline (to feed a pipe to it).
    run_result diff(const std::string& args, const std::string& before = "") const {
        const auto out = (dir / "diff.out").string();
        const auto err = (dir / "diff.err").string();
        const std::string command = std::string("cd ") + dir.string() + " && " + before +
                                    GLUE_INVENTORY_PATH + " diff " + args + " >" + out + " 2>" +
                                    err + (before.empty() ? " </dev/null" : "");
        const int raw = std::system(command.c_str());
        run_result r;
        r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
        r.out = read_text(out);
        r.err = read_text(err);
        return r;
    }

    fs::path dir;
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(diff_of_two_scans, diff_fixture)

BOOST_AUTO_TEST_CASE(the_scans_saw_what_the_fixtures_hold) {
    const auto old_records = read_text(dir / "old.ndjson");
    const auto new_records = read_text(dir / "new.ndjson");
    BOOST_TEST(old_records.find("\"pw-1\"") != std::string::npos); // --show-passwords
    BOOST_TEST(old_records.find("shared-stream") != std::string::npos);
    BOOST_TEST(new_records.find("shared-stream") == std::string::npos);
    BOOST_TEST(read_text(dir / "old-errors.ndjson").empty());
    BOOST_TEST(read_text(dir / "new-errors.ndjson").find("111122223333:shared") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(ndjson_names_every_change_and_never_a_secret) {
    const auto r = diff("old.ndjson new.ndjson --old-errors old-errors.ndjson "
                        "--new-errors new-errors.ndjson --format ndjson");
    BOOST_TEST(r.status == 2, r.err); // a target was not compared: the diff is incomplete
    BOOST_TEST(r.err.empty(), r.err);
    const std::string prefix =
        R"("AccountId":"111122223333","Region":"us-east-1","CatalogId":"111122223333",)";
    std::vector<std::string> expected = {
        R"({"Change":"not_compared","AccountId":"444455556666","Region":"us-east-1","CatalogId":"111122223333:shared","FailedIn":"new","ErrorCode":"AccessDeniedException"})",
        R"({"Change":"changed",)" + prefix +
            R"("Name":"sales-dw","Members":[{"Path":"Description","Change":"changed","Old":"Sales warehouse 1","New":"Sales warehouse one"},{"Path":"ConnectionProperties.PASSWORD","Change":"changed","Secret":true},{"Path":"PhysicalConnectionRequirements.SecurityGroupIdList","Change":"changed","Old":["sg-01","sg-02"],"New":["sg-01","sg-99"]}]})",
        R"({"Change":"removed",)" + prefix + R"("Name":"events","Record":)" +
            line_with(read_text(dir / "old.ndjson"), R"("Name":"events")") + "}",
        R"({"Change":"added",)" + prefix + R"("Name":"events-v2","Record":)" +
            line_with(read_text(dir / "new.ndjson"), R"("Name":"events-v2")") + "}",
    };
    std::sort(expected.begin(), expected.end());
    BOOST_TEST(sorted_lines(r.out) == expected, boost::test_tools::per_element());
    BOOST_TEST(r.out.find("pw-1") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(without_the_error_files_a_failed_target_looks_removed) {
    const auto r = diff("old.ndjson new.ndjson --format ndjson");
    BOOST_TEST(r.status == 0, r.err);
    BOOST_TEST(
        r.out.find(
            R"({"Change":"removed","AccountId":"444455556666","Region":"us-east-1","CatalogId":"111122223333:shared","Name":"shared-stream")") !=
        std::string::npos);
    BOOST_TEST(r.out.find("not_compared") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(table_and_csv_show_the_same_changes_without_secrets) {
    const auto table = diff("old.ndjson new.ndjson --new-errors new-errors.ndjson --format table");
    BOOST_TEST(table.status == 2);
    BOOST_TEST(table.out.find("    ConnectionProperties.PASSWORD: changed (secret, not shown)\n") !=
               std::string::npos);
    BOOST_TEST(
        table.out.find("    Description: \"Sales warehouse 1\" -> \"Sales warehouse one\"\n") !=
        std::string::npos);
    BOOST_TEST(table.out.find("? 444455556666  us-east-1  111122223333:shared  not compared: the "
                              "target failed in the new scan (AccessDeniedException)\n") !=
               std::string::npos);
    BOOST_TEST(table.out.ends_with("1 added, 1 removed, 1 changed, 6 unchanged, 1 target not "
                                   "compared (1 records skipped)\n"),
               table.out);
    const auto csv = diff("old.ndjson new.ndjson --new-errors new-errors.ndjson --format csv "
                          "--output diff.csv");
    BOOST_TEST(csv.status == 2);
    BOOST_TEST(csv.out.empty());
    const auto rows = read_text(dir / "diff.csv");
    BOOST_TEST(rows.starts_with("Change,AccountId,Region,CatalogId,Name,Member,Old,New\r\n"));
    BOOST_TEST(rows.find("changed,111122223333,us-east-1,111122223333,sales-dw,"
                         "ConnectionProperties.PASSWORD,(secret),(secret changed)\r\n") !=
               std::string::npos);
    for (const auto& text : {table.out, rows}) {
        BOOST_TEST(text.find("pw-1") == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(exit_code_3_for_changes_0_for_none_with_exit_code) {
    BOOST_TEST(diff("old.ndjson new.ndjson --exit-code --format ndjson").status == 3);
    BOOST_TEST(diff("old.ndjson old.ndjson --exit-code --format ndjson").status == 0);
    const auto same = diff("new.ndjson new.ndjson --exit-code");
    BOOST_TEST(same.status == 0);
    BOOST_TEST(same.out.empty()); // ndjson when stdout is not a terminal: no summary line
    // An incomplete diff (2) outranks changes found (3).
    BOOST_TEST(diff("old.ndjson new.ndjson --new-errors new-errors.ndjson --exit-code").status ==
               2);
}

BOOST_AUTO_TEST_CASE(a_malformed_errors_file_line_exits_2_naming_file_and_line) {
    write_text(dir / "bad-errors.ndjson", read_text(dir / "new-errors.ndjson") +
                                              "{\"AccountId\":\"111122223333\",\"Region\":1}\n");
    const auto r = diff("old.ndjson new.ndjson --new-errors bad-errors.ndjson --format ndjson");
    BOOST_TEST(r.status == 2);
    BOOST_TEST(r.err == "glue-inventory: diff: bad-errors.ndjson:2: \"Region\" is not a string "
                        "(line skipped)\n",
               r.err);
    BOOST_TEST(r.out.find("not_compared") != std::string::npos); // line 1 still counts
}

BOOST_AUTO_TEST_CASE(a_malformed_line_exits_2_naming_file_and_line) {
    write_text(dir / "broken.ndjson", read_text(dir / "old.ndjson") + "{\"AccountId\": oops\n");
    const auto r = diff("broken.ndjson old.ndjson --exit-code");
    BOOST_TEST(r.status == 2);
    BOOST_TEST(r.out.empty());
    BOOST_TEST(r.err.find("glue-inventory: diff: broken.ndjson:10: not JSON") == 0U, r.err);
}

BOOST_AUTO_TEST_CASE(an_unreadable_input_or_bad_usage_exits_1) {
    const auto missing = diff("nothing.ndjson old.ndjson");
    BOOST_TEST(missing.status == 1);
    BOOST_TEST(missing.err.find("glue-inventory: diff: nothing.ndjson: cannot open") == 0U,
               missing.err);
    BOOST_TEST(diff("old.ndjson").status == 1);
    BOOST_TEST(diff("old.ndjson new.ndjson --format yaml").status == 1);
}

BOOST_AUTO_TEST_CASE(old_may_be_a_pipe_its_lines_are_then_kept_in_memory) {
    const auto from_file = diff("old.ndjson new.ndjson --format ndjson");
    const auto from_pipe = diff("/dev/stdin new.ndjson --format ndjson", "cat old.ndjson | ");
    BOOST_TEST(from_pipe.status == 0, from_pipe.err);
    BOOST_TEST(from_pipe.out == from_file.out);
    BOOST_TEST(sorted_lines(from_pipe.out).size() == 4U); // 1 changed, 1 added, 2 removed
}

BOOST_AUTO_TEST_SUITE_END()
