#include "http/connection_pool.hpp"

#include "http/descriptor_budget.hpp"
#include "http/failure_text.hpp"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <glue_inventory/error.hpp>
#include <glue_inventory/nothrow.hpp>

namespace glue_inventory::http {
namespace asio = boost::asio;
using boost::system::error_code;
using clock = std::chrono::steady_clock;

namespace {

// The connection limits, within what the descriptor limit allows (descriptor_budget.hpp).
pool_limits limits_of(const http_options& o) {
    const auto fit = connections_within_descriptor_limit();
    return {std::min(o.max_connections_per_host, fit), std::min(o.max_connections, fit), o.idle_ttl,
            o.session_wait.count() > 0};
}
} // namespace

// ---------------------------------------------------------------------------------------------
// The lease.

pooled_connection::pooled_connection(pooled_connection&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)), host_(std::exchange(other.host_, nullptr)),
      conn_(std::move(other.conn_)), reused_(other.reused_),
      first_of_origin_(other.first_of_origin_), discard_(other.discard_) {}

pooled_connection& pooled_connection::operator=(pooled_connection&& other) noexcept {
    if (this != &other) {
        give_back();
        pool_ = std::exchange(other.pool_, nullptr);
        host_ = std::exchange(other.host_, nullptr);
        conn_ = std::move(other.conn_);
        reused_ = other.reused_;
        first_of_origin_ = other.first_of_origin_;
        discard_ = other.discard_;
    }
    return *this;
}

pooled_connection::~pooled_connection() {
    give_back();
}

void pooled_connection::give_back() {
    if (conn_ && pool_ != nullptr) {
        const bool reusable = !discard_ && conn_->reusable();
        pool_->release(*host_, std::move(conn_), reusable, first_of_origin_);
    }
    pool_ = nullptr;
}

// ---------------------------------------------------------------------------------------------
// The driver.

connection_pool::connection_pool(asio::any_io_executor ex, http_options options,
                                 std::shared_ptr<asio::ssl::context> tls_context)
    : executor_(std::move(ex)), options_(std::move(options)), tls_context_(std::move(tls_context)),
      resolver_(executor_), state_(limits_of(options_)) {}

connection_pool::~connection_pool() {
    shutdown();
}

void connection_pool::apply_effects() {
    for (auto& c : effects_.close) {
        c->close();
    }
    for (const auto& w : effects_.wakes) {
        using q = pool_detail::state::queue;
        wait_queue& queue = w.q == q::global ? global_waiters_
                            : w.q == q::host ? w.h->data.waiters
                                             : w.h->data.session_waiters;
        if (w.all) {
            queue.notify_all();
        } else if (!queue.notify_one()) {
            state_.wake_missed(w.q == q::global ? nullptr : w.h);
        }
    }
    effects_.clear();
}

pooled_connection connection_pool::try_acquire(const origin& o, decision& d) {
    d = state_.acquire(o, clock::now(), effects_);
    apply_effects();
    if (d.what != pool_detail::state::step::reuse) {
        return {};
    }
    ++stats_.reuses;
    return pooled_connection(*this, *d.h, std::move(d.conn), true, false);
}

asio::awaitable<pooled_connection> connection_pool::acquire(const origin& o, error_code& ec,
                                                            std::string& what) {
    ec = {};
    decision d;
    if (auto c = try_acquire(o, d)) {
        co_return c;
    }
    co_return co_await acquire_after(o, std::move(d), ec, what);
}

