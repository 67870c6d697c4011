#include "client/client_impl.hpp"
#include "client/exception_message.hpp"
#include "http/wait_queue.hpp"
#include "scan/admission.hpp"
#include "scan/paginator.hpp"
#include "scan/start_order.hpp"

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>
#include <glue_inventory/nothrow.hpp>
#include <glue_inventory/scan.hpp>
#include <memory>

namespace glue_inventory {
namespace asio = boost::asio;
using boost::system::error_code;

namespace {
// Events travel boxed: a scan_event is a dozen strings and a vector, and the channel, its
// handlers and the hops to the consumer's executor move what they carry a dozen times or more
// (~5k instructions per event in W5, more than a page of one record costs to parse); a
// pointer moves for nothing, and the event itself is moved only into the consumer's handler.
using boxed_event = std::unique_ptr<scan_event>;
using event_channel = asio::experimental::concurrent_channel<void(error_code, boxed_event)>;

/// What a request without MaxResults is expected to bring before any page has arrived: the
/// page size GetConnections uses when none is asked for.
constexpr std::size_t default_page_estimate = 100;

/// The largest answer body whose storage a target keeps for its next page (each worker keeps
/// one, also while its next request waits for the server): small pages (a record or a few)
/// reuse it; a bigger page's is freed once parsed, so that the scan's memory still holds only
/// the pages in flight (at most 2 MB kept at the CLI's default concurrency of 256).
constexpr std::size_t kept_answer_bytes = 8 * 1024;

scan_detail::admission admission_for(const scan_options& o) {
    const std::size_t concurrency = std::max<std::size_t>(o.concurrency, 1);
    const auto first_page = o.request.max_results
                                ? static_cast<std::size_t>(std::max(*o.request.max_results, 1))
                                : default_page_estimate;
    return {concurrency, concurrency * std::max<std::size_t>(o.records_per_request, 1), first_page};
}
} // namespace

struct scan_stream::state {
    state(client& c, std::shared_ptr<client::impl> i, std::vector<target> t, scan_options o)
        : cl(c), impl(std::move(i)), targets(std::move(t)),
          order(scan_detail::start_order(targets)), options(std::move(o)),
          channel(c.get_executor(), std::max<std::size_t>(options.channel_capacity, 1)),
          admit(admission_for(options)) {}

