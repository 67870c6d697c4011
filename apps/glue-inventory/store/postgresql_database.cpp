// The PostgreSQL store (libpq, loaded on first use: store/libpq_library.hpp): each batch is COPYed
// into a temporary table and merged into `connections` with two statements, in one transaction;
// findings are COPYed straight in. Reads go through a cursor, 1000 rows at a time, so a
// million-record scan never sits in memory.
#include "store/database.hpp"
#include "store/libpq_library.hpp"
#include "store/sql_text.hpp"

#include <charconv>
#include <libpq-fe.h>
#include <map>
#include <tuple>
#include <utility>

namespace glue_cli::store {
namespace {

/// Bytes of COPY text handed to libpq at a time.
constexpr std::size_t copy_chunk_bytes = 256 * 1024;

/// One field of COPY's text format: backslash, tab, newline and carriage return escaped.
void append_copy_field(std::string_view value, std::string& out) {
    for (const char c : value) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += c;
        }
    }
}

class result {
public:
    explicit result(PGresult* r) : r_(r) {}
    ~result() { libpq().PQclear(r_); }
    result(const result&) = delete;
    result& operator=(const result&) = delete;
    result(result&& other) noexcept : r_(std::exchange(other.r_, nullptr)) {}
    result& operator=(result&&) = delete;
    PGresult* get() const { return r_; }
    int rows() const { return libpq().PQntuples(r_); }
    bool is_null(int row, int col) const { return libpq().PQgetisnull(r_, row, col) == 1; }
    std::string_view text(int row, int col) const {
        return {libpq().PQgetvalue(r_, row, col),
                static_cast<std::size_t>(libpq().PQgetlength(r_, row, col))};
    }
    std::int64_t integer(int row, int col) const {
        std::int64_t v = 0;
        const auto t = text(row, col);
        std::from_chars(t.data(), t.data() + t.size(), v);
        return v;
    }

private:
    PGresult* r_;
};

class postgresql_database final : public database {
public:
    explicit postgresql_database(const std::string& conninfo) : sql_(postgresql_statements()) {
        conn_ = libpq().PQconnectdb(conninfo.c_str());
        if (libpq().PQstatus(conn_) != CONNECTION_OK) {
            std::string why = libpq().PQerrorMessage(conn_);
            libpq().PQfinish(conn_);
            conn_ = nullptr;
            throw store_error("cannot connect: " + one_line(why));
        }
        // The server's notices and warnings ("terminating connection due to immediate
        // shutdown") would reach stderr through libpq's default processor, in the middle of the
        // progress line; failures reach the user through store_error instead.
        libpq().PQsetNoticeProcessor(
            conn_, [](void*, const char*) {}, nullptr);
    }
    ~postgresql_database() override { libpq().PQfinish(conn_); }

    void migrate(int up_to) override {
        exec("BEGIN");
        try {
            exec(sql_.migration_lock);
            apply_migrations(
                read_version(), up_to, sql_.migrations, [&](std::string_view sql) { exec(sql); },
                [&](int version) { params(sql_.write_version, {std::to_string(version)}); });
            exec("COMMIT");
        } catch (...) {
            rollback();
            throw;
        }
        exec(sql_.create_staging);
    }

    int schema_version() override { return read_version(); }

    std::int64_t join_scan(const scan_identity& id) override {
        exec("BEGIN");
        try {
            params(sql_.create_scan, {id.name, id.started_at, id.arguments, id.tool_version,
                                      std::to_string(id.shard_count)});
            const auto found = params(sql_.scan_by_name, {id.name});
            if (found.rows() != 1) {
                throw store_error("the scan '" + id.name + "' was not created");
            }
            const auto scan_id = found.integer(0, 0);
            const auto shards = found.integer(0, 1);
            if (shards != id.shard_count) {
                throw store_error("the scan '" + id.name + "' has " + std::to_string(shards) +
                                  " shard(s), not " + std::to_string(id.shard_count));
            }
            first_run_ =
                params(sql_.shard_exists, {std::to_string(scan_id), std::to_string(id.shard_index)})
                    .rows() == 0;
            params(sql_.start_shard,
                   {std::to_string(scan_id), std::to_string(id.shard_index), id.started_at});
            exec("COMMIT");
            return scan_id;
        } catch (...) {
            rollback();
            throw;
        }
    }