asio::awaitable<pooled_connection>
connection_pool::acquire_after(const origin& o, decision d, error_code& ec, std::string& what) {
    ec = {};
    for (;;) {
        using step = pool_detail::state::step;
        switch (d.what) {
        case step::shut_down:
            ec = errc::cancelled;
            what = "the connection pool is shut down";
            co_return pooled_connection{};
        case step::reuse:
            ++stats_.reuses;
            co_return pooled_connection(*this, *d.h, std::move(d.conn), true, false);
        case step::open:
            co_return co_await open(o, *d.h, d.first_of_origin, ec, what);
        case step::wait_for_session: {
            const bool waited = co_await wait_for_session(*d.h);
            auto next = state_.session_wait_over(o, *d.h, waited, effects_);
            apply_effects();
            if (next.what != step::open) {
                ec = errc::cancelled;
                what = "cancelled while waiting for a TLS session of " + o.host;
                co_return pooled_connection{};
            }
            co_return co_await open(o, *d.h, next.first_of_origin, ec, what);
        }
        case step::wait_for_host:
        case step::wait_for_slot: {
            const bool for_host = d.what == step::wait_for_host;
            wait_queue& queue = for_host ? d.h->data.waiters : global_waiters_;
            auto result_ec = co_await queue.async_wait(nothrow);
            if (std::get<0>(result_ec)) {
                state_.waiter_cancelled(for_host ? d.h : nullptr);
                ec = errc::cancelled;
                what = "cancelled while waiting for a connection to " + o.host;
                co_return pooled_connection{};
            }
            break; // woken: a connection came back or a slot freed up; ask again
        }
        }
        d = state_.acquire(o, clock::now(), effects_);
        apply_effects();
    }
}

asio::awaitable<bool> connection_pool::wait_for_session(host& h) {
    // The first of: the gate opens (the queue is woken), session_wait passes. The caller's
    // cancellation cancels both. (The queue's wait is bound to the pool's executor: a parallel
    // group's operation handlers have none of their own.)
    asio::steady_timer timer(executor_, options_.session_wait);
    auto result =
        co_await asio::experimental::make_parallel_group(
            h.data.session_waiters.async_wait(asio::bind_executor(executor_, asio::deferred)),
            timer.async_wait(asio::deferred))
            .async_wait(asio::experimental::wait_for_one(), nothrow);
    // Proceed when either finished by itself; both fail only when the caller cancelled.
    co_return !std::get<1>(result) || !std::get<2>(result);
}

asio::awaitable<pooled_connection> connection_pool::open(const origin& o, host& h, bool first,
                                                         error_code& ec, std::string& what) {
    const auto port = std::to_string(o.port);
    auto& io = h.data;
    if (io.dns.empty() || clock::now() >= io.dns_expiry) {
        ++stats_.dns_lookups;
        auto result_rec_results = co_await resolver_.async_resolve(o.host, port, nothrow);
        auto& [rec, results] = result_rec_results;
        if (rec) {
            state_.open_failed(h, first, effects_);
            apply_effects();
            ec = rec;
            what = "cannot resolve " + o.host + ": " + rec.message();
            co_return pooled_connection{};
        }
        io.dns = std::move(results);
        io.dns_expiry = clock::now() + options_.dns_ttl;
    }
    auto c = std::make_unique<connection>(executor_, *tls_context_, o);
    const auto cec = co_await c->connect(io.dns, options_.connect_timeout,
                                         options_.tls_handshake_timeout, io.session);
    if (cec) {
        state_.open_failed(h, first, effects_);
        apply_effects();
        ec = cec; // kept as is: the caller tells a timeout or a refused certificate from the rest
        what = c->tcp_connected()
                   ? connect_failure_text(o.host, o.port, connect_step::tls_handshake, cec,
                                          options_.tls_handshake_timeout)
                   : connect_failure_text(o.host, o.port, connect_step::tcp_connect, cec,
                                          options_.connect_timeout);
        co_return pooled_connection{};
    }
    ++stats_.connections_opened;
    if (o.tls) {
        ++stats_.tls_handshakes;
        if (c->resumed()) {
            ++stats_.tls_resumptions;
        }
    }
    co_return pooled_connection(*this, h, std::move(c), false, first);
}

void connection_pool::release(host& h, std::unique_ptr<connection> c, bool reusable,
                              bool first_of_origin) {
    // Keep the newest session: TLS 1.3 tickets arrive after the handshake, resumed connections
    // get fresh ones, and a ticket is meant to be used once. A connection's session that the
    // pool was given already is not given again (no reference and no allocation per request);
    // a newer one from another connection stays.
    auto s = c->new_session();
    const bool brought_session = s != nullptr;
    if (brought_session) {
        h.data.session = std::move(s);
    }
    state_.release(h, std::move(c), reusable, brought_session, first_of_origin, clock::now(),
                   effects_);
    apply_effects();
}

void connection_pool::shutdown() {
    state_.shutdown(effects_);
    apply_effects();
}

} // namespace glue_inventory::http
