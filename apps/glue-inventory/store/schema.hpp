// The store's schema versions and how a database is brought up to the latest: pure, so the
// plan (which steps, or why none can run) is unit-tested without a database. Each backend
// lists its steps' SQL in its own file (sqlite_sql.cpp, postgresql_sql.cpp).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace glue_cli::store {

/// The statements that take a database from version `version - 1` to `version`.
struct migration {
    int version = 0;
    std::span<const std::string_view> statements;
};

/// The schema this glue-inventory writes. Version 1: scans, their targets, the connections.
/// Version 2: shards of a scan (scan_shards, scans.shard_count replacing scans.status),
/// findings, and the views current_inventory, scan_inventory, complete_scans, latest_changes,
/// findings_by_severity.
inline constexpr int latest_schema_version = 2;

struct migration_plan {
    std::vector<migration> steps; // in order; empty when the database is current
    std::string error;            // set when the database cannot be used
};

/// The steps from `found` (0: an empty database) to the last of `all` (sorted, versions 1..N
/// without gaps). A database newer than `all` knows is refused, never touched.
migration_plan plan_migration(int found, std::span<const migration> all);

} // namespace glue_cli::store
