// Connections kept open and reused, per origin (scheme, host, port).
//
// - At most http_options::max_connections_per_host per origin and max_connections in all;
//   callers beyond either limit wait in a FIFO queue (never an error).
// - Idle connections are reused last-in first-out (the warmest first); one idle longer than
//   idle_ttl is closed instead.
// - DNS answers are cached per host for dns_ttl; TLS sessions are kept per origin and offered
//   to new connections (resumption skips most of a handshake). While an origin's first
//   connection is on its first exchange, the connections opened beside it wait (at most
//   session_wait) for the session it brings, so that a burst of connections resumes one.
//
// Executor and thread safety: every member function must be called from the pool's executor
// (a strand when the io_context runs on several threads); it is not thread-safe.
// Cancellation: acquire() honours the awaiting coroutine's cancellation slot while it waits or
// connects, and then fails with errc::cancelled.
#pragma once

#include "http/connection.hpp"
#include "http/origin.hpp"

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <deque>
#include <glue_inventory/http_options.hpp>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace glue_inventory::http {

/// Counters, written on the pool's executor and readable from any thread.
struct pool_stats {
    std::atomic<std::uint64_t> connections_opened{0};
    std::atomic<std::uint64_t> tls_handshakes{0};
    std::atomic<std::uint64_t> tls_resumptions{0};
    std::atomic<std::uint64_t> reuses{0};
    std::atomic<std::uint64_t> dns_lookups{0};
};

class connection_pool {
public:
    connection_pool(boost::asio::any_io_executor ex, http_options options,
                    std::shared_ptr<boost::asio::ssl::context> tls_context);
    ~connection_pool();
    connection_pool(const connection_pool&) = delete;
    connection_pool& operator=(const connection_pool&) = delete;

    /// A connected connection to `o`: an idle one, or a new one once the limits allow it.
    /// On failure `what` explains it (host, port, and the failing step).
    boost::asio::awaitable<std::unique_ptr<connection>>
    acquire(const origin& o, boost::system::error_code& ec, std::string& what);

    /// Gives a connection back: parked for reuse when `reusable`, closed otherwise. Wakes one
    /// waiter either way.
    void release(std::unique_ptr<connection> c, bool reusable);

    /// Closes every idle connection and fails every waiter with errc::cancelled; connections
    /// in use are closed as they come back.
    void shutdown();

    const pool_stats& stats() const { return stats_; }
    const http_options& options() const { return options_; }

private:
    struct waiter {
        explicit waiter(const boost::asio::any_io_executor& ex) : timer(ex) {}
        boost::asio::steady_timer timer;
        bool woken = false;
    };
    struct host_state {
        std::vector<std::unique_ptr<connection>> idle; // back = most recently parked
        std::size_t open = 0;                          // idle + in use
        std::deque<std::shared_ptr<waiter>> waiters;
        tls_session session;
        bool first_exchange = false; // the first connection has not brought a session yet
        std::deque<std::shared_ptr<waiter>> session_waiters;
        boost::asio::ip::tcp::resolver::results_type dns;
        std::chrono::steady_clock::time_point dns_expiry{};
    };

    std::unique_ptr<connection> take_idle(host_state& h);
    bool evict_one_idle_elsewhere(const host_state& keep);
    void forget(host_state& h); // one connection of h closed for good
    void wake_one(host_state& h);
    static void wake_all(std::deque<std::shared_ptr<waiter>>& queue);
    void first_exchange_over(host_state& h);
    boost::asio::awaitable<bool> wait_for_session(host_state& h);
    boost::asio::awaitable<std::unique_ptr<connection>>
    open(const origin& o, host_state& h, boost::system::error_code& ec, std::string& what);

    boost::asio::any_io_executor executor_;
    http_options options_;
    std::shared_ptr<boost::asio::ssl::context> tls_context_;
    boost::asio::ip::tcp::resolver resolver_;
    std::unordered_map<origin, host_state, origin_hash> hosts_;
    std::deque<std::shared_ptr<waiter>> global_waiters_; // blocked by max_connections
    std::size_t open_total_ = 0;
    bool shut_down_ = false;
    pool_stats stats_;
};

} // namespace glue_inventory::http
