// Every SQL statement of the store, per backend: sqlite_sql.cpp and postgresql_sql.cpp each hold
// all of their backend's text (schema steps, views, writes, reads), so a reviewer reads one
// file per database. Parameters are numbered (?1 in SQLite, $1 in PostgreSQL) in the order
// each field's comment gives.
#pragma once

#include "store/schema.hpp"

#include <span>
#include <string_view>

namespace glue_cli::store {

struct backend_sql {
    std::span<const migration> migrations;
    /// Whether the version table exists: one row, one count.
    std::string_view has_version_table;
    std::string_view read_version;
    std::string_view write_version; // (version)
    /// (name, started_at, arguments, tool_version, shard_count); nothing when it exists.
    std::string_view create_scan;
    std::string_view scan_by_name; // (name) -> id, shard_count
    /// (scan_id, shard_index) -> a row when the shard ran before.
    std::string_view shard_exists;
    /// (scan_id, shard_index, started_at): the shard starts (again: a retried job resumes).
    std::string_view start_shard;
    /// (account, region, catalog, scan_id) -> the latest earlier scan where that target was
    /// complete (NULL when none).
    std::string_view previous_complete;
    /// (scan_id, account, region, catalog, outcome, error_code, message)
    std::string_view upsert_target;
    /// (scan_id, shard_index, ended_at, status)
    std::string_view finish_shard;
    std::string_view finish_scan; // (scan_id, ended_at)
    /// -> id, name of the complete scans, oldest first
    std::string_view complete_scans;
    std::string_view scan_by_id;     // (id) -> id, name
    std::string_view scan_records;   // (scan_id) -> version id, record text
    std::string_view failed_targets; // (scan_id) -> account, region, catalog, error_code
    std::string_view record_by_id;   // (id) -> record text
};

/// SQLite: the connection's version is extended or inserted record by record (prepared
/// statements in one transaction per batch).
struct sqlite_sql : backend_sql {
    /// (scan_id, account, region, catalog, name, record, previous_complete): 0 rows changed
    /// means a new version.
    std::string_view extend_connection;
    /// (scan_id, account, region, catalog, name, record)
    std::string_view insert_connection;
    /// (scan_id, rule_id, severity, status, account, region, catalog, name, fingerprint,
    /// suppressed, finding)
    std::string_view insert_finding;
};

/// PostgreSQL: a batch is COPYed into a temporary table and merged with two statements.
struct postgresql_sql : backend_sql {
    std::string_view create_staging;
    std::string_view copy_staging; // columns: account, region, catalog, name, record, previous
    /// columns: account, region, catalog, name, record, first_seen, last_seen
    std::string_view copy_connections;
    std::string_view extend_staged; // ($1 = scan_id)
    std::string_view insert_staged; // ($1 = scan_id)
    std::string_view copy_findings; // columns as sqlite_sql::insert_finding, scan_id first
    /// Serialises migrations of shard processes that start together.
    std::string_view migration_lock;
    std::string_view open_cursor; // "DECLARE name CURSOR FOR " + a read above
    std::string_view fetch_cursor;
};

const sqlite_sql& sqlite_statements();
const postgresql_sql& postgresql_statements();

} // namespace glue_cli::store