    client& cl;
    // Pages are fetched through the client's inside: one coroutine awaited per page, where the
    // public async_get_connections costs a type-erased handler and a co_spawn.
    const std::shared_ptr<client::impl> impl;
    const std::vector<target> targets;
    const std::vector<std::size_t> order; // indices of targets, in the order they start
    const scan_options options;
    event_channel channel;
    // Workers take targets in `order`; all run on the client's executor, so plain members are
    // safe there. Counters are atomics because progress() may be called from anywhere.
    std::size_t next_target = 0;
    // The workers run as one group (run_workers); this signal cancels it, and `finished` is set,
    // and `stop_waiters` woken, once every worker has returned.
    asio::cancellation_signal stop_signal;
    bool finished = false;
    http::wait_queue stop_waiters;
    // The memory bound: which requests may start; workers waiting for room, first come first
    // served.
    scan_detail::admission admit;
    http::wait_queue waiters;
    std::atomic<bool> stopped{false};
    std::atomic<std::uint64_t> complete{0}, failed{0}, pages{0}, records{0};
};

namespace {

/// The channel's send of `ev`, for a co_await: returns a tuple whose error is set when the
/// stream was cancelled. Not a coroutine itself: a page's event costs no frame of its own.
/// Events are made in their box (scan_target's `event`), not moved into one here. GCC 12
/// mis-copies class temporaries that appear in a co_await expression: callers pass named
/// events only.
auto send_event(scan_stream::state& s, boxed_event&& ev) {
    return s.channel.async_send(error_code{}, std::move(ev), nothrow);
}

/// Sends one event; false when the stream was cancelled.
asio::awaitable<bool> emit(scan_stream::state& s, boxed_event ev) {
    if (s.stopped) {
        co_return false;
    }
    auto result_ec = co_await send_event(s, std::move(ev));
    co_return !std::get<0>(result_ec);
}

/// Starts as many waiting workers as there is room for, in the order they came.
void admit_waiters(scan_stream::state& s) {
    // A cancelled worker leaves the queue at once: every one left in it is still waiting.
    while (!s.waiters.empty() && s.admit.may_start()) {
        s.admit.started(); // on the waiter's behalf, so that the next check counts it
        s.waiters.notify_one();
    }
}

/// Counts a request started when there is room for it now and nobody waits before it, with no
/// coroutine frame (the usual case); false: wait_for_room.
bool try_start_request(scan_stream::state& s) {
    if (s.waiters.empty() && s.admit.may_start()) {
        s.admit.started();
        return true;
    }
    return false;
}

/// Waits, when try_start_request found no room, until admit_waiters grants a start (counted
/// started there). False when cancelled.
asio::awaitable<bool> wait_for_room(scan_stream::state& s) {
    // Granted: success, counted started by admit_waiters. Cancelled: operation_aborted.
    auto result_ec = co_await s.waiters.async_wait(nothrow);
    if (std::get<0>(result_ec)) {
        co_return false;
    }
    co_return !s.stopped;
}

/// All pages of one target. Returns false when the scan was cancelled.
asio::awaitable<bool> scan_target(scan_stream::state& s, std::size_t index) {
    const target& t = s.targets[index];
    scan_detail::paginator pages;
    std::uint64_t page_count = 0;
    std::uint64_t record_count = 0;
    auto event = [&](scan_event::kind k) {
        auto ev = std::make_unique<scan_event>();
        ev->type = k;
        ev->target_index = index;
        ev->target = t;
        ev->pages = page_count;
        ev->records = record_count;
        return ev;
    };
    // The client's get_connections in its parts, its call awaited here: the spec (and its
    // body's storage) is made once per target, and a page costs no coroutine frame of its own.
    client_detail::call_spec spec = s.impl->get_connections_spec(t);
    // The request too, its token assigned per page (into the previous one's storage).
    get_connections_request request = s.options.request;
    // The answer too: call() reuses its request text's and body's storage page after page.
    client_detail::call_response answer;
    for (;;) {
        if (!try_start_request(s) && !co_await wait_for_room(s)) {
            co_return false;
        }
        diagnostics diag;
        error_code ec;
        get_connections_page page;
        try {
            request.next_token = pages.next_token();
            s.impl->write_get_connections_body(t, request, spec);
            ec = co_await s.impl->call(spec, answer, diag);
            if (!ec) {
                ec = s.impl->read_get_connections(answer, page, diag);
            }
            if (answer.message.body().capacity() > kept_answer_bytes) {
                answer.message = {}; // a big page's body is not held while the next one comes
            }
        } catch (...) {
            // The operation reports errors as values; an exception is a bug or an allocation
            // failure: the target fails with errc::internal_error rather than the scan, and its
            // admission slot is given back below (never reported as the server's answer).
            ec = make_error_code(errc::internal_error);
            diag.message = client_detail::exception_message(std::current_exception());
            page = {};
        }
        if (s.stopped) {
            co_return false;
        }
        // The page's records are held until the consumer takes them (an empty page, or a
        // failure, holds none).
        s.admit.finished(ec ? 0 : page.connections.size());
        admit_waiters(s);
        if (ec) {
            auto ev = event(scan_event::kind::target_failed);
            ev->error = ec;
            ev->diag = std::move(diag);
            ++s.failed;
            co_return co_await emit(s, std::move(ev));
        }
        ++page_count;
        record_count += page.connections.size();
        ++s.pages;
        s.records += page.connections.size();
        const auto step = pages.on_page(std::move(page.next_token));
        if (!page.connections.empty()) {
            auto ev = event(scan_event::kind::page);
            ev->connections = std::move(page.connections);
            // emit(), without its coroutine frame: one per page.
            if (s.stopped) {
                co_return false;
            }
            auto sent = co_await send_event(s, std::move(ev));
            if (std::get<0>(sent)) {
                co_return false;
            }
        }
        if (step == scan_detail::paginator::step::done) {
            ++s.complete;
            auto ev = event(scan_event::kind::target_complete);
            co_return co_await emit(s, std::move(ev));
        }
        if (step == scan_detail::paginator::step::repeated) {
            auto ev = event(scan_event::kind::target_failed);
            ev->error = errc::repeated_next_token;
            ev->diag.message = "the server returned a NextToken it had already returned; "
                               "stopped to avoid a loop";
            ev->diag.attempts = 1;
            ++s.failed;
            co_return co_await emit(s, std::move(ev));
        }
    }
}

/// A target whose scan threw (std::bad_alloc...): failed with errc::internal_error, so that it
/// still gets its final event and the other targets go on. False when the stream was cancelled.
asio::awaitable<bool> fail_target(scan_stream::state& s, std::size_t index, std::exception_ptr e) {
    auto ev = std::make_unique<scan_event>();
    ev->type = scan_event::kind::target_failed;
    ev->target_index = index;
    ev->target = s.targets[index];
    ev->error = errc::internal_error;
    ev->diag.message = client_detail::exception_message(e);
    ++s.failed;
    co_return co_await emit(s, std::move(ev));
}

asio::awaitable<void> worker(scan_stream::state& s) {
    while (!s.stopped && s.next_target < s.targets.size()) {
        const std::size_t index = s.order[s.next_target++];
        bool go_on = false;
        std::exception_ptr thrown;
        try {
            go_on = co_await scan_target(s, index);
        } catch (...) {
            thrown = std::current_exception(); // no co_await inside a handler
        }
        if (thrown) {
            go_on = co_await fail_target(s, index, thrown);
        }
        if (!go_on) {
            break;
        }
    }
}

/// Signing keys that `workers` workers may use at once: each one's target's, and an AssumeRole's
/// when it starts an account.
constexpr std::size_t signing_keys_in_use(std::size_t workers) {
    return 2 * workers;
}

/// Room in the client's signing-key cache for the keys a scan uses, while the scan runs. Runs on
/// the client's executor (the cache's); holds the client's inside, so that it is there to give
/// the room back however the scan's coroutine ends.
class signing_keys_room {
public:
    signing_keys_room(std::shared_ptr<client::impl> impl, std::size_t n)
        : impl_(std::move(impl)), n_(n) {
        impl_->keys.add_room(n_);
    }
    ~signing_keys_room() { impl_->keys.remove_room(n_); }
    signing_keys_room(const signing_keys_room&) = delete;
    signing_keys_room& operator=(const signing_keys_room&) = delete;

private:
    std::shared_ptr<client::impl> impl_;
    std::size_t n_;
};

/// The scan: `n` workers as one group; when the last has returned, `end`. Cancelling this
/// coroutine cancels every worker.
asio::awaitable<void> run_workers(scan_stream::state& s, std::size_t n) {
    const auto ex = s.cl.get_executor();
    // The workers' requests take turns, each signed with its target's key (and an account's
    // first with an AssumeRole's): the client's signing-key cache holds them all while the scan
    // runs, or least-recently-used eviction would derive a key for nearly every request.
    const signing_keys_room room(s.impl, signing_keys_in_use(n));
    using worker_op = decltype(asio::co_spawn(ex, worker(s), asio::deferred));
    std::vector<worker_op> workers;
    workers.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        workers.push_back(asio::co_spawn(ex, worker(s), asio::deferred));
    }
    // Workers report failures as events, never as exceptions; one would be a bug, and the
    // others still finish their targets. (A named group: GCC 12 mishandles temporaries in a
    // co_await expression.)
    auto group = asio::experimental::make_parallel_group(std::move(workers));
    (void)co_await group.async_wait(asio::experimental::wait_for_all(), asio::use_awaitable);
    if (!s.stopped) {
        auto end = std::make_unique<scan_event>(); // kind::end
        (void)co_await emit(s, std::move(end));
    }
}

} // namespace

