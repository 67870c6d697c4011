#include "store/store_writer.hpp"

#include <chrono>
#include <glue_inventory/record_values.hpp> // write_iso8601

namespace glue_cli::store {

std::string now_iso8601() {
    std::string out;
    glue_inventory::write_iso8601(
        std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now()), out);
    return out;
}

store_writer::store_writer(const store_url& url, const scan_identity& id)
    : display_(url.display), shard_index_(id.shard_index) {
    try {
        db_ = open_database(url);
        db_->migrate(latest_schema_version);
        scan_id_ = db_->join_scan(id);
    } catch (const store_error& e) {
        throw store_error("--store " + display_ + ": " + e.what());
    }
    thread_ = std::thread([this] { run(); });
}

store_writer::~store_writer() {
    if (thread_.joinable()) {
        close(shard_end::interrupted);
    }
}

void store_writer::add_record(record_row row) {
    filling_.records.push_back(std::move(row));
    if (filling_.records.size() >= store_batch_rows) {
        push(true);
    }
}

void store_writer::add_target(target_outcome outcome) {
    filling_.targets.push_back(std::move(outcome));
}

void store_writer::add_finding(finding_row row) {
    filling_.findings.push_back(std::move(row));
    if (filling_.findings.size() >= store_batch_rows) {
        push(true);
    }
}

void store_writer::flush() {
    if (!filling_.empty()) {
        push(false);
    }
}

void store_writer::push(bool wait) {
    std::unique_lock lock(mutex_);
    if (!error_.empty()) {
        filling_.clear(); // the store failed: nothing more is kept
        return;
    }
    if (queue_.size() >= store_queue_batches) {
        if (!wait) {
            return; // the batch keeps filling; a full one waits below
        }
        changed_.wait(lock, [&] { return queue_.size() < store_queue_batches || !error_.empty(); });
        if (!error_.empty()) {
            filling_.clear();
            return;
        }
    }
    queue_.push_back(std::move(filling_));
    filling_ = write_batch{};
    filling_.records.reserve(store_batch_rows);
    changed_.notify_all();
}

std::string store_writer::close(shard_end how) {
    if (!thread_.joinable()) {
        return error();
    }
    {
        std::unique_lock lock(mutex_);
        if (!filling_.empty() && error_.empty()) {
            queue_.push_back(std::move(filling_));
            filling_ = write_batch{};
        }
        closing_ = true;
        end_ = how;
        changed_.notify_all();
    }
    thread_.join();
    return error();
}

bool store_writer::failed() const {
    std::lock_guard lock(mutex_);
    return !error_.empty();
}

std::string store_writer::error() const {
    std::lock_guard lock(mutex_);
    return error_;
}

void store_writer::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait(lock, [&] { return !queue_.empty() || closing_; });
        if (queue_.empty()) {
            break; // closing, and everything is written
        }
        write_batch batch = std::move(queue_.front());
        queue_.pop_front();
        changed_.notify_all(); // a slot is free
        if (!error_.empty()) {
            continue; // dropped: the store already failed
        }
        lock.unlock();
        std::string failure;
        try {
            db_->write(scan_id_, batch);
        } catch (const std::exception& e) {
            failure = e.what();
        }
        lock.lock();
        if (!failure.empty()) {
            error_ = "--store " + display_ + ": " + failure;
            queue_.clear();
            changed_.notify_all();
        }
    }
    const bool ok = error_.empty();
    const auto how = end_;
    lock.unlock();
    if (!ok) {
        return;
    }
    try {
        db_->finish_shard(scan_id_, shard_index_, how, now_iso8601());
    } catch (const std::exception& e) {
        lock.lock();
        error_ = "--store " + display_ + ": " + e.what();
    }
}

} // namespace glue_cli::store