    void write(std::int64_t scan_id, const write_batch& batch) override {
        const auto scan = std::to_string(scan_id);
        exec("BEGIN");
        try {
            if (!batch.records.empty()) {
                // Asked before the COPY: no other statement can run while it is open.
                previous_of_batch_.clear();
                for (const auto& r : batch.records) {
                    previous_of_batch_.push_back(&previous_complete(scan, r));
                }
                // The first run of a shard, for a target no earlier scan completed: no version
                // can be extended, so the record is COPYed straight into `connections`; the
                // others go through the staging table and its merge.
                const auto direct = [&](std::size_t i) {
                    return first_run_ && *previous_of_batch_[i] == "0";
                };
                std::size_t staged = 0;
                for (const bool to_staging : {false, true}) {
                    bool open = false;
                    for (std::size_t i = 0; i < batch.records.size(); ++i) {
                        if (direct(i) == to_staging) {
                            continue;
                        }
                        if (!open) {
                            start_copy(to_staging ? sql_.copy_staging : sql_.copy_connections);
                            open = true;
                        }
                        const auto& r = batch.records[i];
                        for (const auto* field :
                             {&r.account_id, &r.region, &r.catalog_id, &r.name, &r.record}) {
                            append_copy_field(*field, copy_);
                            copy_ += '\t';
                        }
                        if (to_staging) {
                            copy_ += *previous_of_batch_[i];
                            ++staged;
                        } else {
                            copy_.append(scan).append(1, '\t').append(scan);
                        }
                        copy_ += '\n';
                        if (copy_.size() >= copy_chunk_bytes) {
                            put_copy();
                        }
                    }
                    if (open) {
                        end_copy();
                    }
                }
                if (staged > 0) {
                    params(sql_.extend_staged, {scan});
                    params(sql_.insert_staged, {scan});
                }
            }
            for (const auto& t : batch.targets) {
                std::vector<std::optional<std::string>> values = {
                    scan, t.account_id, t.region, t.catalog_id,
                    std::string(t.complete ? "complete" : "failed")};
                values.push_back(t.complete ? std::nullopt : std::optional(t.error_code));
                values.push_back(t.complete ? std::nullopt : std::optional(t.message));
                params_nullable(sql_.upsert_target, values);
            }
            if (!batch.findings.empty()) {
                start_copy(sql_.copy_findings);
                for (const auto& f : batch.findings) {
                    copy_ += scan;
                    for (const auto* field : {&f.rule_id, &f.severity, &f.status, &f.account_id,
                                              &f.region, &f.catalog_id, &f.name, &f.fingerprint}) {
                        copy_ += '\t';
                        append_copy_field(*field, copy_);
                    }
                    copy_ += f.suppressed ? "\tt\t" : "\tf\t";
                    append_copy_field(f.finding, copy_);
                    copy_ += '\n';
                    if (copy_.size() >= copy_chunk_bytes) {
                        put_copy();
                    }
                }
                end_copy();
            }
            exec("COMMIT");
        } catch (...) {
            rollback();
            throw;
        }
    }

    void finish_shard(std::int64_t scan_id, unsigned shard_index, shard_end how,
                      const std::string& ended_at) override {
        exec("BEGIN");
        try {
            params(sql_.finish_shard,
                   {std::to_string(scan_id), std::to_string(shard_index), ended_at,
                    how == shard_end::finished ? "finished" : "interrupted"});
            params(sql_.finish_scan, {std::to_string(scan_id), ended_at});
            exec("COMMIT");
        } catch (...) {
            rollback();
            throw;
        }
    }

    std::vector<stored_scan> complete_scans() override {
        std::vector<stored_scan> out;
        const auto r = params(sql_.complete_scans, {});
        out.reserve(static_cast<std::size_t>(r.rows()));
        for (int i = 0; i < r.rows(); ++i) {
            out.push_back({r.integer(i, 0), std::string(r.text(i, 1))});
        }
        return out;
    }

    std::optional<stored_scan> find_scan(const std::string& name_or_id) override {
        const auto by_name = params(sql_.scan_by_name, {name_or_id});
        if (by_name.rows() == 1) {
            return stored_scan{by_name.integer(0, 0), name_or_id};
        }
        std::int64_t id = 0;
        const auto* end = name_or_id.data() + name_or_id.size();
        if (auto [p, ec] = std::from_chars(name_or_id.data(), end, id);
            ec != std::errc{} || p != end) {
            return std::nullopt;
        }
        const auto by_id = params(sql_.scan_by_id, {name_or_id});
        if (by_id.rows() == 1) {
            return stored_scan{by_id.integer(0, 0), std::string(by_id.text(0, 1))};
        }
        return std::nullopt;
    }

    void read_records(std::int64_t scan_id,
                      const std::function<void(std::int64_t, std::string_view)>& each) override {
        exec("BEGIN");
        try {
            params(std::string(sql_.open_cursor) + std::string(sql_.scan_records),
                   {std::to_string(scan_id)});
            for (;;) {
                const auto r = params(sql_.fetch_cursor, {});
                if (r.rows() == 0) {
                    break;
                }
                for (int i = 0; i < r.rows(); ++i) {
                    each(r.integer(i, 0), r.text(i, 1));
                }
            }
            exec("COMMIT");
        } catch (...) {
            rollback();
            throw;
        }
    }