namespace {
/// `o`, when every field is in its documented range.
scan_options checked(scan_options o) {
    if (auto error = options_error(o); !error.empty()) {
        throw boost::system::system_error(errc::invalid_argument, error);
    }
    return o;
}
} // namespace

scan_stream::scan_stream(client& c, std::vector<target> targets, scan_options options)
    : ex_(c.get_executor()),
      state_(std::make_shared<state>(c, c.impl_, std::move(targets), checked(std::move(options)))) {
    auto s = state_;
    const std::size_t n = std::min(std::max<std::size_t>(s->options.concurrency, 1),
                                   std::max<std::size_t>(s->targets.size(), 1));
    // Not detached: the completion keeps the state alive until the last worker has returned,
    // and tells async_stop's waiters. co_spawn starts the group on the client's executor, later.
    asio::co_spawn(
        c.get_executor(), run_workers(*s, n),
        asio::bind_cancellation_slot(s->stop_signal.slot(), [s](const std::exception_ptr&) {
            s->finished = true;
            s->stop_waiters.notify_all();
        }));
}

scan_stream::~scan_stream() {
    cancel();
}

// The executor is copied, not moved: a moved-from stream still completes its operations there.
scan_stream::scan_stream(scan_stream&& other) noexcept
    // NOLINTNEXTLINE(performance-move-constructor-init): the copy is the point (above)
    : ex_(other.ex_), state_(std::move(other.state_)) {}

