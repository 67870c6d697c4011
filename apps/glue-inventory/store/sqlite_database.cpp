// The SQLite store: one file, WAL journal (readers never block the writer), one transaction per
// batch with prepared statements reused for every record.
#include "store/database.hpp"
#include "store/sql_text.hpp"

#include <charconv>
#include <map>
#include <sqlite3.h>
#include <tuple>

namespace glue_cli::store {
namespace {

/// How long a statement waits for another process's write lock (shard processes on one SQLite
/// file take turns) before it fails.
constexpr int sqlite_busy_timeout_ms = 60'000;
/// SQLite's page cache, in KiB (its default is 2 MiB).
constexpr int sqlite_cache_kib = 16 * 1024;

class statement {
public:
    statement(sqlite3* db, std::string_view sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) !=
            SQLITE_OK) {
            throw store_error(sqlite3_errmsg(db));
        }
    }
    ~statement() { sqlite3_finalize(stmt_); }
    statement(const statement&) = delete;
    statement& operator=(const statement&) = delete;

    statement& bind(int i, std::string_view text) {
        check(
            sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_STATIC));
        return *this;
    }
    statement& bind(int i, std::int64_t v) {
        check(sqlite3_bind_int64(stmt_, i, v));
        return *this;
    }
    statement& bind_null(int i) {
        check(sqlite3_bind_null(stmt_, i));
        return *this;
    }
    /// True while a row is ready.
    bool step() {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) {
            return true;
        }
        if (rc != SQLITE_DONE) {
            throw store_error(sqlite3_errmsg(db_));
        }
        return false;
    }
    /// Runs to completion and makes the statement ready for new bindings.
    void run() {
        while (step()) {
        }
        reset();
    }
    void reset() {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
    std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
    bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
    std::string_view text(int col) const {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
        return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
                 : std::string_view();
    }

private:
    void check(int rc) {
        if (rc != SQLITE_OK) {
            throw store_error(sqlite3_errmsg(db_));
        }
    }
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

class sqlite_database final : public database {
public:
    explicit sqlite_database(const std::string& path) : sql_(sqlite_statements()) {
        const int rc = sqlite3_open_v2(
            path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
            nullptr);
        if (rc != SQLITE_OK) {
            std::string why = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
            sqlite3_close(db_);
            throw store_error("cannot open: " + why);
        }
        sqlite3_busy_timeout(db_, sqlite_busy_timeout_ms);
        exec("PRAGMA journal_mode = WAL");
        // A batch survives an application crash; a power loss may lose the last batches (the
        // scan can be run again), never corrupt the file.
        exec("PRAGMA synchronous = NORMAL");
        exec("PRAGMA foreign_keys = ON");
        // The connections' key index of a million-record store stays in memory while a scan
        // inserts into it (the page cache is bounded by this, whatever the store's size).
        exec("PRAGMA cache_size = -" + std::to_string(sqlite_cache_kib));
    }
    ~sqlite_database() override {
        statements_.clear();
        sqlite3_close(db_);
    }

    void migrate(int up_to) override {
        exec("BEGIN IMMEDIATE");
        try {
            apply_migrations(
                read_version(), up_to, sql_.migrations, [&](std::string_view sql) { exec(sql); },
                [&](int version) {
                    statement(db_, sql_.write_version).bind(1, std::int64_t{version}).run();
                });
            exec("COMMIT");
        } catch (...) {
            sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
    }

    int schema_version() override { return read_version(); }

    std::int64_t join_scan(const scan_identity& id) override {
        exec("BEGIN IMMEDIATE");
        try {
            statement(db_, sql_.create_scan)
                .bind(1, id.name)
                .bind(2, id.started_at)
                .bind(3, id.arguments)
                .bind(4, id.tool_version)
                .bind(5, std::int64_t{id.shard_count})
                .run();
            statement find(db_, sql_.scan_by_name);
            find.bind(1, id.name);
            if (!find.step()) {
                throw store_error("the scan '" + id.name + "' was not created");
            }
            const auto scan_id = find.integer(0);
            const auto shards = find.integer(1);
            if (shards != id.shard_count) {
                throw store_error("the scan '" + id.name + "' has " + std::to_string(shards) +
                                  " shard(s), not " + std::to_string(id.shard_count));
            }
            {
                statement again(db_, sql_.shard_exists);
                again.bind(1, scan_id).bind(2, std::int64_t{id.shard_index});
                first_run_ = !again.step();
            }
            statement(db_, sql_.start_shard)
                .bind(1, scan_id)
                .bind(2, std::int64_t{id.shard_index})
                .bind(3, id.started_at)
                .run();
            exec("COMMIT");
            return scan_id;
        } catch (...) {
            sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
    }

    void write(std::int64_t scan_id, const write_batch& batch) override {
        exec("BEGIN IMMEDIATE");
        try {
            auto& extend = prepared(sql_.extend_connection);
            auto& insert = prepared(sql_.insert_connection);
            for (const auto& r : batch.records) {
                const auto previous = previous_complete(scan_id, r);
                // The first run of a shard, for a target no earlier scan completed: no version
                // can be extended (its rows are this process's alone), so only the insert runs.
                bool extended = false;
                if (!first_run_ || previous != 0) {
                    bind_key(extend, scan_id, r).bind(7, previous).run();
                    extended = sqlite3_changes(db_) != 0;
                }
                if (!extended) {
                    bind_key(insert, scan_id, r).run();
                }
            }
            auto& target = prepared(sql_.upsert_target);
            for (const auto& t : batch.targets) {
                target.bind(1, scan_id)
                    .bind(2, t.account_id)
                    .bind(3, t.region)
                    .bind(4, t.catalog_id)
                    .bind(5, t.complete ? "complete" : "failed");
                if (t.complete) {
                    target.bind_null(6).bind_null(7);
                } else {
                    target.bind(6, t.error_code).bind(7, t.message);
                }
                target.run();
            }
            auto& finding = prepared(sql_.insert_finding);
            for (const auto& f : batch.findings) {
                finding.bind(1, scan_id)
                    .bind(2, f.rule_id)
                    .bind(3, f.severity)
                    .bind(4, f.status)
                    .bind(5, f.account_id)
                    .bind(6, f.region)
                    .bind(7, f.catalog_id)
                    .bind(8, f.name)
                    .bind(9, f.fingerprint)
                    .bind(10, std::int64_t{f.suppressed ? 1 : 0})
                    .bind(11, f.finding)
                    .run();
            }
            exec("COMMIT");
        } catch (...) {
            sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
    }

    void finish_shard(std::int64_t scan_id, unsigned shard_index, shard_end how,
                      const std::string& ended_at) override {
        exec("BEGIN IMMEDIATE");
        try {
            statement(db_, sql_.finish_shard)
                .bind(1, scan_id)
                .bind(2, std::int64_t{shard_index})
                .bind(3, ended_at)
                .bind(4, how == shard_end::finished ? "finished" : "interrupted")
                .run();
            statement(db_, sql_.finish_scan).bind(1, scan_id).bind(2, ended_at).run();
            exec("COMMIT");
        } catch (...) {
            sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
    }

    std::vector<stored_scan> complete_scans() override {
        std::vector<stored_scan> out;
        statement s(db_, sql_.complete_scans);
        while (s.step()) {
            out.push_back({s.integer(0), std::string(s.text(1))});
        }
        return out;
    }

    std::optional<stored_scan> find_scan(const std::string& name_or_id) override {
        {
            statement s(db_, sql_.scan_by_name);
            s.bind(1, name_or_id);
            if (s.step()) {
                return stored_scan{s.integer(0), name_or_id};
            }
        }
        std::int64_t id = 0;
        const auto* end = name_or_id.data() + name_or_id.size();
        if (auto [p, ec] = std::from_chars(name_or_id.data(), end, id);
            ec != std::errc{} || p != end) {
            return std::nullopt;
        }
        statement s(db_, sql_.scan_by_id);
        s.bind(1, id);
        if (s.step()) {
            return stored_scan{s.integer(0), std::string(s.text(1))};
        }
        return std::nullopt;
    }

    void read_records(std::int64_t scan_id,
                      const std::function<void(std::int64_t, std::string_view)>& each) override {
        statement s(db_, sql_.scan_records);
        s.bind(1, scan_id);
        while (s.step()) {
            each(s.integer(0), s.text(1));
        }
    }

    std::vector<target_outcome> failed_targets(std::int64_t scan_id) override {
        std::vector<target_outcome> out;
        statement s(db_, sql_.failed_targets);
        s.bind(1, scan_id);
        while (s.step()) {
            target_outcome t;
            t.account_id = s.text(0);
            t.region = s.text(1);
            t.catalog_id = s.text(2);
            t.complete = false;
            t.error_code = s.text(3);
            out.push_back(std::move(t));
        }
        return out;
    }

    std::string record(std::int64_t version_id) override {
        auto& s = prepared(sql_.record_by_id);
        s.bind(1, version_id);
        std::string out;
        if (s.step()) {
            out = s.text(0);
        }
        s.reset();
        return out;
    }

private:
    void exec(std::string_view sql) {
        char* error = nullptr;
        const std::string text(sql);
        if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            std::string why = error ? error : sqlite3_errmsg(db_);
            sqlite3_free(error);
            throw store_error(why);
        }
    }

    /// Binds ?1 scan, ?2..?5 the key, ?6 the record: the parameters extend and insert share.
    static statement& bind_key(statement& s, std::int64_t scan_id, const record_row& r) {
        return s.bind(1, scan_id)
            .bind(2, r.account_id)
            .bind(3, r.region)
            .bind(4, r.catalog_id)
            .bind(5, r.name)
            .bind(6, r.record);
    }

    int read_version() {
        statement has(db_, sql_.has_version_table);
        if (!has.step() || has.integer(0) == 0) {
            return 0;
        }
        statement v(db_, sql_.read_version);
        return v.step() && !v.is_null(0) ? static_cast<int>(v.integer(0)) : 0;
    }

    statement& prepared(std::string_view sql) {
        auto it = statements_.find(sql.data());
        if (it == statements_.end()) {
            it = statements_.emplace(sql.data(), std::make_unique<statement>(db_, sql)).first;
        }
        return *it->second;
    }

    /// The target's latest earlier complete scan (0: none), asked once per target and scan.
    std::int64_t previous_complete(std::int64_t scan_id, const record_row& r) {
        if (previous_scan_ != scan_id) { // the cache holds one scan's answers
            previous_.clear();
            previous_scan_ = scan_id;
        }
        auto key = std::tie(r.account_id, r.region, r.catalog_id);
        if (auto it = previous_.find(key); it != previous_.end()) {
            return it->second;
        }
        auto& s = prepared(sql_.previous_complete);
        s.bind(1, r.account_id).bind(2, r.region).bind(3, r.catalog_id).bind(4, scan_id);
        std::int64_t previous = 0;
        if (s.step() && !s.is_null(0)) {
            previous = s.integer(0);
        }
        s.reset();
        previous_.emplace(std::tuple{r.account_id, r.region, r.catalog_id}, previous);
        return previous;
    }

    sqlite3* db_ = nullptr;
    const sqlite_sql& sql_;
    std::map<const char*, std::unique_ptr<statement>> statements_;
    std::map<std::tuple<std::string, std::string, std::string>, std::int64_t, std::less<>>
        previous_;
    std::int64_t previous_scan_ = 0;
    bool first_run_ = false; // join_scan started this shard for the first time
};

} // namespace

std::unique_ptr<database> open_sqlite(const std::string& path) {
    return std::make_unique<sqlite_database>(path);
}

} // namespace glue_cli::store
