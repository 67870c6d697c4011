#include "http/socket_bio.hpp"

#include <cerrno>
#include <openssl/bio.h>
#include <sys/socket.h>

namespace glue_inventory::http {

namespace {

bio_input& input_of(BIO* bio) {
    return *static_cast<bio_input*>(BIO_get_data(bio));
}

bool would_block(int error) {
    // (EWOULDBLOCK is EAGAIN on Linux; both named for systems where they differ.)
    return error == EAGAIN || (EWOULDBLOCK != EAGAIN && error == EWOULDBLOCK) || error == EINTR;
}

int socket_write(BIO* bio, const char* data, std::size_t size, std::size_t* written) {
    BIO_clear_retry_flags(bio);
    const ssize_t sent = ::send(input_of(bio).socket->native_handle(), data, size, MSG_NOSIGNAL);
    if (sent >= 0) {
        *written = static_cast<std::size_t>(sent);
        return 1;
    }
    if (would_block(errno)) {
        BIO_set_retry_write(bio);
    }
    return 0;
}

int socket_read(BIO* bio, char* data, std::size_t size, std::size_t* read) {
    BIO_clear_retry_flags(bio);
    bio_input& in = input_of(bio);
    if (!(in.direct || in.in_reactor || in.probe)) {
        BIO_set_retry_read(bio); // tls_stream reads through the reactor, then calls OpenSSL again
        return 0;
    }
    ++in.recvs;
    const ssize_t got = ::recv(in.socket->native_handle(), data, size, 0);
    if (got > 0) {
        *read = static_cast<std::size_t>(got);
        if (*read < size) {
            in.drained = true; // the socket's queue ran out
        }
        return 1;
    }
    if (got == 0) {
        // The peer's FIN. OpenSSL asks BIO_eof to tell it from a failure: without close_notify
        // it is SSL_R_UNEXPECTED_EOF_WHILE_READING (tls_outcome: stream_truncated).
        in.drained = true;
        BIO_set_flags(bio, BIO_FLAGS_IN_EOF);
    } else if (would_block(errno)) {
        in.probe = false; // drained: tls_stream reads through the reactor now
        BIO_set_retry_read(bio);
    }
    return 0; // otherwise errno says why (a reset; EBADF once the deadline closed the socket)
}

long socket_ctrl(BIO* bio, int command, long, void*) {
    switch (command) {
    case BIO_CTRL_FLUSH: // every write went to the kernel already
        return 1;
    case BIO_CTRL_EOF:
        return BIO_test_flags(bio, BIO_FLAGS_IN_EOF) != 0 ? 1 : 0;
    default:
        return 0;
    }
}

int socket_create(BIO* bio) {
    BIO_set_init(bio, 1);
    return 1;
}

BIO_METHOD* make_method() {
    BIO_METHOD* method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "asio socket");
    if (method == nullptr || BIO_meth_set_write_ex(method, socket_write) != 1 ||
        BIO_meth_set_read_ex(method, socket_read) != 1 ||
        BIO_meth_set_ctrl(method, socket_ctrl) != 1 ||
        BIO_meth_set_create(method, socket_create) != 1) {
        BIO_meth_free(method);
        return nullptr;
    }
    return method;
}

} // namespace

BIO* new_socket_bio(bio_input& input) {
    // One method for the process (BIO_meth_new is not free; the method is immutable once made),
    // kept until exit.
    static BIO_METHOD* const method = make_method();
    if (method == nullptr) {
        return nullptr;
    }
    BIO* bio = BIO_new(method);
    if (bio != nullptr) {
        BIO_set_data(bio, &input);
    }
    return bio;
}

} // namespace glue_inventory::http
