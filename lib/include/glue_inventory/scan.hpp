// The fan-out: every target (account x region x catalog) paginated concurrently, each page
// streamed to the consumer as soon as it is parsed.
//
//     glue_inventory::scan_stream stream(c, targets, options);
//     for (;;) {
//         auto result = co_await stream.async_next(asio::as_tuple(asio::use_awaitable));
//         auto& [ec, ev] = result; // (GCC: never a structured binding of co_await itself)
//         if (ec || ev.type == scan_event::kind::end) break;
//         ...
//     }
//
// The stream is a bounded channel of events: a consumer that stops reading stops the scan
// (backpressure), and the records held (in flight or waiting for the consumer) stay within
// concurrency x records_per_request whatever the number of records or the size of the pages.
// A failed target never stops the others.
#pragma once

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/async_result.hpp>
#include <cstddef>
#include <cstdint>
#include <glue_inventory/client.hpp>
#include <glue_inventory/error.hpp>
#include <glue_inventory/export.hpp>
#include <glue_inventory/model.hpp>
#include <glue_inventory/target.hpp>
#include <memory>
#include <vector>

namespace glue_inventory {

struct scan_options {
    /// Requests in flight at most (each target has at most one: its pages come one after the
    /// other, since each needs the previous page's NextToken). At least 1.
    std::size_t concurrency = 256;
    /// Events buffered between the scan and a consumer that is slower than it. At least 1.
    std::size_t channel_capacity = 16;
    /// Records held at most, per request of `concurrency`: a page received and not yet taken by
    /// the consumer counts its records, a request in flight the average page so far (before
    /// the first page: MaxResults, or 100). A request that would take the total past
    /// concurrency x records_per_request waits. Pages of a few dozen records (most accounts)
    /// keep every request busy; big pages, or a consumer slower than the network, keep fewer in
    /// flight, so memory stays within about concurrency x records_per_request records (a record
    /// takes about 2 kB parsed) whatever the page size. One request may always run. At least 1.
    std::size_t records_per_request = 32;
    /// What every target's requests ask for: Filter, HidePassword, MaxResults (1 to 1000 when
    /// set). CatalogId and NextToken are set per target and per page.
    get_connections_request request;
};

/// What is wrong with `o`: the first field outside its documented range, named with its value
/// ("scan_options::concurrency must be at least 1 (got 0)"). Empty when every field is in range.
/// scan_stream's constructor throws it (boost::system::system_error with errc::invalid_argument).
GLUE_INVENTORY_API std::string options_error(const scan_options& o);

/// One event of the stream. Default-constructible and owning: it outlives the scan.
struct scan_event {
    enum class kind {
        page,            // `connections` holds one page of `target` (never empty)
        target_complete, // `target` has no more pages; `pages` and `records` are its totals
        target_failed,   // `target` stopped at `error`; `diag` says why; earlier pages were sent
        end,             // every target is complete or failed: the last event
    };
    kind type = kind::end;
    std::size_t target_index = 0; // index of `target` in the scan's targets
    glue_inventory::target target;
    std::vector<connection> connections;
    std::uint64_t pages = 0;   // pages of `target` received so far
    std::uint64_t records = 0; // connections of `target` received so far
    boost::system::error_code error;
    diagnostics diag;
};

/// Counters for progress displays. Read from any thread.
struct scan_progress {
    std::uint64_t targets_total = 0;
    std::uint64_t targets_complete = 0;
    std::uint64_t targets_failed = 0;
    std::uint64_t pages = 0;
    std::uint64_t records = 0;
    client_stats client;
};

class GLUE_INVENTORY_API scan_stream {
public:
    /// Starts scanning `targets` with `c`, on c's executor. `c` must outlive the stream.
    /// Targets start round-robin over their accounts (the first target of every account, then
    /// the second...), so that assuming each account's role overlaps with the others'; events
    /// name a target by its index in `targets`.
    /// Throws boost::system::system_error (errc::invalid_argument) when `options` is out of
    /// range: see options_error().
    scan_stream(client& c, std::vector<target> targets, scan_options options = {});
    /// Cancels the scan if it is still running.
    ~scan_stream();
    scan_stream(scan_stream&&) noexcept;
    scan_stream& operator=(scan_stream&&) noexcept;

    /// The next event. Completion: void(error_code, scan_event). After `end`, or after
    /// cancel(), completes with errc::cancelled.
    /// Executor: the completion is invoked from the client's executor (a coroutine on that
    /// executor, the usual case, simply resumes).
    /// Cancellation: per-operation cancellation of a pending async_next cancels the wait only;
    /// call cancel() to stop the scan.
    /// Thread safety: one async_next at a time.
    template <class CompletionToken>
    auto async_next(CompletionToken&& token) {
        return boost::asio::async_initiate<CompletionToken,
                                           void(boost::system::error_code, scan_event)>(
            [this](auto handler) { initiate_next(std::move(handler)); }, token);
    }

    /// Stops the scan promptly: requests in flight are cancelled, their connections closed,
    /// events not yet read are dropped. Safe from any thread.
    void cancel();

    /// Stops the scan as cancel() does, and completes once it has really stopped: every worker
    /// has returned, no request of the scan is in flight, the client is no longer used by it.
    /// Completion: void(error_code), always success. Also completes (at once) after the scan
    /// ended by itself.
    /// Executor: the completion is invoked from the client's executor, as async_next's is.
    /// Cancellation: none (stopping takes as long as the requests in flight need to notice).
    /// Thread safety: safe from any thread, like cancel().
    template <class CompletionToken>
    auto async_stop(CompletionToken&& token) {
        return boost::asio::async_initiate<CompletionToken, void(boost::system::error_code)>(
            [this](auto handler) { initiate_stop(std::move(handler)); }, token);
    }

    scan_progress progress() const;

    struct state;

private:
    void initiate_next(
        boost::asio::any_completion_handler<void(boost::system::error_code, scan_event)> handler);
    void
    initiate_stop(boost::asio::any_completion_handler<void(boost::system::error_code)> handler);
    std::shared_ptr<state> state_;
};

} // namespace glue_inventory
