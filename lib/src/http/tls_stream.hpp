// A TLS client stream: an OpenSSL SSL object on an Asio TCP socket, driven by a small loop: call
// SSL_connect / SSL_read_ex / SSL_write_ex; when OpenSSL wants bytes or the socket writable,
// receive through Asio's reactor or await writability, and call again. It replaces
// asio::ssl::stream, whose engine feeds OpenSSL through a BIO pair (every record copied
// socket -> Asio buffer -> BIO -> SSL and back), clears OpenSSL's error queue before every call,
// and makes every read and write a composed operation.
//
// OpenSSL's transport is socket_bio: writes go straight to the socket (send); reads come from a
// staging buffer the stream owns (bio_input, default_tls_receive_bytes), which the stream fills
// with one receive through Asio's epoll reactor (drain_aware_receive.hpp). An answer that has
// arrived is one recv, copied once into OpenSSL's read-ahead buffer, its records decrypted from
// there; and an answer costs three system calls (send, epoll_wait, recv): the receive after a
// request is queued for epoll with no recv that finds nothing (the reactor knows the last recv
// drained the socket) and no EPOLL_CTL_MOD (which async_wait makes for every wait).
//
// No TLS shutdown: a connection ends by closing its socket (connection::close), as before.
//
// Executor and thread safety: the operations run on the socket's executor; one coroutine uses
// a stream at a time. Cancellation: a pending operation ends with operation_aborted when the
// awaiting coroutine's cancellation slot fires or the socket is closed (connection's deadline);
// the stream cannot be used after that.
#pragma once

#include "http/drain_aware_receive.hpp"
#include "http/socket_bio.hpp"
#include "http/tls_outcome.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/system/error_code.hpp>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>

typedef struct ssl_st SSL;                 // NOLINT(modernize-use-using): as OpenSSL has it
typedef struct ssl_ctx_st SSL_CTX;         // NOLINT(modernize-use-using)
typedef struct ssl_session_st SSL_SESSION; // NOLINT(modernize-use-using)

namespace glue_inventory::http {

/// An owned SSL_SESSION, offered again to resume TLS on a new connection to the same origin.
using tls_session = std::shared_ptr<SSL_SESSION>;

class tls_stream {
public:
    /// A new SSL from `context` (which must outlive the stream) on a closed socket; a receive
    /// takes at most `receive_bytes` (default_tls_receive_bytes) from the socket.
    /// Throws std::bad_alloc when OpenSSL cannot allocate one.
    tls_stream(const boost::asio::any_io_executor& ex, SSL_CTX* context,
               std::size_t receive_bytes = default_tls_receive_bytes);
    ~tls_stream();
    tls_stream(const tls_stream&) = delete;
    tls_stream& operator=(const tls_stream&) = delete;

    /// The TCP socket: connect it before the handshake.
    boost::asio::ip::tcp::socket& next_layer() { return socket_; }
    SSL* native_handle() { return ssl_; }

    /// The client handshake on the connected socket: SNI with `host` (unless an IP literal),
    /// the peer's chain verified against the context's trust store and its certificate against
    /// `host` (a DNS name or an IP literal), `resume` (may be null) offered for resumption.
    boost::asio::awaitable<boost::system::error_code> handshake(const std::string& host,
                                                                const tls_session& resume);

