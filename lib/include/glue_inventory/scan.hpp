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
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/deferred.hpp>
#include <cstddef>
#include <cstdint>
#include <glue_inventory/client.hpp>
#include <glue_inventory/detail/initiation_base.hpp>
#include <glue_inventory/error.hpp>
#include <glue_inventory/export.hpp>
#include <glue_inventory/model.hpp>
#include <glue_inventory/target.hpp>
#include <memory>
#include <type_traits>
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

/// Executor: the scan runs on the client's executor (get_executor()). Final handlers are
/// invoked on the token's associated executor, or the client's when it has none.
/// Thread safety: distinct objects: safe. Shared object: async_next one at a time (from any
/// thread); cancel(), async_stop(), progress() and get_executor() from any thread; moves and
/// the destructor not concurrently with anything else on the same object.
/// Object lifetimes: the client must outlive the stream and its operations. The scan's state
/// is shared with its operations and its workers: destroying (or moving) the stream while an
/// async_next or async_stop is outstanding is safe.
class GLUE_INVENTORY_API scan_stream {
    using next_signature = void(boost::system::error_code, scan_event);
    using next_into_signature = void(boost::system::error_code);
    using stop_signature = void(boost::system::error_code);

public:
    using executor_type = boost::asio::any_io_executor;
    struct state;

private:
    // The initiation objects: the executor, and the shared state as an argument (not `this`);
    // the handler, erased, goes to the library. NOLINTBEGIN(performance-unnecessary-value-param)
    //
    // Whether a handler's associated executor is the client's one, known here where the
    // handler's type is: then the library completes it where the event arrives (the client's
    // executor, which its pending receive keeps working), without type-erasing, tracking and
    // dispatching to the handler's executor, which the erased handler could only compare after
    // building a type-erased copy of it. A coroutine on the client's executor is this case.
    template <class Handler>
    static bool runs_on(const Handler& handler, const executor_type& ex) {
        const auto handler_ex = boost::asio::get_associated_executor(handler, ex);
        if constexpr (std::is_same_v<std::decay_t<decltype(handler_ex)>, executor_type>) {
            return handler_ex == ex;
        } else {
            return false;
        }
    }
    struct initiate_next : detail::initiation_base {
        using initiation_base::initiation_base;
        template <class Handler>
        void operator()(Handler&& handler, std::shared_ptr<state> s) const {
            const bool on_client = runs_on(handler, get_executor());
            async_next_erased(get_executor(), std::move(s), on_client,
                              std::forward<Handler>(handler));
        }
    };
    struct initiate_next_into : detail::initiation_base {
        using initiation_base::initiation_base;
        template <class Handler>
        void operator()(Handler&& handler, std::shared_ptr<state> s, scan_event* into) const {
            const bool on_client = runs_on(handler, get_executor());
            async_next_into_erased(get_executor(), std::move(s), *into, on_client,
                                   std::forward<Handler>(handler));
        }
    };
    struct initiate_stop : detail::initiation_base {
        using initiation_base::initiation_base;
        template <class Handler>
        void operator()(Handler&& handler, std::shared_ptr<state> s) const {
            async_stop_erased(get_executor(), std::move(s), std::forward<Handler>(handler));
        }
    }; // NOLINTEND(performance-unnecessary-value-param): clang-tidy 14 misses the moves of `s`

public:
    /// Starts scanning `targets` with `c`, on c's executor. `c` must outlive the stream.
    /// Targets start round-robin over their accounts (the first target of every account, then
    /// the second...), so that assuming each account's role overlaps with the others'; events
    /// name a target by its index in `targets`.
    /// Throws boost::system::system_error (errc::invalid_argument) when `options` is out of
    /// range: see options_error().
    scan_stream(client& c, std::vector<target> targets, scan_options options = {});
    /// Cancels the scan if it is still running (cancel()); does not wait for it to stop.
    ~scan_stream();
    /// A moved-from stream keeps its executor; its operations complete with errc::cancelled.
    scan_stream(scan_stream&& other) noexcept;
    scan_stream& operator=(scan_stream&& other) noexcept;

    /// The client's executor, where the scan runs. Any thread.
    executor_type get_executor() const noexcept { return ex_; }

