// The I/O half of glue-sim: a TLS listener, one coroutine per connection, HTTP/1.1 keep-alive,
// latency and faults acted out with asynchronous timers (no thread ever sleeps).
#pragma once

#include "simulator.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <cstddef>
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
};

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

private:
    boost::asio::io_context& io_;
    boost::asio::ssl::context& tls_;
    simulator& sim_;
    server_options options_;
    boost::asio::ip::tcp::acceptor acceptor_;
    unsigned short port_ = 0;
};

} // namespace glue_sim
