#include "http/connection_pool.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <glue_inventory/error.hpp>

namespace glue_inventory::http {
namespace asio = boost::asio;
using boost::system::error_code;
using clock = std::chrono::steady_clock;

namespace {
constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);
}

connection_pool::connection_pool(asio::any_io_executor ex, http_options options,
                                 std::shared_ptr<asio::ssl::context> tls_context)
    : executor_(ex), options_(std::move(options)), tls_context_(std::move(tls_context)),
      resolver_(ex) {}

connection_pool::~connection_pool() {
    shutdown();
}

std::unique_ptr<connection> connection_pool::take_idle(host_state& h) {
    const auto now = clock::now();
    while (!h.idle.empty()) {
        auto c = std::move(h.idle.back());
        h.idle.pop_back();
        if (now - c->idle_since < options_.idle_ttl) {
            return c;
        }
        c->close();
        forget(h);
    }
    return nullptr;
}

bool connection_pool::evict_one_idle_elsewhere(const host_state& keep) {
    // Under the global limit, an idle connection to another host is worth less than a
    // waiting caller: close the oldest one found.
    for (auto& [o, h] : hosts_) {
        if (&h == &keep || h.idle.empty()) {
            continue;
        }
        h.idle.front()->close();
        h.idle.erase(h.idle.begin());
        forget(h);
        return true;
    }
    return false;
}

void connection_pool::forget(host_state& h) {
    --h.open;
    --open_total_;
    if (!h.waiters.empty()) {
        wake_one(h);
    } else if (!global_waiters_.empty()) {
        auto w = std::move(global_waiters_.front());
        global_waiters_.pop_front();
        w->woken = true;
        w->timer.cancel();
    }
}

void connection_pool::wake_one(host_state& h) {
    if (h.waiters.empty()) {
        return;
    }
    auto w = std::move(h.waiters.front());
    h.waiters.pop_front();
    w->woken = true;
    w->timer.cancel();
}

asio::awaitable<std::unique_ptr<connection>>
connection_pool::acquire(const origin& o, error_code& ec, std::string& what) {
    ec = {};
    for (;;) {
        if (shut_down_) {
            ec = errc::cancelled;
            what = "the connection pool is shut down";
            co_return nullptr;
        }
        host_state& h = hosts_[o];
        if (auto c = take_idle(h)) {
            ++stats_.reuses;
            c->reused = true;
            co_return c;
        }
        const bool host_room = h.open < options_.max_connections_per_host;
        bool global_room = open_total_ < options_.max_connections;
        if (host_room && !global_room && evict_one_idle_elsewhere(h)) {
            global_room = true;
        }
        if (host_room && global_room) {
            co_return co_await open(o, h, ec, what);
        }
        // Wait for a connection of this host to come back (or close), or for any slot.
        auto w = std::make_shared<waiter>(executor_);
        w->timer.expires_at(clock::time_point::max());
        (host_room ? global_waiters_ : h.waiters).push_back(w);
        // Woken or cancelled, the timer completes with operation_aborted; `woken` tells which.
        (void)co_await w->timer.async_wait(nothrow);
        if (!w->woken) {
            // Cancelled by the caller: leave the queue.
            std::erase(h.waiters, w);
            std::erase(global_waiters_, w);
            ec = errc::cancelled;
            what = "cancelled while waiting for a connection to " + o.host;
            co_return nullptr;
        }
    }
}

void connection_pool::wake_all(std::deque<std::shared_ptr<waiter>>& queue) {
    for (auto& w : queue) {
        w->woken = true;
        w->timer.cancel();
    }
    queue.clear();
}

void connection_pool::first_exchange_over(host_state& h) {
    h.first_exchange = false;
    wake_all(h.session_waiters);
}

