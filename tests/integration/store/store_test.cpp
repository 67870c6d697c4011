// --store end to end: the real CLI against glue-sim, into SQLite and into a real PostgreSQL that
// the test starts (pg_cluster): two scans of the small-org fixture and of an edited copy (a
// description, a password, a security group changed; a connection renamed; the shared catalog
// no longer shared, so its target fails in the second scan); `diff --store` must say what the
// diff of the two scans' NDJSON files says. Then a PostgreSQL killed mid-scan, a store down at
// the start, and a store of schema version 1 migrated by a scan.
#include "pg_cluster.hpp"
#include "sim_process.hpp"
#include "store/database.hpp"
#include "text_files.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sqlite3.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace {

using glue_test::read_text;
using glue_test::sorted_lines;
using glue_test::write_text;

namespace fs = std::filesystem;

void edit(std::string& text, const std::string& from, const std::string& to) {
    const auto pos = text.find(from);
    BOOST_TEST_REQUIRE(pos != std::string::npos, "the fixture has no " << from);
    text.replace(pos, from.size(), to);
}

struct run_result {
    int status = -1;
    std::string out;
    std::string err;
};

/// Runs `command` (a shell line) with stdout and stderr to files in `dir`.
run_result run(const fs::path& dir, const std::string& command) {
    const auto out = (dir / "run.out").string();
    const auto err = (dir / "run.err").string();
    const std::string line =
        "cd " + dir.string() + " && " + command + " >" + out + " 2>" + err + " </dev/null";
    const int raw = std::system(line.c_str());
    run_result r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
    r.out = read_text(out);
    r.err = read_text(err);
    return r;
}

/// `glue-inventory scan` against `sim` with the base identity's environment only.
std::string scan_command(const fs::path& dir, const glue_test::sim_process& sim,
                         const std::string& args) {
    const auto& r = sim.ready();
    return "env -i HOME=" + dir.string() + " AWS_ACCESS_KEY_ID=" + r.access_key_id +
           " AWS_SECRET_ACCESS_KEY=" + r.secret_access_key + " AWS_REGION=us-east-1 " +
           GLUE_INVENTORY_PATH + " scan --endpoint-url " + r.endpoint_url + " --ca-bundle " +
           r.ca_bundle + " --role-name Reader --no-progress " + args;
}

/// Every account's own catalog in both regions, and the shared catalog (which 444455556666
/// reads while it is shared; 111122223333's catalog it may never read: a target that fails
/// in both scans).
constexpr const char* fixture_targets =
    "--accounts 111122223333,444455556666 --regions us-east-1,eu-west-1 --catalog-ids "
    "111122223333,111122223333:shared --show-passwords ";

struct two_sims {
    two_sims()
        : dir(fs::temp_directory_path() / ("glue-store-test-" + std::to_string(::getpid()))) {
        fs::create_directories(dir);
        fixture = std::string(GLUE_TEST_DATA_DIR) + "/fixtures/small-org.json";
        std::string edited = read_text(fixture);
        edit(edited, R"("Description": "Sales warehouse 1")",
             R"("Description": "Sales warehouse one")");
        edit(edited, R"("PASSWORD": "pw-1")", R"("PASSWORD": "pw-1-rotated")");
        edit(edited, R"("sg-02")", R"("sg-99")");
        edit(edited, R"("Name": "events",)", R"("Name": "events-v2",)");
        edit(edited, "\"SharedWith\": [\n      \"444455556666\"", "\"SharedWith\": [");
        write_text(dir / "edited-org.json", edited);
    }
    ~two_sims() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }

    /// Scans the fixture (`edited`: the edited copy) into `store`, NDJSON and errors beside.
    run_result scan_into(const std::string& store, bool edited, const std::string& prefix) {
        glue_test::sim_process sim({"--host", "127.0.0.1", "--port", "0", "--fixture",
                                    edited ? (dir / "edited-org.json").string() : fixture,
                                    "--role-name", "Reader"});
        return run(dir,
                   scan_command(dir, sim,
                                std::string(fixture_targets) + "--store '" + store + "' --output " +
                                    prefix + ".ndjson --errors " + prefix + "-errors.ndjson"));
    }

    run_result diff(const std::string& args) const {
        return run(dir, std::string(GLUE_INVENTORY_PATH) + " diff " + args);
    }

    /// The file diff of the two scans, the reference the store's diff is held to.
    run_result file_diff(const std::string& format) const {
        return diff("old.ndjson new.ndjson --old-errors old-errors.ndjson --new-errors "
                    "new-errors.ndjson --format " +
                    format);
    }

    fs::path dir;
    std::string fixture;
};

} // namespace

