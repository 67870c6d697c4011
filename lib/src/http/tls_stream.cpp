#include "http/tls_stream.hpp"

#include "http/socket_bio.hpp"
#include "http/tls_outcome.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/error.hpp>
#include <cerrno>
#include <glue_inventory/nothrow.hpp>
#include <new>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <utility>

namespace glue_inventory::http {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

/// OpenSSL's read buffer (read-ahead), per TLS connection: what one recv takes at most. 64 KiB
/// instead of OpenSSL's ~17 kB (one record): an answer of a few records (W1's ~30 kB pages)
/// comes in one recv that drains the socket, which the reactor is told (drain_aware_read.hpp:
/// a recv that fills the buffer leaves the reactor to try one more at the next read), and a
/// 1 MB page in 16 recvs instead of 60. Allocated at the first read; pages are touched only as
/// far as answers fill it (W5's answers: ~2 kB).
constexpr long tls_read_buffer_bytes = 64 * 1024;

bool is_ip_address(const std::string& host) {
    error_code ec;
    (void)asio::ip::make_address(host, ec);
    return !ec;
}

/// The first error OpenSSL queued, as Asio reports it (a failure that queued none is still
/// one); the queue left empty.
error_code queued_error() {
    const unsigned long first = ::ERR_get_error();
    ::ERR_clear_error();
    if (first == 0) {
        return asio::ssl::error::unexpected_result;
    }
    return {static_cast<int>(first), asio::error::get_ssl_category()};
}

} // namespace

tls_stream::tls_stream(const asio::any_io_executor& ex, SSL_CTX* context)
    : socket_(ex), reactor_(&reactor_of(socket_)), input_(socket_), ssl_(::SSL_new(context)) {
    if (ssl_ == nullptr) {
        ::ERR_clear_error();
        throw std::bad_alloc();
    }
    BIO* bio = new_socket_bio(input_);
    if (bio == nullptr) {
        ::SSL_free(ssl_);
        ::ERR_clear_error();
        throw std::bad_alloc();
    }
    ::SSL_set_bio(ssl_, bio, bio); // the SSL owns the BIO; the socket stays the stream's
    ::SSL_set_connect_state(ssl_);
    // - Partial writes: an SSL_write_ex returns once a record is out, as with Asio's engine (a
    //   request larger than a record goes out record by record through connection's loop).
    // - Auto retry (OpenSSL's default, made sure of): a post-handshake message (a session
    //   ticket) is processed and the next record read within the same SSL_read_ex, so that
    //   SSL_ERROR_WANT_READ always means OpenSSL has had every byte received: reading the
    //   socket is then right, never a wait for bytes OpenSSL already holds.
    ::SSL_set_mode(ssl_, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER |
                             SSL_MODE_AUTO_RETRY);
    // The record buffers are kept for the connection's life: SSL_MODE_RELEASE_BUFFERS, which
    // Asio's engine set (freeing and allocating them again for every record: several large
    // mallocs per request), is off, as neither OpenSSL nor our context (tls_context) sets it.
    // At most max_connections (http_options) pairs, held by connections in use or idle.
    // Read-ahead: one recv takes whatever has arrived, up to the read buffer
    // (tls_read_buffer_bytes), instead of a record header and then its body: an answer's
    // records come in one system call, and all but the first are decrypted from OpenSSL's
    // buffer.
    ::SSL_set_read_ahead(ssl_, 1);
    ::SSL_set_default_read_buffer_len(ssl_, tls_read_buffer_bytes);
}

tls_stream::~tls_stream() {
    ::SSL_free(ssl_);
}

template <class Call>
tls_outcome tls_stream::step(Call call, std::size_t& n) {
    // SSL_get_error reads this thread's error queue, which must be empty before the call. Every
    // failure below leaves it empty; other OpenSSL users may not: cleared only then (Asio's
    // engine cleared it before every call: ~1.2k instructions and ~32 CRYPTO_free each).
    if (::ERR_peek_error() != 0) {
        ::ERR_clear_error();
    }
    n = 0;
    errno = 0; // a SYSCALL failure's errno must be this call's, not an earlier one's
    const int result = call(n);
    if (result == 1) { // SSL_connect's, SSL_read_ex's and SSL_write_ex's success
        return {};
    }
    const int saved_errno = errno;
    const int ssl_error = ::SSL_get_error(ssl_, result);
    const unsigned long first_error = ::ERR_get_error();
    tls_outcome outcome = tls_outcome_of(ssl_error, first_error, saved_errno);
    if (outcome.next == tls_next::fail) {
        ::ERR_clear_error();
    }
    return outcome;
}

