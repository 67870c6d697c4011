// A TLS client stream: an OpenSSL SSL object on an Asio TCP socket, driven by a small loop: call
// SSL_connect / SSL_read_ex / SSL_write_ex; when OpenSSL wants bytes or the socket writable,
// read inside Asio's reactor or await writability, and call again. It replaces
// asio::ssl::stream, whose engine feeds OpenSSL through a BIO pair (every record copied
// socket -> Asio buffer -> BIO -> SSL and back), clears OpenSSL's error queue before every call,
// and makes every read and write a composed operation.
//
// OpenSSL's transport is socket_bio, on the socket's descriptor: writes go straight to it
// (send); after the handshake it reads the socket only inside Asio's epoll reactor, where the
// read that OpenSSL cannot serve from its buffer runs (async_step: drain_aware_read.hpp).
// An answer that has arrived is one recv into OpenSSL's read-ahead buffer (no copy of ours),
// its records decrypted from there; and it costs three system calls (send, epoll_wait, recv):
// the read after a request is queued for epoll with no recv that finds nothing (the reactor
// knows the last recv drained the socket) and no EPOLL_CTL_MOD (which async_wait makes for
// every wait).
//
// No TLS shutdown: a connection ends by closing its socket (connection::close), as before.
//
// Executor and thread safety: the operations run on the socket's executor; one coroutine uses
// a stream at a time (async_step's SSL_read_ex runs inside the reactor, on whichever thread
// runs it, while that coroutine is suspended). Cancellation: a pending operation ends with
// operation_aborted when the awaiting coroutine's cancellation slot fires or the socket is closed
// (connection's deadline); the stream cannot be used after that.
#pragma once

#include "http/drain_aware_read.hpp"
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

    // Reads and writes are steps the caller drives in its own coroutine (connection::exchange):
    // an awaited read or write of the stream would cost a coroutine frame each. The caller's
    // loop, for a read or a write:
    //
    //     next = read ? before_read() : done
    //     loop: if next == wait_read: outcome = step_done(co_await async_step(...))
    //           else: if next == wait_write: ec = co_await next_layer().async_wait(wait_write)
    //                     (an error ends it)
    //                 outcome = try_read / try_write
    //           done or fail ends it (operation_aborted: closed or cancelled); else
    //           next = outcome.next
    //
    // After the handshake every read of the socket happens inside Asio's reactor (async_step),
    // or is a recv of the BIO's that the reactor does not need to know of (socket_bio's probe),
    // so the reactor's bookkeeping of the edge-triggered descriptor stays right: a readiness edge
    // that came while no read was queued made it mark the descriptor for a try at the next read
    // (descriptor_state::perform_io sets try_speculative_), and a recv that drained the socket
    // (a short one) made it skip that try (drain_aware_read.hpp). A read never misses bytes:
    // they are either in the socket, where the try or the next edge finds them, or already in
    // OpenSSL's buffer, which try_read reads without the socket: wait_read comes only from
    // before_read() after SSL_has_pending, or from SSL_ERROR_WANT_READ, which (auto retry; the
    // BIO's retry when it may not read the socket) means OpenSSL has nothing left to read.
    //
    // The handshake reads the socket itself (BIO direct mode) and awaits readiness with
    // async_wait, as writes do (one EPOLL_CTL_MOD per wait: a handshake and a full send buffer
    // are rare). Bytes OpenSSL reads ahead with its last handshake records (a session ticket)
    // stay in its buffer for the first read.

    /// What a read awaits before its first try_read: wait_read (receive) for the first read
    /// after a request (its answer cannot have come in the microseconds since the send, and
    /// trying first would cost an SSL_read_ex that finds nothing), unless OpenSSL already holds
    /// bytes (read ahead with the last answer); done otherwise.
    tls_next before_read();
    /// The step inside Asio's reactor: try_read into `into` (or, `writing`, try_write of `out`)
    /// with the BIO allowed to read the socket, run when the reactor would make its speculative
    /// recv (at once, unless it knows the socket drained) and at every readiness edge until it
    /// is done; see drain_aware_read.hpp. Token signature void(error_code, std::size_t): pass
    /// the error_code to step_done(), which says what the step came to; n as try_read's.
    template <class Token>
    auto async_step(bool writing, boost::asio::const_buffer out, boost::asio::mutable_buffer into,
                    Token&& token) {
        step_writing_ = writing;
        step_out_ = out;
        step_into_ = into;
        return async_drain_aware_read(socket_, *reactor_, &tls_stream::step_in_reactor, this,
                                      std::forward<Token>(token));
    }
    /// What async_step's completion means: done, wait_write (then try again), or fail.
    tls_outcome step_done(boost::system::error_code ec);
    /// One SSL_read_ex into `buffer` (at most one TLS record's bytes, at least one byte), without
    /// reading the socket (but for socket_bio's probe): done with `n` set, wait_read (async_step:
    /// OpenSSL has nothing left to read) or wait_write (await writability), or a failure
    /// (asio::error::eof after the peer's close_notify; asio::ssl::error::stream_truncated when the
    /// peer closed without it).
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
    // async_step's attempt, in the reactor.
    static read_status step_in_reactor(void* self, boost::system::error_code& ec, std::size_t& n);

    reactor_socket socket_;
    boost::asio::detail::reactor* reactor_;
    // When the BIO may read the socket, and what it found.
    bio_input input_;
    SSL* ssl_;
    // What new_session() returned last; held, so that its address cannot be reused by a newer
    // session while it is compared with the current one.
    tls_session given_;
    // A write since the last read: the next read awaits an answer that cannot be there yet.
    bool request_sent_ = false;
    // async_step's step, and whether it ended wanting the socket writable.
    bool step_writing_ = false;
    boost::asio::const_buffer step_out_;
    boost::asio::mutable_buffer step_into_;
    bool step_wants_write_ = false;
};

} // namespace glue_inventory::http