asio::awaitable<bool> connection_pool::wait_for_session(host_state& h) {
    auto w = std::make_shared<waiter>(executor_);
    w->timer.expires_after(options_.session_wait);
    h.session_waiters.push_back(w);
    // Woken, the wait ends with operation_aborted and `woken`; timed out, with success; the
    // caller's cancellation, with operation_aborted alone.
    auto waited = co_await w->timer.async_wait(nothrow);
    std::erase(h.session_waiters, w);
    co_return w->woken || !std::get<0>(waited);
}

asio::awaitable<std::unique_ptr<connection>>
connection_pool::open(const origin& o, host_state& h, error_code& ec, std::string& what) {
    // Count the connection before the first suspension so that concurrent callers see it.
    ++h.open;
    ++open_total_;
    if (o.tls && h.session == nullptr && h.first_exchange && options_.session_wait.count() > 0) {
        const bool waited = co_await wait_for_session(h);
        if (!waited || shut_down_) {
            forget(h);
            ec = errc::cancelled;
            what = "cancelled while waiting for a TLS session of " + o.host;
            co_return nullptr;
        }
    }
    const bool first = o.tls && h.session == nullptr && !h.first_exchange;
    if (first) {
        h.first_exchange = true;
    }
    const auto port = std::to_string(o.port);
    if (h.dns.empty() || clock::now() >= h.dns_expiry) {
        ++stats_.dns_lookups;
        auto result_rec_results = co_await resolver_.async_resolve(o.host, port, nothrow);
        auto& [rec, results] = result_rec_results;
        if (rec) {
            if (first) {
                first_exchange_over(h);
            }
            forget(h);
            ec = rec;
            what = "cannot resolve " + o.host + ": " + rec.message();
            co_return nullptr;
        }
        // `h` is still valid: references to unordered_map elements survive rehashing.
        h.dns = std::move(results);
        h.dns_expiry = clock::now() + options_.dns_ttl;
    }
    auto c = std::make_unique<connection>(executor_, *tls_context_, o);
    const auto cec = co_await c->connect(h.dns, options_.connect_timeout,
                                         options_.tls_handshake_timeout, h.session);
    if (cec) {
        if (first) {
            first_exchange_over(h);
        }
        forget(h);
        ec = cec; // kept as is: the caller tells a timeout or a refused certificate from the rest
        what = "cannot connect to " + o.host + ":" + port + ": " + cec.message();
        co_return nullptr;
    }
    c->first_of_origin = first;
    ++stats_.connections_opened;
    if (o.tls) {
        ++stats_.tls_handshakes;
        if (c->resumed()) {
            ++stats_.tls_resumptions;
        }
    }
    co_return c;
}

void connection_pool::release(std::unique_ptr<connection> c, bool reusable) {
    if (!c) {
        return;
    }
    host_state& h = hosts_[c->target()];
    // Keep the newest session: TLS 1.3 tickets arrive after the handshake, resumed connections
    // get fresh ones, and a ticket is meant to be used once.
    if (auto s = c->session()) {
        h.session = std::move(s);
    }
    if (c->first_of_origin) {
        // Its first answer is in (or it failed): the connections waiting for its session go.
        c->first_of_origin = false;
        first_exchange_over(h);
    }
    // A caller waiting for a free slot under the global limit needs this connection's slot
    // more than this host needs an idle connection nobody waits for.
    const bool slot_wanted_elsewhere = h.waiters.empty() && !global_waiters_.empty();
    if (!reusable || shut_down_ || slot_wanted_elsewhere) {
        c->close();
        forget(h);
        return;
    }
    c->idle_since = clock::now();
    h.idle.push_back(std::move(c));
    wake_one(h);
}

void connection_pool::shutdown() {
    shut_down_ = true;
    for (auto& [o, h] : hosts_) {
        for (auto& c : h.idle) {
            c->close();
        }
        open_total_ -= h.idle.size();
        h.open -= h.idle.size();
        h.idle.clear();
        wake_all(h.waiters); // woken to find the pool shut down
        first_exchange_over(h);
    }
    wake_all(global_waiters_);
}

} // namespace glue_inventory::http
