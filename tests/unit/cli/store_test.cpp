// The store: its URL and the redaction of passwords, the migration plan, the stored command
// line, the --store flags, and the rules of the schema (versions, failed targets, gaps, shards,
// migration from version 1) on a real SQLite file -- SQLite is embedded and cheap, so the
// rules are tested against the real thing rather than a model of it.
#include "command_line.hpp"
#include "store/database.hpp"
#include "store/schema.hpp"
#include "store/sql_text.hpp"
#include "store/store_options.hpp"
#include "store/store_url.hpp"

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <set>
#include <sqlite3.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using namespace glue_cli::store;

glue_cli::command_line parse(std::vector<std::string> args) {
    args.insert(args.begin(), "glue-inventory");
    return glue_cli::parse_command_line(args);
}

/// A fresh SQLite file, removed at the end.
struct sqlite_file {
    sqlite_file() {
        static int n = 0;
        path = fs::temp_directory_path() / ("glue-store-unit-" + std::to_string(::getpid()) + "-" +
                                            std::to_string(++n) + ".db");
        fs::remove(path);
    }
    ~sqlite_file() {
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm"}) {
            fs::remove(path.string() + suffix, ec);
        }
    }
    /// Rows of `sql` as "a|b|c" lines, sorted.
    std::multiset<std::string> rows(const std::string& sql) const {
        sqlite3* db = nullptr;
        sqlite3_open(path.c_str(), &db);
        std::multiset<std::string> out;
        auto each = [](void* p, int n, char** values, char**) {
            std::string row;
            for (int i = 0; i < n; ++i) {
                row += (i ? "|" : "") + std::string(values[i] ? values[i] : "NULL");
            }
            static_cast<std::multiset<std::string>*>(p)->insert(row);
            return 0;
        };
        char* error = nullptr;
        const int rc = sqlite3_exec(db, sql.c_str(), each, &out, &error);
        std::string why = error ? error : "";
        sqlite3_free(error);
        sqlite3_close(db);
        BOOST_TEST_REQUIRE(rc == SQLITE_OK, why);
        return out;
    }
    fs::path path;
};

scan_identity scan_named(const std::string& name, unsigned index = 0, unsigned count = 1) {
    scan_identity id;
    id.name = name;
    id.started_at = "2026-12-01T00:00:00.000Z";
    id.arguments = "scan";
    id.tool_version = "test";
    id.shard_index = index;
    id.shard_count = count;
    return id;
}

record_row rec(const std::string& account, const std::string& name, const std::string& desc) {
    record_row r{account, "us-east-1", account, name, ""};
    r.record = R"({"AccountId":")" + account + R"(","Region":"us-east-1","CatalogId":")" + account +
               R"(","Name":")" + name + R"(","Description":")" + desc + R"("})";
    return r;
}

target_outcome done(const std::string& account, bool complete = true) {
    return {account, "us-east-1", account, complete, complete ? "" : "AccessDeniedException", ""};
}

/// One whole unsharded scan: its records, then its targets' outcomes, then its end.
std::int64_t scan(database& db, const std::string& name, std::vector<record_row> records,
                  std::vector<target_outcome> targets) {
    const auto id = db.join_scan(scan_named(name));
    write_batch b;
    b.records = std::move(records);
    b.targets = std::move(targets);
    db.write(id, b);
    db.finish_shard(id, 0, shard_end::finished, "2026-12-01T00:01:00.000Z");
    return id;
}

} // namespace

BOOST_AUTO_TEST_SUITE(store_url_and_flags)

BOOST_AUTO_TEST_CASE(sqlite_and_postgresql_urls_parse_and_never_show_a_password) {
    std::string error;
    auto s = parse_store_url("sqlite:/tmp/x.db", error);
    BOOST_TEST_REQUIRE(s.has_value());
    BOOST_TEST((s->kind == backend::sqlite));
    BOOST_TEST(s->target == "/tmp/x.db");
    auto p = parse_store_url("postgresql://glue:s3cr@t@db.example:5432/inv?sslmode=require", error);
    BOOST_TEST_REQUIRE(p.has_value());
    BOOST_TEST((p->kind == backend::postgresql));
    BOOST_TEST(p->display == "postgresql://glue:REDACTED@db.example:5432/inv?sslmode=require");
    BOOST_TEST(redact_store_url("postgres:///inv?host=/run&password=hunter2&user=u") ==
               "postgres:///inv?host=/run&password=REDACTED&user=u");
    BOOST_TEST(redact_store_url("postgresql://only-user@h/db") == "postgresql://only-user@h/db");
    BOOST_TEST(!parse_store_url("sqlite:", error).has_value());
    BOOST_TEST(!parse_store_url("mysql://u:pw@h/db", error).has_value());
    BOOST_TEST(error.find("pw") == std::string::npos, error);
}