    std::vector<target_outcome> failed_targets(std::int64_t scan_id) override {
        std::vector<target_outcome> out;
        const auto r = params(sql_.failed_targets, {std::to_string(scan_id)});
        for (int i = 0; i < r.rows(); ++i) {
            target_outcome t;
            t.account_id = r.text(i, 0);
            t.region = r.text(i, 1);
            t.catalog_id = r.text(i, 2);
            t.complete = false;
            t.error_code = r.text(i, 3);
            out.push_back(std::move(t));
        }
        return out;
    }

    std::string record(std::int64_t version_id) override {
        const auto r = params(sql_.record_by_id, {std::to_string(version_id)});
        return r.rows() == 1 ? std::string(r.text(0, 0)) : std::string();
    }

private:
    static std::string one_line(std::string text) {
        while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
            text.pop_back();
        }
        for (auto& c : text) {
            if (c == '\n') {
                c = ' ';
            }
        }
        return text;
    }

    [[noreturn]] void fail() { throw store_error(one_line(libpq().PQerrorMessage(conn_))); }

    void check(const result& r) {
        const auto status = libpq().PQresultStatus(r.get());
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_COPY_IN) {
            const char* msg = libpq().PQresultErrorMessage(r.get());
            throw store_error(one_line(msg && *msg ? msg : libpq().PQerrorMessage(conn_)));
        }
    }

    void exec(std::string_view sql) {
        result r(libpq().PQexec(conn_, std::string(sql).c_str()));
        check(r);
    }

    void rollback() {
        if (libpq().PQstatus(conn_) == CONNECTION_OK) {
            libpq().PQclear(libpq().PQexec(conn_, "ROLLBACK"));
        }
    }

    result params_nullable(std::string_view sql,
                           const std::vector<std::optional<std::string>>& values) {
        std::vector<const char*> p;
        p.reserve(values.size());
        for (const auto& v : values) {
            p.push_back(v ? v->c_str() : nullptr);
        }
        result r(libpq().PQexecParams(conn_, std::string(sql).c_str(), static_cast<int>(p.size()),
                                      nullptr, p.data(), nullptr, nullptr, 0));
        check(r);
        return r;
    }

    result params(std::string_view sql, const std::vector<std::string>& values) {
        std::vector<std::optional<std::string>> v(values.begin(), values.end());
        return params_nullable(sql, v);
    }

    void start_copy(std::string_view sql) {
        result r(libpq().PQexec(conn_, std::string(sql).c_str()));
        if (libpq().PQresultStatus(r.get()) != PGRES_COPY_IN) {
            check(r);
            fail();
        }
        copy_.clear();
    }
    void put_copy() {
        if (!copy_.empty() &&
            libpq().PQputCopyData(conn_, copy_.data(), static_cast<int>(copy_.size())) != 1) {
            fail();
        }
        copy_.clear();
    }
    void end_copy() {
        put_copy();
        if (libpq().PQputCopyEnd(conn_, nullptr) != 1) {
            fail();
        }
        for (PGresult* r = libpq().PQgetResult(conn_); r != nullptr;
             r = libpq().PQgetResult(conn_)) {
            result owned(r);
            check(owned);
        }
    }

    int read_version() {
        const auto has = params(sql_.has_version_table, {});
        if (has.rows() != 1 || has.integer(0, 0) == 0) {
            return 0;
        }
        const auto v = params(sql_.read_version, {});
        return v.rows() == 1 && !v.is_null(0, 0) ? static_cast<int>(v.integer(0, 0)) : 0;
    }

    /// The target's latest earlier complete scan as COPY text ("0": none), asked once per
    /// target and scan.
    const std::string& previous_complete(const std::string& scan, const record_row& r) {
        if (previous_scan_ != scan) { // the cache holds one scan's answers
            previous_.clear();
            previous_scan_ = scan;
        }
        auto key = std::tie(r.account_id, r.region, r.catalog_id);
        if (auto it = previous_.find(key); it != previous_.end()) {
            return it->second;
        }
        const auto q = params(sql_.previous_complete, {r.account_id, r.region, r.catalog_id, scan});
        std::string previous = q.rows() == 1 && !q.is_null(0, 0) ? std::string(q.text(0, 0)) : "0";
        return previous_
            .emplace(std::tuple{r.account_id, r.region, r.catalog_id}, std::move(previous))
            .first->second;
    }

    PGconn* conn_ = nullptr;
    const postgresql_sql& sql_;
    std::string copy_;
    std::vector<const std::string*> previous_of_batch_;
    bool first_run_ = false; // join_scan started this shard for the first time
    std::map<std::tuple<std::string, std::string, std::string>, std::string, std::less<>> previous_;
    std::string previous_scan_;
};

} // namespace

std::unique_ptr<database> open_postgresql(const std::string& conninfo) {
    return std::make_unique<postgresql_database>(conninfo);
}

std::unique_ptr<database> open_database(const store_url& url) {
    if (url.kind == backend::sqlite) {
        return open_sqlite(url.target);
    }
    return open_postgresql(url.target);
}

} // namespace glue_cli::store
