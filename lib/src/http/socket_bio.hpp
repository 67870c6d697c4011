// OpenSSL's transport for tls_stream: a BIO that writes to an Asio TCP socket's descriptor
// directly (send) and reads the ciphertext tls_stream has received into its staging buffer
// (bio_input), filled through Asio's reactor (drain_aware_receive.hpp) so that every read of the
// socket after the handshake goes through the reactor's bookkeeping: a receive after a request
// is queued for epoll with no recv that finds nothing and no EPOLL_CTL_MOD.
//
// Reads: staged bytes first; when none are left, a retry (SSL_ERROR_WANT_READ: tls_stream
// receives more), except in two cases where the BIO calls recv itself, into OpenSSL's buffer:
// - `direct` (the handshake, which awaits readiness with async_wait as before: it is rare);
// - `probe`: once the staging is empty after a receive that drained the socket (a short recv),
//   while an answer is being read: a FIN queued behind those bytes raised no edge of its own,
//   and only a recv finds it (drain_aware_receive.hpp). It stops at the first EAGAIN.
// After the peer's FIN (`eof`) and once the staged bytes are read, the BIO reports the end of
// the stream (BIO_FLAGS_IN_EOF): OpenSSL tells close_notify from truncation with it.
//
// Writes: send with MSG_NOSIGNAL (BIO_s_socket writes with write(2), which raises SIGPIPE when
// the peer has reset the connection, and a library cannot assume its embedder ignores SIGPIPE;
// Asio's own sends use MSG_NOSIGNAL for the same reason). The descriptor is read from the socket
// at every call, not kept: when a deadline closes the socket (connection::arm), a later call
// fails with EBADF instead of reaching whatever socket reuses the number.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <cstddef>
#include <memory>

typedef struct bio_st BIO; // NOLINT(modernize-use-using): as OpenSSL has it

namespace glue_inventory::http {

/// The most one receive takes from the socket (tls_stream's staging buffer), by default: about
/// one TLS record with its header and overhead (16,384 bytes of plaintext), what OpenSSL's
/// read-ahead asks of its BIO at a time (and what Asio's SSL stream received at a time).
inline constexpr std::size_t default_tls_receive_bytes = 17 * 1024;

/// What the BIO reads: the ciphertext received and not yet handed to OpenSSL, [begin, end) of
/// `bytes`, and how it may reach the socket itself.
struct bio_input {
    explicit bio_input(boost::asio::ip::tcp::socket& s,
                       std::size_t capacity_bytes = default_tls_receive_bytes)
        : socket(&s), capacity(capacity_bytes == 0 ? 1 : capacity_bytes),
          bytes(std::make_unique<char[]>(capacity)) {}

    boost::asio::ip::tcp::socket* socket;
    std::size_t capacity;
    std::unique_ptr<char[]> bytes;
    std::size_t begin = 0;
    std::size_t end = 0;
    bool eof = false;      // the peer's FIN came after the staged bytes
    bool direct = true;    // recv whenever nothing is staged (the handshake)
    bool probe = false;    // recv while it finds bytes once nothing is staged (see above)
    std::size_t recvs = 0; // the BIO's own recv calls (direct and probe), for tests

    std::size_t staged() const { return end - begin; }
    /// Where a receive writes: the whole buffer (the staging is empty when tls_stream receives).
    char* space() { return bytes.get(); }
    /// `n` bytes received into space().
    void filled(std::size_t n) {
        begin = 0;
        end = n;
    }
};

/// A new BIO on `input`, which must outlive it; null when OpenSSL cannot allocate one.
BIO* new_socket_bio(bio_input& input);

} // namespace glue_inventory::http