asio::awaitable<error_code> tls_stream::handshake(const std::string& host,
                                                  const tls_session& resume) {
    const bool ip = is_ip_address(host);
    // SNI carries host names only: RFC 6066 forbids IP literals in it.
    // (SSL_set_tlsext_host_name is a macro with a C cast; call what it expands to.)
    if (!ip && ::SSL_ctrl(ssl_, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                          const_cast<char*>(host.c_str())) != 1) {
        co_return queued_error();
    }
    // The chain is verified against the context's trust store and the leaf against `host`
    // (X509_check_host or X509_check_ip_asc with no flags, as asio::ssl::host_name_verification
    // did); a mismatch fails the handshake with SSL_R_CERTIFICATE_VERIFY_FAILED, as it did.
    ::SSL_set_verify(ssl_, SSL_VERIFY_PEER, nullptr);
    const int named = ip ? ::X509_VERIFY_PARAM_set1_ip_asc(::SSL_get0_param(ssl_), host.c_str())
                         : ::SSL_set1_host(ssl_, host.c_str());
    if (named != 1) {
        co_return queued_error();
    }
    // Resumed from a copy of its own: OpenSSL changes the SSL_SESSION a handshake resumes
    // (observed: offered to the next connection while this one has not yet read its own ticket,
    // it resumed no more; tls_stream_test). The pool offers one session to every new
    // connection of an origin.
    if (resume) {
        SSL_SESSION* own = ::SSL_SESSION_dup(resume.get());
        if (own == nullptr) {
            co_return queued_error();
        }
        ::SSL_set_session(ssl_, own);
        ::SSL_SESSION_free(own); // the SSL holds its own reference
    }
    error_code ec;
    socket_.non_blocking(true, ec); // OpenSSL's recv and send must never block the thread
    if (ec) {
        co_return ec;
    }
    // The loop of the header's comment, for SSL_connect, with the BIO reading the socket
    // itself (direct) and readiness awaited (async_wait).
    input_.direct = true;
    for (;;) {
        std::size_t unused = 0;
        const tls_outcome o = step([this](std::size_t&) { return ::SSL_connect(ssl_); }, unused);
        if (o.next == tls_next::done || o.next == tls_next::fail) {
            input_.direct = false; // from now on every read of the socket is Asio's
            co_return o.ec;
        }
        auto [waited] = co_await socket_.async_wait(o.next == tls_next::wait_read
                                                        ? asio::socket_base::wait_read
                                                        : asio::socket_base::wait_write,
                                                    nothrow);
        if (waited) {
            co_return waited;
        }
    }
}

tls_next tls_stream::before_read() {
    if (!std::exchange(request_sent_, false)) {
        return tls_next::done;
    }
    // The answer's first bytes come with an edge (the peer reacts to the request: an answer,
    // or a reset when it had closed), so no probe until a read of this answer drained.
    input_.probe = false;
    return ::SSL_has_pending(ssl_) == 0 ? tls_next::wait_read : tls_next::done;
}

read_status tls_stream::step_in_reactor(void* self, error_code& ec, std::size_t& n) {
    auto& s = *static_cast<tls_stream*>(self);
    s.input_.in_reactor = true;
    s.input_.drained = false;
    const tls_outcome o =
        s.step_writing_ ? s.try_write(s.step_out_, n) : s.try_read(s.step_into_, n);
    s.input_.in_reactor = false;
    switch (o.next) {
    case tls_next::wait_read: // a recv found EAGAIN: the next edge runs this again
        return read_status::would_block;
    case tls_next::wait_write:
        s.step_wants_write_ = true;
        return read_status::done;
    case tls_next::fail:
        ec = o.ec;
        return read_status::done_and_drained;
    case tls_next::done:
        break;
    }
    // The rest of the answer is read by the BIO itself until a recv finds nothing (socket_bio's
    // probe): after a short recv, the reactor will not try one at the next read, and a FIN
    // queued behind these bytes would go unseen; after a full one, more has likely come, and a
    // trip through the reactor per recv (an operation, a completion, an epoll_wait between
    // handlers) costs more than the EAGAIN it may save.
    s.input_.probe = true;
    return s.input_.drained ? read_status::done_and_drained : read_status::done;
}

tls_outcome tls_stream::step_done(error_code ec) {
    if (std::exchange(step_wants_write_, false)) {
        return {tls_next::wait_write, {}};
    }
    if (ec) {
        return {tls_next::fail, ec}; // the step's failure; operation_aborted: closed, cancelled
    }
    return {};
}

tls_outcome tls_stream::try_read(asio::mutable_buffer buffer, std::size_t& n) {
    return step(
        [this, buffer](std::size_t& done) {
            return buffer.size() == 0 ? 1
                                      : ::SSL_read_ex(ssl_, buffer.data(), buffer.size(), &done);
        },
        n);
}

tls_outcome tls_stream::try_write(asio::const_buffer buffer, std::size_t& n) {
    request_sent_ = true;
    return step(
        [this, buffer](std::size_t& done) {
            return buffer.size() == 0 ? 1
                                      : ::SSL_write_ex(ssl_, buffer.data(), buffer.size(), &done);
        },
        n);
}

tls_session tls_stream::session() {
    SSL_SESSION* s = ::SSL_get1_session(ssl_);
    if (s == nullptr) {
        return nullptr;
    }
    if (::SSL_SESSION_is_resumable(s) != 1) { // no ticket yet, or the server gives none
        ::SSL_SESSION_free(s);
        return nullptr;
    }
    return tls_session(s, ::SSL_SESSION_free);
}

tls_session tls_stream::new_session() {
    SSL_SESSION* current = ::SSL_get0_session(ssl_);
    if (current == nullptr || current == given_.get() || ::SSL_SESSION_is_resumable(current) != 1) {
        return nullptr;
    }
    ::SSL_SESSION_up_ref(current);
    given_ = tls_session(current, ::SSL_SESSION_free);
    return given_;
}

bool tls_stream::resumed() {
    return ::SSL_session_reused(ssl_) == 1;
}

} // namespace glue_inventory::http