BOOST_FIXTURE_TEST_SUITE(store, two_sims)

BOOST_AUTO_TEST_CASE(sqlite_keeps_two_scans_and_diffs_them_as_the_files_diff) {
    const std::string url = "sqlite:" + (dir / "inventory.db").string();
    auto r = scan_into(url, false, "old");
    BOOST_TEST(r.status == 2, r.err); // 444455556666 may never read 111122223333's catalog
    r = scan_into(url, true, "new");
    BOOST_TEST(r.status == 2, r.err);
    const auto expected = file_diff("ndjson");
    BOOST_TEST(expected.status == 2, expected.err);
    BOOST_TEST(expected.out.find("\"Change\":\"changed\"") != std::string::npos);
    const auto stored = diff("--store " + url + " --format ndjson");
    BOOST_TEST(stored.status == 2, stored.err);
    BOOST_TEST(stored.err.empty(), stored.err);
    BOOST_TEST(sorted_lines(stored.out) == sorted_lines(expected.out),
               boost::test_tools::per_element());
    BOOST_TEST(stored.out.find("pw-1") == std::string::npos);
    // Named scans: the same pair by number, and the other way round.
    const auto by_id = diff("--store " + url + " --from 1 --to 2 --format ndjson");
    BOOST_TEST(sorted_lines(by_id.out) == sorted_lines(expected.out));
    const auto reverse = diff("--store " + url + " --from 2 --to 1 --format ndjson");
    BOOST_TEST(reverse.out.find("\"Change\":\"added\",\"AccountId\":\"111122223333\","
                                "\"Region\":\"us-east-1\",\"CatalogId\":\"111122223333\","
                                "\"Name\":\"events\"") != std::string::npos,
               reverse.out);
    const auto missing = diff("--store " + url + " --from nope");
    BOOST_TEST(missing.status == 1);
    BOOST_TEST(missing.err.find("--from: the store has no scan 'nope'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_audit_keeps_its_records_and_findings_in_the_store) {
    const std::string url = "sqlite:" + (dir / "audit.db").string();
    glue_test::sim_process sim(
        {"--host", "127.0.0.1", "--port", "0", "--fixture", fixture, "--role-name", "Reader"});
    auto command = scan_command(dir, sim,
                                std::string(fixture_targets) + "--store " + url +
                                    " --output findings.ndjson --fail-on none");
    command.replace(command.find(" scan "), 6, " audit ");
    const auto r = run(dir, command);
    BOOST_TEST(r.status == 2, r.err);
    auto db = glue_cli::store::open_sqlite((dir / "audit.db").string());
    db->migrate(glue_cli::store::latest_schema_version);
    BOOST_TEST_REQUIRE(db->complete_scans().size() == 1U);
    std::size_t records = 0;
    db->read_records(db->complete_scans()[0].id,
                     [&](std::int64_t, std::string_view) { ++records; });
    BOOST_TEST(records == 8U);
    // As many FAIL findings stored as the NDJSON output holds.
    const auto findings = sorted_lines(read_text(dir / "findings.ndjson"));
    BOOST_TEST(!findings.empty());
    sqlite3* raw = nullptr;
    BOOST_TEST_REQUIRE(sqlite3_open((dir / "audit.db").c_str(), &raw) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(raw, "SELECT sum(findings) FROM findings_by_severity", -1, &stmt, nullptr);
    BOOST_TEST_REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    BOOST_TEST(static_cast<std::size_t>(sqlite3_column_int64(stmt, 0)) == findings.size());
    sqlite3_finalize(stmt);
    sqlite3_close(raw);
}

BOOST_AUTO_TEST_CASE(postgresql_keeps_two_scans_and_diffs_them_as_the_files_diff) {
    glue_test::pg_cluster pg;
    // A password in the URL (trust authentication ignores it) must never be shown.
    std::string url = pg.url();
    url.replace(url.find(":///"), 4, "://glue:pg-Secret-7@/");
    auto r = scan_into(url, false, "old");
    BOOST_TEST(r.status == 2, r.err);
    r = scan_into(url, true, "new");
    BOOST_TEST(r.status == 2, r.err);
    // JSONB keeps its own member order: the changes are compared as CSV rows (one per member,
    // values printed by the diff itself).
    const auto expected = file_diff("csv");
    const auto stored = diff("--store '" + url + "' --format csv");
    BOOST_TEST(stored.status == 2, stored.err);
    BOOST_TEST(sorted_lines(stored.out) == sorted_lines(expected.out),
               boost::test_tools::per_element());
    // The views.
    BOOST_TEST(pg.psql("SELECT change || ' ' || name FROM latest_changes ORDER BY 1") ==
               "added events-v2\nchanged sales-dw\nremoved events\n");
    BOOST_TEST(pg.psql("SELECT count(*) FROM complete_scans") == "2\n");
    // 444455556666's read of the shared catalog failed in the second scan: it keeps what the
    // first saw.
    BOOST_TEST(pg.psql("SELECT count(*) FROM current_inventory WHERE name = 'shared-stream' AND "
                       "account_id = '444455556666'") == "1\n");
    BOOST_TEST(pg.psql("SELECT count(*) FROM scans WHERE arguments LIKE '%pg-Secret-7%'") == "0\n");
    BOOST_TEST(pg.psql("SELECT record->>'Name' FROM current_inventory WHERE "
                       "record->'PhysicalConnectionRequirements'->'SecurityGroupIdList' ? "
                       "'sg-99'") == "sales-dw\n");
}

BOOST_AUTO_TEST_CASE(a_postgresql_killed_mid_scan_stops_the_store_not_the_scan) {
    glue_test::pg_cluster pg;
    std::string url = pg.url();
    url.replace(url.find(":///"), 4, "://glue:pg-Secret-7@/");
    // Long enough to be killed in the middle: 4 x 2 targets, pages of 50 records, 100 ms each.
    glue_test::sim_process sim({"--host", "127.0.0.1", "--port", "0", "--accounts", "4",
                                "--regions", "us-east-1,eu-west-1", "--connections-per-target",
                                "2000", "--max-page", "50", "--latency-ms", "100", "--role-name",
                                "Reader"});
    run_result r;
    std::thread scan([&] {
        r = run(dir, scan_command(dir, sim,
                                  "--org --regions us-east-1,eu-west-1 --output killed.ndjson "
                                  "--store '" +
                                      url + "'"));
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    pg.kill();
    scan.join();
    BOOST_TEST(r.status == 1, r.err);
    BOOST_TEST(r.err.find("glue-inventory: --store postgresql://glue:REDACTED@/glue?host=") !=
                   std::string::npos,
               r.err);
    BOOST_TEST(r.err.find("pg-Secret-7") == std::string::npos);
    // The NDJSON output is complete: every record the scan received (its summary line), once.
    const auto lines = sorted_lines(read_text(dir / "killed.ndjson"));
    const auto counted = r.err.find(" records, ");
    BOOST_TEST_REQUIRE(counted != std::string::npos, r.err);
    const auto start = r.err.rfind(' ', counted - 1) + 1;
    BOOST_TEST(std::to_string(lines.size()) == r.err.substr(start, counted - start), r.err);
    BOOST_TEST(lines.size() > 5000U);
    BOOST_TEST((std::adjacent_find(lines.begin(), lines.end()) == lines.end()));
    // A store that is down from the start stops the scan before any request.
    const auto down =
        run(dir, scan_command(dir, sim, "--org --output down.ndjson --store '" + url + "'"));
    BOOST_TEST(down.status == 1);
    BOOST_TEST(down.err.find("glue-inventory: --store postgresql://glue:REDACTED@/glue?host=") ==
                   0U,
               down.err);
    BOOST_TEST(down.err.find("pg-Secret-7") == std::string::npos);
    BOOST_TEST(read_text(dir / "down.ndjson").empty());
}

BOOST_AUTO_TEST_CASE(a_postgresql_store_of_schema_version_1_is_migrated_by_a_scan) {
    glue_test::pg_cluster pg;
    {
        auto db = glue_cli::store::open_postgresql(pg.url());
        db->migrate(1);
        BOOST_TEST(db->schema_version() == 1);
    }
    // What a glue-inventory of schema 1 left: a complete scan with one connection.
    pg.psql("INSERT INTO scans (name, started_at, ended_at, arguments, tool_version, status) "
            "VALUES ('v1-scan', now(), now(), 'scan', '1.1.0', 'complete'); INSERT INTO "
            "scan_targets VALUES (1, '111122223333', 'us-east-1', '111122223333', 'complete', "
            "NULL, NULL); INSERT INTO connections (account_id, region, catalog_id, name, record, "
            "first_seen, last_seen) VALUES ('111122223333', 'us-east-1', '111122223333', "
            "'legacy', '{\"AccountId\":\"111122223333\",\"Region\":\"us-east-1\",\"CatalogId\":"
            "\"111122223333\",\"Name\":\"legacy\"}', 1, 1)");
    const auto r = scan_into(pg.url(), false, "old");
    BOOST_TEST(r.status == 2, r.err);
    BOOST_TEST(pg.psql("SELECT version FROM schema_version") == "2\n");
    BOOST_TEST(pg.psql("SELECT string_agg(name, ',' ORDER BY id) FROM complete_scans")
                   .starts_with("v1-scan,"));
    const auto d = diff("--store '" + pg.url() + "' --format ndjson");
    BOOST_TEST(d.status == 2, d.err);
    BOOST_TEST(
        d.out.find(
            R"("Change":"removed","AccountId":"111122223333","Region":"us-east-1","CatalogId":"111122223333","Name":"legacy")") !=
            std::string::npos,
        d.out);
}

BOOST_AUTO_TEST_CASE(shard_processes_in_parallel_store_exactly_one_unsharded_scan) {
    glue_test::pg_cluster pg;
    const std::string url = "'" + pg.url() + "'";
    glue_test::sim_process sim({"--host", "127.0.0.1", "--port", "0", "--accounts", "12",
                                "--regions", "us-east-1,eu-west-1", "--connections-per-target",
                                "40", "--role-name", "Reader"});
    const std::string targets = "--org --regions us-east-1,eu-west-1 --store " + url;
    constexpr std::size_t shards = 3;
    std::vector<run_result> results(shards);
    std::vector<std::thread> processes;
    for (std::size_t i = 0; i < shards; ++i) {
        processes.emplace_back([&, i] {
            const auto d = dir / ("shard" + std::to_string(i));
            fs::create_directories(d);
            results[i] =
                run(d, scan_command(d, sim,
                                    targets + " --scan-id nightly --shard " + std::to_string(i) +
                                        "/" + std::to_string(shards) + " --output out.ndjson"));
        });
    }
    for (auto& p : processes) {
        p.join();
    }
    std::vector<std::string> union_lines;
    for (std::size_t i = 0; i < shards; ++i) {
        BOOST_TEST(results[i].status == 0, results[i].err);
        const auto lines =
            sorted_lines(read_text(dir / ("shard" + std::to_string(i)) / "out.ndjson"));
        BOOST_TEST(!lines.empty(), "shard " << i << " scanned no account");
        union_lines.insert(union_lines.end(), lines.begin(), lines.end());
    }
    std::sort(union_lines.begin(), union_lines.end());
    const auto full = run(dir, scan_command(dir, sim,
                                            targets + " --scan-id full --output "
                                                      "full.ndjson"));
    BOOST_TEST(full.status == 0, full.err);
    const auto full_lines = sorted_lines(read_text(dir / "full.ndjson"));
    BOOST_TEST(union_lines == full_lines);

    // In the store: one scan of three finished shards, exactly the unsharded scan's records.
    BOOST_TEST(pg.psql("SELECT string_agg(name, ',' ORDER BY id) FROM complete_scans") ==
               "nightly,full\n");
    BOOST_TEST(pg.psql("SELECT count(*) FROM scan_shards h JOIN scans s ON s.id = h.scan_id "
                       "WHERE s.name = 'nightly' AND h.status = 'finished'") == "3\n");
    const auto counts = "SELECT count(*) || ' ' || count(DISTINCT (account_id, region, "
                        "catalog_id, name)) FROM scan_inventory WHERE scan_id = (SELECT id FROM "
                        "scans WHERE name = '";
    const auto expected =
        std::to_string(full_lines.size()) + " " + std::to_string(full_lines.size()) + "\n";
    BOOST_TEST(pg.psql(counts + std::string("nightly')")) == expected);
    BOOST_TEST(pg.psql(counts + std::string("full')")) == expected);
    // The records of the unchanged organisation are the same versions: nothing changed.
    BOOST_TEST(pg.psql("SELECT count(*) FROM connections") ==
               std::to_string(full_lines.size()) + "\n");
    const auto d = diff("--store " + url + " --from nightly --to full --exit-code");
    BOOST_TEST(d.status == 0, d.err + d.out);

    // Shards of a stored scan must name it.
    const auto unnamed = run(dir, scan_command(dir, sim, targets + " --shard 0/3"));
    BOOST_TEST(unnamed.status == 1);
    BOOST_TEST(unnamed.err.find("needs --scan-id NAME") != std::string::npos, unnamed.err);
}

BOOST_AUTO_TEST_SUITE_END()
