// OpenSSL's transport for tls_stream: a BIO that reads and writes the descriptor of an Asio TCP
// socket directly (recv, send), as BIO_s_socket does, with two differences:
// - send with MSG_NOSIGNAL: BIO_s_socket writes with write(2), which raises SIGPIPE when the
//   peer has reset the connection, and a library cannot assume its embedder ignores SIGPIPE;
//   Asio's own sends use MSG_NOSIGNAL for the same reason.
// - the descriptor is read from the socket at every call, not kept: when a deadline closes the
//   socket (connection::arm), a later call fails with EBADF instead of reaching whatever socket
//   reuses the number.
#pragma once

#include <boost/asio/ip/tcp.hpp>

typedef struct bio_st BIO; // NOLINT(modernize-use-using): as OpenSSL has it

namespace glue_inventory::http {

/// A new BIO on `socket`, which must outlive it; null when OpenSSL cannot allocate one.
BIO* new_socket_bio(boost::asio::ip::tcp::socket& socket);

} // namespace glue_inventory::http