scan_stream& scan_stream::operator=(scan_stream&& other) noexcept {
    if (this != &other) {
        cancel();
        ex_ = other.ex_;
        state_ = std::move(other.state_);
    }
    return *this;
}

namespace {

/// Stops the scan: see scan_stream::cancel().
void stop_scan(const std::shared_ptr<scan_stream::state>& s) {
    if (!s || s->stopped.exchange(true)) {
        return;
    }
    // Closing wakes a pending async_next and every blocked sender; the signal stops requests in
    // flight (their connections are closed rather than parked mid-answer).
    s->channel.close();
    asio::post(s->cl.get_executor(),
               [s] { s->stop_signal.emit(asio::cancellation_type::terminal); });
}

/// Where a final handler runs: its associated executor, else the client's `ex`; tracked, so
/// that its execution context does not run out of work while the operation is outstanding.
template <class Handler>
auto final_executor(const Handler& handler, const asio::any_io_executor& ex) {
    return asio::prefer(asio::get_associated_executor(handler, ex),
                        asio::execution::outstanding_work.tracked);
}

/// Invokes `handler(args...)` on `ex` (the final executor). Called from the client's executor,
/// after the operation has been posted at least once, so never inside the initiating call.
/// (Boost 1.81's any_completion_executor cannot be required to be non-blocking, which
/// asio::post needs: the first hop is always a post to the client's executor, this one a
/// dispatch, which runs the handler at once when it belongs there too.)
template <class Executor, class Handler, class... Args>
void complete_on(const Executor& ex, Handler handler, Args... args) {
    asio::dispatch(ex, [h = std::move(handler), ... args = std::move(args)]() mutable {
        std::move(h)(std::move(args)...);
    });
}

/// complete_on for async_next: the event stays boxed until the handler takes it.
template <class Executor, class Handler>
void complete_with_event(const Executor& ex, Handler handler, boxed_event ev) {
    asio::dispatch(ex, [h = std::move(handler), ev = std::move(ev)]() mutable {
        std::move(h)(error_code{}, std::move(*ev));
    });
}

} // namespace

void scan_stream::cancel() {
    stop_scan(state_);
}

void scan_stream::async_stop_erased(const executor_type& ex, std::shared_ptr<state> s,
                                    asio::any_completion_handler<void(error_code)> handler) {
    auto handler_ex = final_executor(handler, ex);
    stop_scan(s);
    asio::post(ex, [s = std::move(s), ex, handler_ex, h = std::move(handler)]() mutable {
        if (!s || s->finished) {
            complete_on(handler_ex, std::move(h), error_code{});
            return;
        }
        s->stop_waiters.async_wait(
            asio::bind_executor(ex, [handler_ex, h = std::move(h)](error_code) mutable {
                // Only the group's end wakes this queue (or the state's destruction, which the
                // lambda's own `s` rules out).
                complete_on(handler_ex, std::move(h), error_code{});
            }));
    });
}