    /// The next event: pages, then each target's outcome, then `end`.
    ///
    /// Handler signature: void(boost::system::error_code, scan_event).
    ///
    /// Executor: the final handler is invoked on the token's associated executor, or the
    /// client's when it has none (a coroutine resumes on its own executor; a handler bound to
    /// a strand runs in that strand). It is never invoked inline from within this function,
    /// even when an event is already waiting or the stream has ended: the result is first
    /// posted to the client's executor, then dispatched to the handler's.
    ///
    /// Per-operation cancellation: terminal, partial and total are supported, and cancel the
    /// wait only (errc::cancelled): no event is lost, the next async_next receives it. Call
    /// cancel() to stop the scan. (With Boost 1.81, after a cancelled wait the channel no longer
    /// buffers: Asio 1.26's channel resets its send state to blocking. The scan then hands
    /// events over one by one, as the consumer asks for them; none is lost.)
    ///
    /// Errors: errc::cancelled after `end` was received, after cancel() (events not yet read
    /// are dropped), when the wait was cancelled, and on a moved-from stream. A target's
    /// failure is an event (target_failed, with its error and diagnostics), not an error of
    /// async_next; a target whose scan threw an exception fails with errc::internal_error.
    ///
    /// Thread safety: one async_next outstanding at a time; it may be initiated from any
    /// thread.
    ///
    /// Object lifetimes: the operation shares the scan's state: the stream may be destroyed
    /// while it is outstanding (the scan is then cancelled and it completes with
    /// errc::cancelled). The client must outlive it. The event is owning: it outlives the scan.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(next_signature)
                  CompletionToken = boost::asio::deferred_t>
    auto async_next(CompletionToken&& token = {}) {
        return boost::asio::async_initiate<CompletionToken, next_signature>(initiate_next(ex_),
                                                                            token, state_);
    }

    /// The next event, as async_next(token), moved into the caller's `into` instead of being
    /// passed to the handler: the event is not moved again through the completion's layers
    /// (a tuple, a coroutine's result), which a page of few records pays more for than for
    /// anything else on its way to the consumer. The page `into` holds is freed at once, as a
    /// by-value event would have been destroyed by then; it may hold anything before.
    ///
    /// Handler signature: void(boost::system::error_code).
    ///
    /// Executor, per-operation cancellation, thread safety: as async_next(token). One
    /// async_next of either form outstanding at a time.
    ///
    /// Errors: as async_next(token). On success `into` holds the event; on an error it holds a
    /// default event (kind::end, no connections).
    ///
    /// Object lifetimes: `into` must outlive the operation and be left alone until it completes
    /// (the operation writes it, on the client's executor, before the handler runs). The stream
    /// may be destroyed while the operation is outstanding, as for async_next(token).
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(next_into_signature)
                  CompletionToken = boost::asio::deferred_t>
    auto async_next(scan_event& into, CompletionToken&& token = {}) {
        return boost::asio::async_initiate<CompletionToken, next_into_signature>(
            initiate_next_into(ex_), token, state_, &into);
    }

    /// Stops the scan promptly: requests in flight are cancelled, their connections closed,
    /// events not yet read are dropped. Returns at once; async_stop() waits for the stop.
    /// Safe from any thread.
    void cancel();

    /// Stops the scan as cancel() does, and completes once it has really stopped: every worker
    /// has returned, no request of the scan is in flight, the client is no longer used by it.
    /// Also completes after the scan ended by itself.
    ///
    /// Handler signature: void(boost::system::error_code).
    ///
    /// Executor: as async_next's: the final handler is invoked on the token's associated
    /// executor (else the client's), never inline from within this function.
    ///
    /// Per-operation cancellation: not supported (stopping takes as long as the requests in
    /// flight need to notice; the signal is ignored).
    ///
    /// Errors: none: always success (a moved-from stream has nothing to stop).
    ///
    /// Thread safety: safe from any thread, like cancel(); several may be outstanding.
    ///
    /// Object lifetimes: the operation shares the scan's state: the stream may be destroyed
    /// while it is outstanding. The client must outlive it.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(stop_signature)
                  CompletionToken = boost::asio::deferred_t>
    auto async_stop(CompletionToken&& token = {}) {
        return boost::asio::async_initiate<CompletionToken, stop_signature>(initiate_stop(ex_),
                                                                            token, state_);
    }

    /// Counters for a progress display. Any thread.
    scan_progress progress() const;

private:
    // Compiled once, in the library. `s` is null for a moved-from stream.
    // `on_client`: the handler's associated executor is `ex` (runs_on).
    static void async_next_erased(const executor_type& ex, std::shared_ptr<state> s, bool on_client,
                                  boost::asio::any_completion_handler<next_signature> handler);
    static void
    async_next_into_erased(const executor_type& ex, std::shared_ptr<state> s, scan_event& into,
                           bool on_client,
                           boost::asio::any_completion_handler<next_into_signature> handler);
    static void async_stop_erased(const executor_type& ex, std::shared_ptr<state> s,
                                  boost::asio::any_completion_handler<stop_signature> handler);

    executor_type ex_; // kept by a moved-from stream, to complete its operations on
    std::shared_ptr<state> state_;
};

} // namespace glue_inventory
