// One connection to a store's database, used by one thread at a time (the writer thread while a
// scan runs, the diff's thread when reading). Every failure throws store_error with the
// database's own words (which never hold the URL's password: libpq and SQLite do not quote it).
#pragma once

#include "store/schema.hpp" // latest_schema_version
#include "store/store_rows.hpp"
#include "store/store_url.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace glue_cli::store {

class store_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A scan as the diff names it.
struct stored_scan {
    std::int64_t id = 0;
    std::string name;
};

/// Records, target outcomes and findings written in one transaction.
struct write_batch {
    std::vector<record_row> records;
    std::vector<target_outcome> targets; // after the records of the same batch
    std::vector<finding_row> findings;
    bool empty() const { return records.empty() && targets.empty() && findings.empty(); }
    void clear() {
        records.clear();
        targets.clear();
        findings.clear();
    }
};

class database {
public:
    virtual ~database() = default;

    /// Brings the schema to latest_schema_version (creating it in an empty database); throws
    /// when the database is newer than this tool. `up_to` stops earlier (tests build an
    /// older schema with it).
    virtual void migrate(int up_to) = 0;
    virtual int schema_version() = 0;

    /// Creates the scan `id.name` unless it exists, and starts this process's shard of it.
    /// Returns the scan's id. Throws when the scan exists with another shard count.
    virtual std::int64_t join_scan(const scan_identity& id) = 0;
    /// Writes `batch` for scan `scan_id` in one transaction.
    virtual void write(std::int64_t scan_id, const write_batch& batch) = 0;
    /// Ends this process's shard (and sets the scan's end time).
    virtual void finish_shard(std::int64_t scan_id, unsigned shard_index, shard_end how,
                              const std::string& ended_at) = 0;

    /// The complete scans, oldest first.
    virtual std::vector<stored_scan> complete_scans() = 0;
    /// A scan by name, else by numeric id.
    virtual std::optional<stored_scan> find_scan(const std::string& name_or_id) = 0;
    /// Every record scan `scan_id` saw (targets it completed), with its version id.
    virtual void read_records(std::int64_t scan_id,
                              const std::function<void(std::int64_t, std::string_view)>& each) = 0;
    /// The targets that failed in scan `scan_id`: each with its error code.
    virtual std::vector<target_outcome> failed_targets(std::int64_t scan_id) = 0;
    /// One version's record.
    virtual std::string record(std::int64_t version_id) = 0;
};

/// Runs the plan from `found` to `up_to` (plan_migration): each statement through `exec`, then
/// `set_version` after each step; throws store_error when the plan has an error. The caller
/// holds the transaction (and the lock) around it.
void apply_migrations(int found, int up_to, std::span<const migration> all,
                      const std::function<void(std::string_view)>& exec,
                      const std::function<void(int)>& set_version);

/// Opens (and, for SQLite, creates) the store's database. Throws store_error.
std::unique_ptr<database> open_database(const store_url& url);
std::unique_ptr<database> open_sqlite(const std::string& path);
std::unique_ptr<database> open_postgresql(const std::string& conninfo);

} // namespace glue_cli::store
