// One HTTP/1.1 connection, over TLS (asio::ssl::stream<beast::tcp_stream>) or plain TCP (for
// local emulators given as http:// endpoints). Thin I/O: connect, handshake, one round trip.
// Every step runs under its own deadline (beast::tcp_stream::expires_after).
#pragma once

#include "http/origin.hpp"
#include "http/padded_body.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <memory>
#include <optional>

typedef struct ssl_session_st SSL_SESSION;

namespace glue_inventory::http {

using request = boost::beast::http::request<boost::beast::http::string_body>;
using response_parser = boost::beast::http::response_parser<padded_body>;
using response = boost::beast::http::response<padded_body>;

/// An owned SSL_SESSION, offered again to resume TLS on a new connection to the same origin.
using tls_session = std::shared_ptr<SSL_SESSION>;

class connection {
public:
    /// `tls_context` is used only when `o.tls`; it must outlive the connection.
    connection(boost::asio::any_io_executor ex, boost::asio::ssl::context& tls_context, origin o);

    /// TCP connect to one of `endpoints`, then (https) the TLS handshake with SNI, peer
    /// verification and host name verification; `resume` is offered for session resumption.
    boost::asio::awaitable<boost::system::error_code>
    connect(const boost::asio::ip::tcp::resolver::results_type& endpoints,
            std::chrono::milliseconds connect_timeout, std::chrono::milliseconds handshake_timeout,
            const tls_session& resume);

    /// Writes `req` and reads the response into `parser`, all within `timeout`.
    boost::asio::awaitable<boost::system::error_code>
    round_trip(request& req, response_parser& parser, std::chrono::milliseconds timeout);

    /// The TLS session, for the next connection to resume; null for plain TCP.
    tls_session session();
    /// True when the last TLS handshake resumed a session.
    bool resumed();

    /// Closes the socket; pending operations complete with operation_aborted.
    void close();

    const origin& target() const { return origin_; }

    /// Set by the pool: when the connection went idle, and whether it has served a request.
    std::chrono::steady_clock::time_point idle_since{};
    bool reused = false;

private:
    boost::beast::tcp_stream& tcp();

    origin origin_;
    std::optional<boost::beast::tcp_stream> plain_;
    std::optional<boost::asio::ssl::stream<boost::beast::tcp_stream>> tls_;
    boost::beast::flat_buffer buffer_;
};

} // namespace glue_inventory::http
