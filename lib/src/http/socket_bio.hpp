// OpenSSL's transport for tls_stream: a BIO that reads the ciphertext tls_stream has received
// (`bio_transport`, filled by the socket's own async_read_some) and writes straight to the socket
// (send). Why not OpenSSL's socket BIO on the descriptor:
// - Receiving through Asio's read operation keeps its reactor's bookkeeping: a read of a socket
//   it knows drained goes straight to epoll without a recv that finds nothing, and a queued
//   read needs no EPOLL_CTL_MOD (async_wait makes one per wait: 4 system calls per W5 request
//   instead of base's ~3.5 when OpenSSL read the descriptor itself).
// - send with MSG_NOSIGNAL: BIO_s_socket writes with write(2), which raises SIGPIPE when the
//   peer has reset the connection, and a library cannot assume its embedder ignores SIGPIPE.
// - the descriptor is read from the socket at every send, not kept: when a deadline closes the
//   socket (connection::arm), a later call fails with EBADF instead of reaching whatever socket
//   reuses the number.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <cstddef>
#include <memory>

typedef struct bio_st BIO; // NOLINT(modernize-use-using): as OpenSSL has it

namespace glue_inventory::http {

/// What the BIO writes to (`socket`) and reads from: ciphertext received and not yet read by
/// OpenSSL, [begin, end) of `bytes`.
struct bio_transport {
    boost::asio::ip::tcp::socket* socket = nullptr;
    /// A TLS record at most (16 kB of plaintext and its overhead), as Asio's stream received:
    /// OpenSSL's read-ahead asks for as much.
    static constexpr std::size_t capacity = 17 * 1024;

    std::unique_ptr<char[]> bytes = std::make_unique<char[]>(capacity);
    std::size_t begin = 0;
    std::size_t end = 0;
    bool eof = false; // the peer's FIN has been received

    bool empty() const { return begin == end; }
};

/// A new BIO on `transport`, which must outlive it; null when OpenSSL cannot allocate one.
BIO* new_socket_bio(bio_transport& transport);

} // namespace glue_inventory::http