    // Reads and writes are steps the caller drives, receiving or waiting in its own coroutine
    // in between (connection::exchange): an awaited read or write of the stream would cost a
    // coroutine frame each. The caller's loop, for a read or a write:
    //
    //     next = read ? before_read() : done
    //     loop: if next == wait_read: ec = received(co_await async_receive(...))
    //           if next == wait_write: ec = co_await next_layer().async_wait(wait_write)
    //           an error (operation_aborted: closed or cancelled; a reset) ends it
    //           outcome = try_read / try_write; done or fail ends it; else next = outcome.next
    //
    // After the handshake every read of the socket goes through Asio's reactor (async_receive),
    // or is a recv of the BIO's that the reactor does not need to know of (socket_bio's probe),
    // so the reactor's bookkeeping of the edge-triggered descriptor stays right: a readiness edge
    // that came while no receive was queued made it mark the descriptor for a recv at the next
    // receive (descriptor_state::perform_io sets try_speculative_), and a recv that drained the
    // socket (a short one) made it skip that recv (drain_aware_receive.hpp). A receive never
    // misses bytes: they are either in the socket, where the recv or the next edge finds them,
    // or already staged or in OpenSSL's buffer, where the stream looks first: wait_read comes
    // only from before_read() after checking both (SSL_has_pending and the staging), or from
    // SSL_ERROR_WANT_READ, which (auto retry; the BIO's retry only on an empty staging) means
    // OpenSSL has had every byte received.
    //
    // The handshake reads the socket itself (BIO direct mode) and awaits readiness with
    // async_wait, as writes do (one EPOLL_CTL_MOD per wait: a handshake and a full send buffer
    // are rare). Bytes OpenSSL reads ahead with its last handshake records (a session ticket)
    // stay in its buffer for the first read.

    /// What a read awaits before its first try_read: wait_read (receive) for the first read
    /// after a request (its answer cannot have come in the microseconds since the send, and
    /// trying first would cost an SSL_read_ex that finds nothing), unless OpenSSL or the staging
    /// already holds bytes (read ahead with the last answer, or received while the connection
    /// was idle); done otherwise.
    tls_next before_read();
    /// Receives into the staging buffer (no bytes may be staged), at least one byte; token
    /// signature void(error_code, std::size_t); see drain_aware_receive.hpp. Pass what it gave to
    /// received().
    template <class Token>
    auto async_receive(Token&& token) {
        return async_drain_aware_receive(
            socket_, *reactor_, boost::asio::mutable_buffer(input_.space(), input_.capacity),
            std::forward<Token>(token));
    }
    /// Stages what async_receive brought: none when the read may go on (bytes, or the end of
    /// the stream, which the next try_read reports as OpenSSL sees it: eof after close_notify,
    /// stream_truncated without); the receive's error otherwise (a reset; operation_aborted).
    boost::system::error_code received(boost::system::error_code ec, std::size_t n);
    /// One SSL_read_ex into `buffer` (at most one TLS record's bytes, at least one byte), without
    /// waiting: done with `n` set, wait_read (receive: OpenSSL has had every byte received) or
    /// wait_write (await writability), or a failure (asio::error::eof after the
    /// peer's close_notify; asio::ssl::error::stream_truncated when the peer closed without it).
    tls_outcome try_read(boost::asio::mutable_buffer buffer, std::size_t& n);
    /// One SSL_write_ex of `buffer` (at least one byte, at most one record's worth: partial
    /// writes on), without waiting, as try_read.
    tls_outcome try_write(boost::asio::const_buffer buffer, std::size_t& n);

    /// The session, for the next connection to resume; null when it cannot be resumed.
    tls_session session();
    /// The session when it is resumable and not the one this function returned last time
    /// (OpenSSL makes a new SSL_SESSION for every ticket that arrives); null otherwise. For a
    /// pool that keeps the newest session: after the first answers a connection brings no new
    /// ticket, and asking costs no allocation then.
    tls_session new_session();
    /// Whether the handshake resumed a session.
    bool resumed();

private:
    // One call of `call` (SSL_connect, SSL_read_ex or SSL_write_ex) and what its result means.
    template <class Call>
    tls_outcome step(Call call, std::size_t& n);

    reactor_socket socket_;
    boost::asio::detail::reactor* reactor_;
    // The ciphertext received and not yet read by OpenSSL; the BIO's view of the socket.
    bio_input input_;
    SSL* ssl_;
    // What new_session() returned last; held, so that its address cannot be reused by a newer
    // session while it is compared with the current one.
    tls_session given_;
    // A write since the last read: the next read awaits an answer that cannot be there yet.
    bool request_sent_ = false;
};

} // namespace glue_inventory::http
