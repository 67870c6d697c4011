// Connections kept open and reused, per origin (scheme, host, port): the I/O around pool_state
// (pool_state.hpp holds the rules: limits, waiting order, idle reuse and TTL, eviction, the TLS
// session gate). The driver resolves host names (answers cached per host for dns_ttl), connects,
// offers each origin's newest TLS session for resumption, waits and closes.
//
// A caller gets a pooled_connection, a lease: destroying it gives the connection back, parked
// for reuse when its last answer allows it, closed when it does not or when discard() was called.
//
// Executor and thread safety: every member function, and every lease's destructor, must run on
// the pool's executor (a strand when the io_context runs on several threads); not thread-safe.
// Cancellation: acquire() honours the awaiting coroutine's cancellation slot while it waits or
// connects, and then fails with errc::cancelled.
// Object lifetimes: the pool must outlive its leases.
#pragma once

#include "http/connection.hpp"
#include "http/origin.hpp"
#include "http/pool_state.hpp"
#include "http/wait_queue.hpp"

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <glue_inventory/http_options.hpp>
#include <memory>
#include <string>

namespace glue_inventory::http {

/// Counters, written on the pool's executor and readable from any thread.
struct pool_stats {
    std::atomic<std::uint64_t> connections_opened{0};
    std::atomic<std::uint64_t> tls_handshakes{0};
    std::atomic<std::uint64_t> tls_resumptions{0};
    std::atomic<std::uint64_t> reuses{0};
    std::atomic<std::uint64_t> dns_lookups{0};
};

class connection_pool;

namespace pool_detail {
/// What the driver keeps per origin beside pool_state's counts.
struct host_io {
    wait_queue waiters;         // callers waiting for a connection of this origin
    wait_queue session_waiters; // connections waiting for the origin's first session
    tls_session session;        // the newest session, offered to new connections
    boost::asio::ip::tcp::resolver::results_type dns;
    std::chrono::steady_clock::time_point dns_expiry{};
};
using state = pool_state<std::unique_ptr<connection>, host_io>;
} // namespace pool_detail

/// A connection lent by the pool. Move-only; its destructor gives the connection back.
class pooled_connection {
public:
    pooled_connection() = default;
    pooled_connection(pooled_connection&& other) noexcept;
    pooled_connection& operator=(pooled_connection&& other) noexcept;
    ~pooled_connection();

    explicit operator bool() const { return conn_ != nullptr; }
    connection& operator*() const { return *conn_; }
    connection* operator->() const { return conn_.get(); }

    /// Whether it had served a request before this lease (it may have gone stale while idle).
    bool reused() const { return reused_; }
    /// Closes the connection when it comes back instead of parking it (after a failure).
    void discard() { discard_ = true; }

private:
    friend class connection_pool;
    pooled_connection(connection_pool& pool, pool_detail::state::host& h,
                      std::unique_ptr<connection> c, bool reused, bool first_of_origin)
        : pool_(&pool), host_(&h), conn_(std::move(c)), reused_(reused),
          first_of_origin_(first_of_origin) {}
    void give_back();

    connection_pool* pool_ = nullptr;
    pool_detail::state::host* host_ = nullptr;
    std::unique_ptr<connection> conn_;
    bool reused_ = false;
    bool first_of_origin_ = false; // its first answer brings the session others wait for
    bool discard_ = false;
};

class connection_pool {
public:
    connection_pool(boost::asio::any_io_executor ex, http_options options,
                    std::shared_ptr<boost::asio::ssl::context> tls_context);
    ~connection_pool();
    connection_pool(const connection_pool&) = delete;
    connection_pool& operator=(const connection_pool&) = delete;

    /// A connected connection to `o`: an idle one, or a new one once the limits allow it.
    /// On failure the lease is empty and `what` explains it (host, port, and the failing step).
    boost::asio::awaitable<pooled_connection>
    acquire(const origin& o, boost::system::error_code& ec, std::string& what);

    /// What the pool decided for a caller of `o`.
    using decision = pool_detail::state::decision;
    /// acquire() in two halves, so that the usual case costs no coroutine: an idle connection
    /// to `o` at once, or an empty lease and in `d` what the pool decided instead, which
    /// acquire_after() then carries out (waits, opens, fails).
    pooled_connection try_acquire(const origin& o, decision& d);
    boost::asio::awaitable<pooled_connection>
    acquire_after(const origin& o, decision d, boost::system::error_code& ec, std::string& what);

    /// Closes every idle connection and fails every waiter with errc::cancelled; connections
    /// in use are closed as they come back.
    void shutdown();

    const pool_stats& stats() const { return stats_; }
    const http_options& options() const { return options_; }

private:
    friend class pooled_connection;
    using host = pool_detail::state::host;

    void release(host& h, std::unique_ptr<connection> c, bool reusable, bool first_of_origin);
    /// Does what the state asked for: closes connections, wakes waiters.
    void apply_effects();
    boost::asio::awaitable<bool> wait_for_session(host& h);
    boost::asio::awaitable<pooled_connection>
    open(const origin& o, host& h, bool first, boost::system::error_code& ec, std::string& what);

    boost::asio::any_io_executor executor_;
    http_options options_;
    std::shared_ptr<boost::asio::ssl::context> tls_context_;
    boost::asio::ip::tcp::resolver resolver_;
    pool_detail::state state_;
    pool_detail::state::effects effects_; // reused by every operation: applied before it returns
    wait_queue global_waiters_;           // callers blocked by max_connections
    pool_stats stats_;
};

} // namespace glue_inventory::http