namespace {

/// Both forms of async_next: `deliver(ev)` runs on the client's executor with the next event,
/// or with null when there is none (the stream has ended, was cancelled or moved from, or the
/// wait was cancelled through `slot`). Never inline: even when known at once, it is posted.
template <class Deliver>
void receive_event(const asio::any_io_executor& ex, std::shared_ptr<scan_stream::state> s,
                   asio::cancellation_slot slot, Deliver deliver) {
    if (!s || !s->channel.is_open()) {
        // Known at once (a moved-from stream, an ended or cancelled scan): still not inline.
        asio::post(ex, [d = std::move(deliver)]() mutable { d(boxed_event{}); });
        return;
    }
    // The channel completes on the client's executor (never inline), where the scan's state may
    // be touched; the handler then runs on its own executor.
    auto& channel = s->channel;
    channel.async_receive(asio::bind_cancellation_slot(
        slot, [s = std::move(s), d = std::move(deliver)](error_code ec, boxed_event ev) mutable {
            if (ec || !ev) {
                d(boxed_event{});
                return;
            }
            if (ev->type == scan_event::kind::end) {
                // Nothing follows the end: later calls complete with errc::cancelled.
                s->channel.close();
            }
            if (ev->type == scan_event::kind::page) {
                s->admit.taken(ev->connections.size());
                admit_waiters(*s);
            }
            d(std::move(ev));
        }));
}

} // namespace

void scan_stream::async_next_erased(
    const executor_type& ex, std::shared_ptr<state> s, bool on_client,
    asio::any_completion_handler<void(error_code, scan_event)> handler) {
    auto slot = asio::get_associated_cancellation_slot(handler);
    if (on_client) {
        // The handler's executor is the client's, where receive_event delivers (posted, never
        // inline): invoked there, as a dispatch to it would; the pending receive keeps the
        // client's executor working meanwhile.
        receive_event(ex, std::move(s), slot, [h = std::move(handler)](boxed_event ev) mutable {
            if (!ev) {
                std::move(h)(make_error_code(errc::cancelled), scan_event{});
                return;
            }
            std::move(h)(error_code{}, std::move(*ev));
        });
        return;
    }
    auto handler_ex = final_executor(handler, ex);
    receive_event(ex, std::move(s), slot,
                  [handler_ex, h = std::move(handler)](boxed_event ev) mutable {
                      if (!ev) {
                          complete_on(handler_ex, std::move(h), make_error_code(errc::cancelled),
                                      scan_event{});
                          return;
                      }
                      complete_with_event(handler_ex, std::move(h), std::move(ev));
                  });
}

namespace {
/// async_next_into's delivery: the event moved into `into`, or `into` reset when there is none.
error_code move_into(scan_event& into, boxed_event ev) {
    if (!ev) {
        into = scan_event{};
        return make_error_code(errc::cancelled);
    }
    into = std::move(*ev);
    return {};
}
} // namespace

void scan_stream::async_next_into_erased(const executor_type& ex, std::shared_ptr<state> s,
                                         scan_event& into, bool on_client,
                                         asio::any_completion_handler<void(error_code)> handler) {
    // The page `into` held goes now, as a by-value event would be gone before the next call: a
    // page kept until the next event arrives would be one page more alive while the workers
    // parse. The rest (a few short strings) is replaced when the event arrives, or reset then.
    std::vector<connection>().swap(into.connections);
    auto slot = asio::get_associated_cancellation_slot(handler);
    // `into` is written on the client's executor before the handler runs (there, or dispatched
    // to its own): the caller leaves it alone until then.
    if (on_client) {
        // As in async_next_erased: the handler's executor is the client's.
        receive_event(ex, std::move(s), slot,
                      [&into, h = std::move(handler)](boxed_event ev) mutable {
                          std::move(h)(move_into(into, std::move(ev)));
                      });
        return;
    }
    auto handler_ex = final_executor(handler, ex);
    receive_event(ex, std::move(s), slot,
                  [&into, handler_ex, h = std::move(handler)](boxed_event ev) mutable {
                      complete_on(handler_ex, std::move(h), move_into(into, std::move(ev)));
                  });
}

scan_progress scan_stream::progress() const {
    scan_progress p;
    if (!state_) {
        return p;
    }
    p.targets_total = state_->targets.size();
    p.targets_complete = state_->complete;
    p.targets_failed = state_->failed;
    p.pages = state_->pages;
    p.records = state_->records;
    p.client = state_->cl.stats();
    return p;
}

} // namespace glue_inventory