BOOST_AUTO_TEST_CASE(store_flags_on_scan_audit_and_diff) {
    auto cl = parse({"scan", "--store", "sqlite:inv.db", "--scan-id", "nightly"});
    BOOST_TEST_REQUIRE((cl.what == glue_cli::command_line::action::scan), cl.text);
    BOOST_TEST(*cl.scan.store == "sqlite:inv.db");
    BOOST_TEST(*cl.scan.scan_id == "nightly");
    cl = parse({"audit", "--store", "postgresql://h/db"});
    BOOST_TEST_REQUIRE((cl.what == glue_cli::command_line::action::audit), cl.text);
    BOOST_TEST(*cl.audit.scan.store == "postgresql://h/db");
    cl = parse({"scan", "--scan-id", "x"});
    BOOST_TEST(cl.text == "glue-inventory: --scan-id: needs --store");
    cl = parse({"scan", "--store", "mongodb://u:pw@h"});
    BOOST_TEST(cl.text == "glue-inventory: --store: 'mongodb://u:REDACTED@h' is not sqlite:PATH "
                          "or postgresql://...");
    cl = parse({"diff", "--store", "sqlite:inv.db", "--from", "a", "--to", "b"});
    BOOST_TEST_REQUIRE((cl.what == glue_cli::command_line::action::diff), cl.text);
    BOOST_TEST(*cl.diff.store == "sqlite:inv.db");
    BOOST_TEST(*cl.diff.from_scan == "a");
    BOOST_TEST(*cl.diff.to_scan == "b");
    BOOST_TEST(parse({"diff", "--store", "sqlite:i", "a", "b"}).text ==
               "glue-inventory: --store: cannot be combined with OLD and NEW files");
    BOOST_TEST(parse({"diff", "a", "b", "--from", "x"}).text ==
               "glue-inventory: --from: needs --store");
}

