// OpenSSL's transport for tls_stream: a BIO on an Asio TCP socket's descriptor (recv, send, as
// BIO_s_socket does) that reads the socket only when tls_stream allows it, so that after the
// handshake every read of the socket happens inside Asio's reactor (drain_aware_read.hpp),
// whose bookkeeping then stays right: a read after a request is queued for epoll with no recv
// that finds nothing and no EPOLL_CTL_MOD.
//
// Reads: a recv into OpenSSL's own buffer (no copy) when one of these holds, a retry
// (SSL_ERROR_WANT_READ: tls_stream reads through the reactor) otherwise:
// - `direct`: the handshake (which awaits readiness with async_wait as before: it is rare);
// - `in_reactor`: during tls_stream's read attempt inside the reactor operation; the BIO notes
//   whether a recv came back short or at the end of stream (`drained`: the reactor is told);
// - `probe`: after such a read, while the answer is read on: when it drained the socket, a FIN
//   queued behind those bytes raised no edge of its own, and only a recv finds it
//   (drain_aware_read.hpp); when it did not, more bytes are likely there. It stops at the
//   first EAGAIN.
// The peer's FIN (recv 0) sets BIO_FLAGS_IN_EOF: OpenSSL tells close_notify from truncation
// with it.
//
// Writes: send with MSG_NOSIGNAL (BIO_s_socket writes with write(2), which raises SIGPIPE when
// the peer has reset the connection, and a library cannot assume its embedder ignores SIGPIPE;
// Asio's own sends use MSG_NOSIGNAL for the same reason). The descriptor is read from the socket
// at every call, not kept: when a deadline closes the socket (connection::arm), a later call
// fails with EBADF instead of reaching whatever socket reuses the number.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <cstddef>

typedef struct bio_st BIO; // NOLINT(modernize-use-using): as OpenSSL has it

namespace glue_inventory::http {

/// When the BIO may read the socket, and what its reads found (see above).
struct bio_input {
    explicit bio_input(boost::asio::ip::tcp::socket& s) : socket(&s) {}

    boost::asio::ip::tcp::socket* socket;
    bool direct = true;      // the handshake
    bool in_reactor = false; // tls_stream's attempt inside the reactor operation
    bool probe = false;      // after a read inside the reactor, until EAGAIN
    bool drained = false;    // a recv came back short or at the end of stream (set, not cleared)
    std::size_t recvs = 0;   // the BIO's recv calls, for tests
};

/// A new BIO on `input`, which must outlive it; null when OpenSSL cannot allocate one.
BIO* new_socket_bio(bio_input& input);

} // namespace glue_inventory::http
