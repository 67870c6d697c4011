// The I/O half of glue-sim: a TLS listener, one coroutine per connection, HTTP/1.1 keep-alive,
// latency and faults acted out with asynchronous timers (no thread ever sleeps).
#pragma once

#include "hostile_mode.hpp"
#include "simulator.hpp"

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <cstddef>
#include <exception>
#include <string>

namespace glue_sim {

struct server_options {
    std::string host = "127.0.0.1";
    unsigned short port = 0; // 0: an ephemeral port
    std::chrono::milliseconds latency{0};
    std::chrono::milliseconds jitter{0}; // uniform in [0, jitter], added to latency
    /// Largest request body accepted (requests here are tiny; this stops a hostile client).
    std::size_t body_limit = 1024 * 1024;
    /// Largest request header block.
    std::uint32_t header_limit = 64 * 1024;
    /// A connection idle (or stalled mid-request) this long is closed.
    std::chrono::seconds idle_timeout{60};
    /// Time allowed for the TLS handshake.
    std::chrono::seconds handshake_timeout{10};
    /// How late the "slow" fault answers: longer than any sane client timeout.
    std::chrono::seconds slow_answer_delay{30};
    /// Answers with Transfer-Encoding: chunked instead of a Content-Length (clients must read
    /// both).
    bool chunked = false;
    /// Added to this machine's clock for everything the simulator does with time (SigV4's
    /// 5-minute window, credential expiry, the Date header): a server whose clock differs from
    /// the client's (--clock-skew).
    std::chrono::seconds clock_skew{0};
    /// Misbehave on every connection instead of serving (--hostile; see hostile_mode.hpp).
    hostile_mode hostile = hostile_mode::none;
};

/// The live sessions of a listener (one coroutine per connection). Sessions are spawned with a
/// completion that reports here, not detached: each is counted from accept to its end, and an
/// exception that escapes one is reported instead of vanishing.
class session_count {
public:
    void opened();
    /// A session returned, or threw `e` (which is printed on stderr).
    void closed(const std::exception_ptr& e);
    std::size_t open() const { return open_; }

private:
    std::atomic<std::size_t> open_{0}; // sessions run on any of the io_context's threads
};

// Who owns the coroutines: the server. Its accept loop runs from start() until stop() closes
// the acceptor, and reports its end in accepting(); each connection's session is counted in
// sessions() until it returns. stop() does not wait for the open sessions: glue-sim stops on
// SIGTERM by stopping its io_context at once (a test server must not linger because a client
// keeps a connection alive), and the io_context's destruction then destroys what was left
// suspended. Both objects outlive io.run(), so no completion runs on a destroyed server.
class server {
public:
    server(boost::asio::io_context& io, boost::asio::ssl::context& tls, simulator& sim,
           server_options options);

    /// Binds and listens; port() is known after this returns. Throws on failure.
    void listen();
    unsigned short port() const { return port_; }
    /// Starts accepting (on the io_context's threads).
    void start();
    /// Stops accepting; open connections end at their next read.
    void stop();
    /// The accept loop is running (start() was called and it has not returned).
    bool accepting() const { return accepting_; }
    /// Connections being served.
    std::size_t sessions() const { return sessions_.open(); }

private:
    boost::asio::io_context& io_;
    boost::asio::ssl::context& tls_;
    simulator& sim_;
    server_options options_;
    boost::asio::ip::tcp::acceptor acceptor_;
    unsigned short port_ = 0;
    std::atomic<bool> accepting_{false};
    session_count sessions_;
};

} // namespace glue_sim
