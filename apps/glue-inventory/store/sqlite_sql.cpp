// Every SQL statement of the SQLite store (see sql_text.hpp). Timestamps are ISO 8601 UTC text;
// the record is the NDJSON line as text (JSON functions of SQLite read it).
#include "store/sql_text.hpp"

namespace glue_cli::store {
namespace {

// Each item is one statement; the long ones are written over several lines (adjacent literals).
// NOLINTBEGIN(bugprone-suspicious-missing-comma)
// Version 1: a scan was one process; its status said whether it ended.
constexpr std::string_view version_1[] = {
    "CREATE TABLE schema_version (version INTEGER NOT NULL)",
    "INSERT INTO schema_version VALUES (0)",
    "CREATE TABLE scans (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, "
    "started_at TEXT NOT NULL, ended_at TEXT, arguments TEXT NOT NULL, tool_version TEXT NOT "
    "NULL, status TEXT NOT NULL DEFAULT 'running')",
    "CREATE TABLE scan_targets (scan_id INTEGER NOT NULL REFERENCES scans(id), account_id TEXT "
    "NOT NULL, region TEXT NOT NULL, catalog_id TEXT NOT NULL, outcome TEXT NOT NULL, "
    "error_code TEXT, message TEXT, PRIMARY KEY (scan_id, account_id, region, catalog_id))",
    "CREATE TABLE connections (id INTEGER PRIMARY KEY, account_id TEXT NOT NULL, region TEXT NOT "
    "NULL, catalog_id TEXT NOT NULL, name TEXT NOT NULL, record TEXT NOT NULL, first_seen "
    "INTEGER NOT NULL REFERENCES scans(id), last_seen INTEGER NOT NULL REFERENCES scans(id))",
    "CREATE INDEX connections_key ON connections (account_id, region, catalog_id, name)",
};

// Version 2: shards of one scan, findings, the views.
constexpr std::string_view version_2[] = {
    "ALTER TABLE scans ADD COLUMN shard_count INTEGER NOT NULL DEFAULT 1",
    "CREATE TABLE scan_shards (scan_id INTEGER NOT NULL REFERENCES scans(id), shard_index "
    "INTEGER NOT NULL, started_at TEXT NOT NULL, ended_at TEXT, status TEXT NOT NULL, PRIMARY KEY "
    "(scan_id, shard_index))",
    // A version-1 scan that ended is one finished shard; one that did not, a running one.
    "INSERT INTO scan_shards (scan_id, shard_index, started_at, ended_at, status) SELECT id, 0, "
    "started_at, ended_at, CASE status WHEN 'complete' THEN 'finished' ELSE status END FROM scans",
    "ALTER TABLE scans DROP COLUMN status",
    "CREATE INDEX scan_targets_target ON scan_targets (account_id, region, catalog_id, outcome, "
    "scan_id)",
    "CREATE TABLE findings (id INTEGER PRIMARY KEY, scan_id INTEGER NOT NULL REFERENCES "
    "scans(id), rule_id TEXT NOT NULL, severity TEXT NOT NULL, status TEXT NOT NULL, account_id "
    "TEXT NOT NULL, region TEXT NOT NULL, catalog_id TEXT NOT NULL, name TEXT NOT NULL, "
    "fingerprint TEXT NOT NULL, suppressed INTEGER NOT NULL, finding TEXT NOT NULL)",
    "CREATE INDEX findings_scan ON findings (scan_id, severity)",
    // A scan is complete when every one of its shards has finished (not interrupted). A run
    // that read no target (audit --input: findings only) is never a scan to compare.
    "CREATE VIEW complete_scans AS SELECT s.* FROM scans s WHERE (SELECT count(*) FROM "
    "scan_shards h WHERE h.scan_id = s.id AND h.status = 'finished') = s.shard_count AND EXISTS "
    "(SELECT 1 FROM scan_targets t WHERE t.scan_id = s.id)",
    // What a scan saw: the versions alive at that scan, of the targets it completed.
    "CREATE VIEW scan_inventory AS SELECT t.scan_id, c.id AS version_id, c.account_id, c.region, "
    "c.catalog_id, c.name, c.record, c.first_seen, c.last_seen FROM scan_targets t JOIN "
    "connections c ON c.account_id = t.account_id AND c.region = t.region AND c.catalog_id = "
    "t.catalog_id AND c.first_seen <= t.scan_id AND c.last_seen >= t.scan_id WHERE t.outcome = "
    "'complete'",
    // Each target as its latest complete scan saw it: a target that failed later keeps its
    // connections (a failure is never a removal).
    "CREATE VIEW current_inventory AS SELECT c.id AS version_id, c.account_id, c.region, "
    "c.catalog_id, c.name, c.record, c.first_seen, c.last_seen FROM connections c WHERE "
    "c.last_seen = (SELECT max(t.scan_id) FROM scan_targets t WHERE t.account_id = c.account_id "
    "AND t.region = c.region AND t.catalog_id = c.catalog_id AND t.outcome = 'complete')",
    // Added, removed, changed between the last two complete scans. A connection is removed
    // only when the newer scan completed its target; added only when the older did not fail it.
    "CREATE VIEW latest_changes AS WITH pair AS (SELECT (SELECT max(id) FROM complete_scans) AS "
    "new_scan, (SELECT max(id) FROM complete_scans WHERE id < (SELECT max(id) FROM "
    "complete_scans)) AS old_scan), o AS (SELECT i.* FROM scan_inventory i JOIN pair p ON "
    "i.scan_id = p.old_scan), n AS (SELECT i.* FROM scan_inventory i JOIN pair p ON i.scan_id = "
    "p.new_scan) "
    "SELECT 'added' AS change, n.account_id, n.region, n.catalog_id, n.name, NULL AS old_record, "
    "n.record AS new_record FROM n WHERE NOT EXISTS (SELECT 1 FROM o WHERE o.account_id = "
    "n.account_id AND o.region = n.region AND o.catalog_id = n.catalog_id AND o.name = n.name) "
    "AND NOT EXISTS (SELECT 1 FROM scan_targets t JOIN pair p ON t.scan_id = p.old_scan WHERE "
    "t.account_id = n.account_id AND t.region = n.region AND t.catalog_id = n.catalog_id AND "
    "t.outcome = 'failed') "
    "UNION ALL SELECT 'removed', o.account_id, o.region, o.catalog_id, o.name, o.record, NULL "
    "FROM o WHERE NOT EXISTS (SELECT 1 FROM n WHERE n.account_id = o.account_id AND n.region = "
    "o.region AND n.catalog_id = o.catalog_id AND n.name = o.name) AND EXISTS (SELECT 1 FROM "
    "scan_targets t JOIN pair p ON t.scan_id = p.new_scan WHERE t.account_id = o.account_id AND "
    "t.region = o.region AND t.catalog_id = o.catalog_id AND t.outcome = 'complete') "
    "UNION ALL SELECT 'changed', n.account_id, n.region, n.catalog_id, n.name, o.record, "
    "n.record FROM n JOIN o ON o.account_id = n.account_id AND o.region = n.region AND "
    "o.catalog_id = n.catalog_id AND o.name = n.name WHERE o.version_id <> n.version_id",
    "CREATE VIEW findings_by_severity AS SELECT scan_id, severity, count(*) AS findings, "
    "sum(suppressed) AS suppressed FROM findings WHERE status = 'FAIL' GROUP BY scan_id, "
    "severity",
};
// NOLINTEND(bugprone-suspicious-missing-comma)

constexpr migration migrations[] = {{1, version_1}, {2, version_2}};

sqlite_sql make() {
    sqlite_sql s;
    s.migrations = migrations;
    s.has_version_table =
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
    s.read_version = "SELECT max(version) FROM schema_version";
    s.write_version = "UPDATE schema_version SET version = ?1";
    s.create_scan = "INSERT INTO scans (name, started_at, arguments, tool_version, shard_count) "
                    "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (name) DO NOTHING";
    s.scan_by_name = "SELECT id, shard_count FROM scans WHERE name = ?1";
    s.shard_exists = "SELECT 1 FROM scan_shards WHERE scan_id = ?1 AND shard_index = ?2";
    s.start_shard = "INSERT INTO scan_shards (scan_id, shard_index, started_at, status) VALUES "
                    "(?1, ?2, ?3, 'running') ON CONFLICT (scan_id, shard_index) DO UPDATE SET "
                    "started_at = excluded.started_at, ended_at = NULL, status = 'running'";
    s.previous_complete =
        "SELECT max(scan_id) FROM scan_targets WHERE account_id = ?1 AND region = ?2 AND "
        "catalog_id = ?3 AND outcome = 'complete' AND scan_id < ?4";
    s.upsert_target = "INSERT INTO scan_targets (scan_id, account_id, region, catalog_id, outcome, "
                      "error_code, message) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT "
                      "(scan_id, account_id, region, catalog_id) DO UPDATE SET outcome = "
                      "excluded.outcome, error_code = excluded.error_code, message = "
                      "excluded.message";
    s.finish_shard = "UPDATE scan_shards SET ended_at = ?3, status = ?4 WHERE scan_id = ?1 AND "
                     "shard_index = ?2";
    s.finish_scan = "UPDATE scans SET ended_at = ?2 WHERE id = ?1";
    s.complete_scans = "SELECT id, name FROM complete_scans ORDER BY id";
    s.scan_by_id = "SELECT id, name FROM scans WHERE id = ?1";
    s.scan_records = "SELECT version_id, record FROM scan_inventory WHERE scan_id = ?1";
    s.failed_targets = "SELECT account_id, region, catalog_id, coalesce(error_code, '') FROM "
                       "scan_targets WHERE scan_id = ?1 AND outcome = 'failed'";
    s.record_by_id = "SELECT record FROM connections WHERE id = ?1";
    // A version is extended when it was alive at the target's previous complete scan (or
    // already at this one: a shard that runs again); otherwise the record is a new version
    // (new, changed, or back after a scan that completed the target without it).
    s.extend_connection = "UPDATE connections SET last_seen = ?1 WHERE account_id = ?2 AND "
                          "region = ?3 AND catalog_id = ?4 AND name = ?5 AND record = ?6 AND "
                          "last_seen IN (?7, ?1)";
    s.insert_connection = "INSERT INTO connections (account_id, region, catalog_id, name, record, "
                          "first_seen, last_seen) VALUES (?2, ?3, ?4, ?5, ?6, ?1, ?1)";
    s.insert_finding = "INSERT INTO findings (scan_id, rule_id, severity, status, account_id, "
                       "region, catalog_id, name, fingerprint, suppressed, finding) VALUES (?1, "
                       "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
    return s;
}

} // namespace

const sqlite_sql& sqlite_statements() {
    static const sqlite_sql s = make();
    return s;
}

} // namespace glue_cli::store