BOOST_AUTO_TEST_CASE(the_stored_command_line_has_no_secret) {
    BOOST_TEST(redacted_arguments({"glue-inventory", "scan", "--external-id", "xyz", "--store",
                                   "postgresql://u:pw@h/db", "--store=postgresql://u:pw2@h/db",
                                   "--external-id=abc"}) ==
               "glue-inventory scan --external-id REDACTED --store postgresql://u:REDACTED@h/db "
               "--store=postgresql://u:REDACTED@h/db --external-id=REDACTED");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(migration_plan_rules)

BOOST_AUTO_TEST_CASE(an_empty_database_gets_every_step_a_current_one_none) {
    const auto& all = sqlite_statements().migrations;
    BOOST_TEST(all.back().version == latest_schema_version);
    BOOST_TEST(plan_migration(0, all).steps.size() == all.size());
    BOOST_TEST(plan_migration(1, all).steps.size() == 1U);
    BOOST_TEST(plan_migration(1, all).steps.front().version == 2);
    BOOST_TEST(plan_migration(latest_schema_version, all).steps.empty());
    BOOST_TEST(plan_migration(latest_schema_version, all).error.empty());
    BOOST_TEST(postgresql_statements().migrations.size() == all.size());
}

BOOST_AUTO_TEST_CASE(a_newer_schema_is_refused_and_never_touched) {
    const auto plan = plan_migration(latest_schema_version + 1, sqlite_statements().migrations);
    BOOST_TEST(plan.steps.empty());
    BOOST_TEST(plan.error.find("newer than this glue-inventory knows") != std::string::npos);
    const std::string_view none[] = {"SELECT 1"};
    const migration gap[] = {{1, none}, {3, none}};
    BOOST_TEST(!plan_migration(0, gap).error.empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(schema_rules_on_sqlite)

BOOST_AUTO_TEST_CASE(an_unchanged_record_extends_its_version_a_changed_one_starts_another) {
    sqlite_file f;
    auto db = open_sqlite(f.path.string());
    db->migrate(latest_schema_version);
    BOOST_TEST(db->schema_version() == latest_schema_version);
    const auto s1 = scan(*db, "s1", {rec("111", "a", "x"), rec("111", "b", "x")}, {done("111")});
    const auto s2 = scan(*db, "s2", {rec("111", "a", "x"), rec("111", "b", "y")}, {done("111")});
    BOOST_TEST(f.rows("SELECT name, first_seen, last_seen FROM connections") ==
               (std::multiset<std::string>{"a|" + std::to_string(s1) + "|" + std::to_string(s2),
                                           "b|" + std::to_string(s1) + "|" + std::to_string(s1),
                                           "b|" + std::to_string(s2) + "|" + std::to_string(s2)}));
    BOOST_TEST(f.rows("SELECT change, name FROM latest_changes") ==
               (std::multiset<std::string>{"changed|b"}));
    BOOST_TEST(f.rows("SELECT name, json_extract(record, '$.Description') FROM "
                      "current_inventory") == (std::multiset<std::string>{"a|x", "b|y"}));
}

BOOST_AUTO_TEST_CASE(a_target_that_failed_never_marks_its_connections_removed) {
    sqlite_file f;
    auto db = open_sqlite(f.path.string());
    db->migrate(latest_schema_version);
    scan(*db, "s1", {rec("111", "a", "x"), rec("222", "c", "x")}, {done("111"), done("222")});
    const auto s2 = scan(*db, "s2", {rec("222", "c", "x")}, {done("111", false), done("222")});
    BOOST_TEST(f.rows("SELECT name FROM current_inventory") ==
               (std::multiset<std::string>{"a", "c"}));
    BOOST_TEST(f.rows("SELECT count(*) FROM latest_changes") == (std::multiset<std::string>{"0"}));
    BOOST_TEST(f.rows("SELECT name FROM scan_inventory WHERE scan_id = " + std::to_string(s2)) ==
               (std::multiset<std::string>{"c"}));
    const auto failed = db->failed_targets(s2);
    BOOST_TEST_REQUIRE(failed.size() == 1U);
    BOOST_TEST(failed[0].account_id == "111");
    BOOST_TEST(failed[0].error_code == "AccessDeniedException");
    // The target completes again without the connection: the current inventory loses it. The
    // changes between s2 and s3 do not list it (s2 did not compare the target, as a diff of
    // the two scans reports it "not compared")...
    scan(*db, "s3", {rec("222", "c", "x")}, {done("111"), done("222")});
    BOOST_TEST(f.rows("SELECT name FROM current_inventory") == (std::multiset<std::string>{"c"}));
    BOOST_TEST(f.rows("SELECT count(*) FROM latest_changes") == (std::multiset<std::string>{"0"}));
    // ...and back in s4 (s3 completed the target without it), it is added.
    scan(*db, "s4", {rec("111", "a", "x"), rec("222", "c", "x")}, {done("111"), done("222")});
    BOOST_TEST(f.rows("SELECT change, name FROM latest_changes") ==
               (std::multiset<std::string>{"added|a"}));
}

BOOST_AUTO_TEST_CASE(a_connection_back_after_a_complete_scan_without_it_is_a_new_version) {
    sqlite_file f;
    auto db = open_sqlite(f.path.string());
    db->migrate(latest_schema_version);
    const auto s1 = scan(*db, "s1", {rec("111", "a", "x")}, {done("111")});
    const auto s2 = scan(*db, "s2", {}, {done("111")});
    const auto s3 = scan(*db, "s3", {rec("111", "a", "x")}, {done("111")});
    BOOST_TEST(f.rows("SELECT first_seen || '-' || last_seen FROM connections") ==
               (std::multiset<std::string>{std::to_string(s1) + "-" + std::to_string(s1),
                                           std::to_string(s3) + "-" + std::to_string(s3)}));
    BOOST_TEST(f.rows("SELECT count(*) FROM scan_inventory WHERE scan_id = " +
                      std::to_string(s2)) == (std::multiset<std::string>{"0"}));
    BOOST_TEST(f.rows("SELECT change, name FROM latest_changes") ==
               (std::multiset<std::string>{"added|a"}));
    std::vector<std::string> seen;
    db->read_records(s3, [&](std::int64_t id, std::string_view r) {
        seen.emplace_back(r);
        BOOST_TEST(db->record(id) == r);
    });
    BOOST_TEST(seen.size() == 1U);
}

BOOST_AUTO_TEST_CASE(a_sharded_scan_is_complete_when_every_shard_finished) {
    sqlite_file f;
    auto db = open_sqlite(f.path.string());
    db->migrate(latest_schema_version);
    const auto id0 = db->join_scan(scan_named("nightly", 0, 2));
    const auto id1 = db->join_scan(scan_named("nightly", 1, 2));
    BOOST_TEST(id0 == id1);
    BOOST_CHECK_THROW(db->join_scan(scan_named("nightly", 0, 3)), store_error);
    write_batch b;
    b.records = {rec("111", "a", "x")};
    b.targets = {done("111")};
    {
        auto first = open_sqlite(f.path.string());
        first->join_scan(scan_named("nightly", 0, 2));
        first->write(id0, b); // ... and the process dies before it finishes
    }
    // The shard runs again (a retried job) and writes the same rows: no duplicate.
    db->join_scan(scan_named("nightly", 0, 2));
    db->write(id0, b);
    BOOST_TEST(f.rows("SELECT count(*) FROM connections") == (std::multiset<std::string>{"1"}));
    db->finish_shard(id0, 0, shard_end::finished, "2026-12-01T00:01:00.000Z");
    BOOST_TEST(db->complete_scans().empty());
    db->finish_shard(id1, 1, shard_end::interrupted, "2026-12-01T00:01:00.000Z");
    BOOST_TEST(db->complete_scans().empty());
    db->join_scan(scan_named("nightly", 1, 2));
    db->finish_shard(id1, 1, shard_end::finished, "2026-12-01T00:02:00.000Z");
    BOOST_TEST_REQUIRE(db->complete_scans().size() == 1U);
    BOOST_TEST(db->complete_scans()[0].name == "nightly");
    BOOST_TEST(f.rows("SELECT count(*) FROM connections") == (std::multiset<std::string>{"1"}));
    BOOST_TEST(db->find_scan("nightly")->id == id0);
    BOOST_TEST(db->find_scan(std::to_string(id0))->name == "nightly");
    BOOST_TEST(!db->find_scan("other").has_value());
}

BOOST_AUTO_TEST_CASE(a_version_1_store_is_migrated_with_its_scans) {
    sqlite_file f;
    {
        auto db = open_sqlite(f.path.string());
        db->migrate(1);
        BOOST_TEST(db->schema_version() == 1);
    }
    // What glue-inventory of schema 1 wrote: a complete scan, and one that never ended.
    f.rows("INSERT INTO scans (name, started_at, ended_at, arguments, tool_version, status) "
           "VALUES ('old', 't0', 't1', 'scan', '1.1.0', 'complete'), ('cut', 't2', NULL, 'scan', "
           "'1.1.0', 'running'); INSERT INTO scan_targets VALUES (1, '111', 'us-east-1', '111', "
           "'complete', NULL, NULL); INSERT INTO connections (account_id, region, catalog_id, "
           "name, record, first_seen, last_seen) VALUES ('111', 'us-east-1', '111', 'a', "
           "'{\"Name\":\"a\"}', 1, 1)");
    auto db = open_sqlite(f.path.string());
    db->migrate(latest_schema_version);
    BOOST_TEST(db->schema_version() == latest_schema_version);
    BOOST_TEST(f.rows("SELECT scan_id, status FROM scan_shards") ==
               (std::multiset<std::string>{"1|finished", "2|running"}));
    BOOST_TEST_REQUIRE(db->complete_scans().size() == 1U);
    BOOST_TEST(db->complete_scans()[0].name == "old");
    BOOST_TEST(f.rows("SELECT name FROM current_inventory") == (std::multiset<std::string>{"a"}));
    // Migrating again changes nothing.
    db->migrate(latest_schema_version);
    BOOST_TEST(db->schema_version() == latest_schema_version);
}

BOOST_AUTO_TEST_CASE(a_store_newer_than_the_tool_is_refused) {
    sqlite_file f;
    {
        auto db = open_sqlite(f.path.string());
        db->migrate(latest_schema_version);
    }
    f.rows("UPDATE schema_version SET version = 99");
    auto db = open_sqlite(f.path.string());
    BOOST_CHECK_EXCEPTION(db->migrate(latest_schema_version), store_error,
                          [](const store_error& e) {
                              return std::string(e.what()).find("version 99") != std::string::npos;
                          });
}

BOOST_AUTO_TEST_CASE(findings_are_counted_by_severity) {
    sqlite_file f;
    auto db = open_sqlite(f.path.string());
    db->migrate(latest_schema_version);
    const auto id = db->join_scan(scan_named("audit"));
    write_batch b;
    for (const auto& [sev, status, suppressed] :
         {std::tuple{"high", "FAIL", false}, std::tuple{"high", "FAIL", true},
          std::tuple{"low", "FAIL", false}, std::tuple{"low", "PASS", false}}) {
        b.findings.push_back(
            {"GLUE-001", sev, status, "111", "us-east-1", "111", "a", "fp", suppressed, "{}"});
    }
    db->write(id, b);
    db->finish_shard(id, 0, shard_end::finished, "2026-12-01T00:01:00.000Z");
    BOOST_TEST(f.rows("SELECT severity, findings, suppressed FROM findings_by_severity") ==
               (std::multiset<std::string>{"high|2|1", "low|1|0"}));
    // A run that read no target (audit --input) is not a scan a diff could compare.
    BOOST_TEST(db->complete_scans().empty());
}

BOOST_AUTO_TEST_SUITE_END()
