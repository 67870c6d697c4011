// Writes a scan (or an audit) into a store on a thread of its own, so the scan's I/O thread
// never waits for the database -- until the database falls behind by more than the queue
// holds: then add_*() waits (backpressure), so memory stays bounded however slow the database.
//
// A database that fails (down, killed, full) stops the store, not the scan: the writer thread
// drops what it is given from then on (the producer never blocks on a dead database), the
// scan's other outputs stay complete, and error() names the store (never its password).
#pragma once

#include "store/database.hpp"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace glue_cli::store {

/// Records (or findings) one transaction writes at most: large enough to amortise a commit,
/// small enough that a batch of the largest records stays a few MB.
inline constexpr std::size_t store_batch_rows = 1000;
/// Full batches waiting for the writer thread at most. With the batch being filled and the one
/// being written, memory holds at most (store_queue_batches + 2) * store_batch_rows rows (about
/// 9 MB of typical 1.5 kB records); a producer that finds the queue full waits for a slot.
inline constexpr std::size_t store_queue_batches = 4;

/// "2026-12-01T07:30:00.000Z", now.
std::string now_iso8601();

class store_writer {
public:
    /// Opens the database, brings its schema up to date and joins the scan, on the caller's
    /// thread (a store that cannot be used stops the command before any request). Throws
    /// store_error with the message error() would give.
    store_writer(const store_url& url, const scan_identity& id);
    /// Stops the thread (as close(interrupted) would, if close was not called).
    ~store_writer();
    store_writer(const store_writer&) = delete;
    store_writer& operator=(const store_writer&) = delete;

    void add_record(record_row row);
    /// After every record of the target.
    void add_target(target_outcome outcome);
    void add_finding(finding_row row);
    /// Hands the batch being filled to the thread (the scan's periodic flush), if the queue has
    /// room; never waits.
    void flush();
    /// Writes what waits, ends this process's shard, joins the thread. Returns error().
    std::string close(shard_end how);

    /// True once the database failed (the scan may skip preparing rows).
    bool failed() const;
    /// "--store URL: what failed", or empty.
    std::string error() const;
    const std::string& display() const { return display_; }

private:
    void push(bool wait);
    void run();

    std::string display_;
    std::unique_ptr<database> db_;
    std::int64_t scan_id_ = 0;
    unsigned shard_index_ = 0;

    write_batch filling_; // the producer's; handed over whole
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<write_batch> queue_;
    bool closing_ = false;
    shard_end end_ = shard_end::interrupted;
    std::string error_;
    std::thread thread_;
};

} // namespace glue_cli::store
