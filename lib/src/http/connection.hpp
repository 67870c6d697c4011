// One HTTP/1.1 connection, over TLS (tls_stream: OpenSSL on a TCP socket) or plain TCP (for local
// emulators given as http:// endpoints). Thin I/O: connect, handshake, one round trip.
//
// Every step (connect, handshake, round trip) runs under one deadline, armed once for the step:
// when it passes, the socket is closed, which fails the pending operation with
// beast::error::timeout. (beast::tcp_stream re-arms its timer around every read of every TLS
// record: fifty timer operations for a 1 MB answer instead of one.)
//
// Executor and thread safety: every member function runs on the executor given to the
// constructor; a connection is used by one coroutine at a time.
#pragma once

#include "http/origin.hpp"
#include "http/response.hpp"
#include "http/tls_stream.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp> // beast::error::timeout: a step past its deadline
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp> // body_limit, header_limit...: an answer refused
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

namespace glue_inventory::http {

/// The bytes of a response header, at most (Beast's parser refuses a longer one).
inline constexpr std::size_t max_header_bytes = 8 * 1024;

class connection {
public:
    /// `tls_context` is used only when `o.tls`; it must outlive the connection.
    connection(const boost::asio::any_io_executor& ex, boost::asio::ssl::context& tls_context,
               origin o);
    ~connection();
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;

    /// TCP connect to one of `endpoints`, then (https) the TLS handshake with SNI, peer
    /// verification and host name verification; `resume` is offered for session resumption.
    boost::asio::awaitable<boost::system::error_code>
    connect(const boost::asio::ip::tcp::resolver::results_type& endpoints,
            std::chrono::milliseconds connect_timeout, std::chrono::milliseconds handshake_timeout,
            const tls_session& resume);

    /// Writes `request` (a whole HTTP/1.1 message: request_text.hpp) and reads the answer into
    /// `res`, all within `timeout`. A body with a Content-Length is read straight into
    /// res.body(); a chunked one goes through Beast's parser. A body larger than `body_limit`
    /// fails with beast::http::error::body_limit before any of it is read. `res` is cleared
    /// first and its storage reused; after a failure it holds whatever part of the answer came.
    boost::asio::awaitable<boost::system::error_code> round_trip(std::string_view request,
                                                                 response& res,
                                                                 std::size_t body_limit,
                                                                 std::chrono::milliseconds timeout);

    /// Whether the last round trip received any byte of its answer.
    bool got_some() const { return got_some_; }
    /// Whether the connection can carry another request: the last answer said keep-alive and
    /// ended exactly where its length said.
    bool reusable() const { return reusable_; }

    /// The TLS session, for the next connection to resume; null for plain TCP, or when it cannot
    /// be resumed (no ticket has arrived).
    tls_session session();
    /// The session when it is resumable and differs from what new_session() returned last
    /// (tls_stream::new_session); null otherwise, and for plain TCP.
    tls_session new_session();
    /// True when the last TLS handshake resumed a session.
    bool resumed();

    /// Closes the socket; pending operations complete with operation_aborted.
    void close();

    const origin& target() const { return origin_; }
    /// connect() got past TCP: a failure it returned was the TLS handshake's.
    bool tcp_connected() const { return tcp_connected_; }

private:
    template <class Stream>
    boost::asio::awaitable<boost::system::error_code>
    exchange(Stream& stream, std::string_view request, response& res, std::size_t body_limit,
             std::chrono::milliseconds timeout);

    boost::asio::ip::tcp::socket& socket();
    // The deadline of the step in progress.
    void arm(std::chrono::milliseconds timeout);
    /// Ends the step; returns `ec`, or beast::error::timeout when the deadline closed the socket.
    boost::system::error_code disarm(boost::system::error_code ec);

    origin origin_;
    std::optional<boost::asio::ip::tcp::socket> plain_;
    std::optional<tls_stream> tls_;
    boost::beast::flat_buffer buffer_; // the header, and whatever arrived with it
    boost::asio::steady_timer timer_;
    // The timer's handler may run after the connection is gone: it holds this weakly.
    std::shared_ptr<connection*> self_;
    std::uint64_t step_ = 0;
    bool expired_ = false;
    bool got_some_ = false;
    bool reusable_ = false;
    bool tcp_connected_ = false;
};

} // namespace glue_inventory::http
