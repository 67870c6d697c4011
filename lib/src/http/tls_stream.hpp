// A TLS client stream: an OpenSSL SSL object reading and writing the descriptor of an Asio TCP
// socket itself (socket_bio), driven by a small loop: call SSL_connect / SSL_read_ex /
// SSL_write_ex; when OpenSSL wants the socket readable or writable, await that readiness
// (socket.async_wait) and call again. It replaces asio::ssl::stream, whose engine feeds OpenSSL
// through a BIO pair (every record copied socket -> Asio buffer -> BIO -> SSL and back), clears
// OpenSSL's error queue before every call, and makes every read and write a composed operation.
// Here an answer that has arrived is one recv (read-ahead) and its records are decrypted from
// OpenSSL's own buffer.
//
// No TLS shutdown: a connection ends by closing its socket (connection::close), as before.
//
// Executor and thread safety: the operations run on the socket's executor; one coroutine uses
// a stream at a time. Cancellation: a pending operation ends with operation_aborted when the
// awaiting coroutine's cancellation slot fires or the socket is closed (connection's deadline);
// the stream cannot be used after that.
#pragma once

#include "http/tls_outcome.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/system/error_code.hpp>
#include <cstddef>
#include <memory>
#include <string>

typedef struct ssl_st SSL;                 // NOLINT(modernize-use-using): as OpenSSL has it
typedef struct ssl_ctx_st SSL_CTX;         // NOLINT(modernize-use-using)
typedef struct ssl_session_st SSL_SESSION; // NOLINT(modernize-use-using)

namespace glue_inventory::http {

/// An owned SSL_SESSION, offered again to resume TLS on a new connection to the same origin.
using tls_session = std::shared_ptr<SSL_SESSION>;

class tls_stream {
public:
    /// A new SSL from `context` (which must outlive the stream) on a closed socket.
    /// Throws std::bad_alloc when OpenSSL cannot allocate one.
    tls_stream(const boost::asio::any_io_executor& ex, SSL_CTX* context);
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

    // Reads and writes are steps the caller drives, awaiting the socket in between in its own
    // coroutine (connection::exchange): an awaited read or write of the stream would cost a
    // coroutine frame each. The caller's loop, for a read or a write:
    //
    //     next = read ? before_read() : done
    //     loop: if next != done: await next_layer().async_wait(wait_read or wait_write);
    //           an error (operation_aborted: closed or cancelled) ends it
    //           outcome = try_read / try_write; done or fail ends it; else next = outcome.next
    //
    // Waiting is safe whenever it comes. Asio's epoll reactor is edge-triggered: a readiness
    // edge that came while no operation was queued is consumed by epoll_wait with nothing to run
    // (descriptor_state::perform_io). But async_wait is a non-speculative operation, and
    // epoll_reactor::start_op re-registers the descriptor (EPOLL_CTL_MOD) before queueing one,
    // which makes the kernel check the readiness again and report it if it holds: bytes that
    // arrived before the wait end it at once. What a wait cannot see is what OpenSSL holds
    // already (decrypted, or read ahead): hence a wait only when a step has just said it needs
    // the socket (with auto retry, SSL_ERROR_WANT_READ means the socket had nothing more) or,
    // first, when before_read() has checked SSL_has_pending.

    /// What a read awaits before its first try_read: wait_read for the first read after a
    /// request (its answer cannot have come in the microseconds since the send, and trying
    /// first would cost a recv that finds nothing; Asio's reactor skips that recv the same way,
    /// knowing the socket drained), unless OpenSSL already holds bytes (read ahead with the last
    /// answer); done otherwise.
    tls_next before_read();
    /// One SSL_read_ex into `buffer` (at most one TLS record's bytes, at least one byte), without
    /// waiting: done with `n` set, a readiness to await, or a failure (asio::error::eof after the
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

    boost::asio::ip::tcp::socket socket_;
    SSL* ssl_;
    // What new_session() returned last; held, so that its address cannot be reused by a newer
    // session while it is compared with the current one.
    tls_session given_;
    // A write since the last read: the next read awaits an answer that cannot be there yet.
    bool request_sent_ = false;
};

} // namespace glue_inventory::http
