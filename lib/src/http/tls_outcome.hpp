// What one OpenSSL I/O call's result (SSL_connect, SSL_read_ex, SSL_write_ex) means for the
// loop that drives it: done, await the socket's readiness and call again, or fail with the
// error_code that Asio's SSL stream gave for the same outcome, which failure_text and the retry
// classification (client/failure_classification) read. Pure: unit-tested without a socket.
#pragma once

#include <boost/system/error_code.hpp>

namespace glue_inventory::http {

enum class tls_next {
    done,       // the call did its work
    wait_read,  // the socket must become readable first (SSL_ERROR_WANT_READ)
    wait_write, // the socket must become writable first (SSL_ERROR_WANT_WRITE)
    fail,       // `ec` says why
};

struct tls_outcome {
    tls_next next = tls_next::done;
    boost::system::error_code ec;
};

/// `ssl_error`: SSL_get_error's answer; `first_error`: the first code of OpenSSL's error queue
/// after the call (ERR_get_error, 0 when empty); `saved_errno`: errno right after the call.
///
/// - SSL_ERROR_ZERO_RETURN (the peer's close_notify): asio::error::eof.
/// - The peer closing without close_notify (SSL_R_UNEXPECTED_EOF_WHILE_READING, or
///   SSL_ERROR_SYSCALL with neither a queued error nor errno): asio::ssl::error::stream_truncated.
/// - SSL_ERROR_SYSCALL with errno (reset, broken pipe): that system error, as a socket gives it.
/// - SSL_ERROR_SSL, or SYSCALL with a queued error: the code in asio::error::get_ssl_category().
tls_outcome tls_outcome_of(int ssl_error, unsigned long first_error, int saved_errno) noexcept;

} // namespace glue_inventory::http
