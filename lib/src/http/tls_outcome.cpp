#include "http/tls_outcome.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <openssl/err.h>
#include <openssl/ssl.h>

namespace glue_inventory::http {

namespace asio = boost::asio;
using boost::system::error_code;

tls_outcome tls_outcome_of(int ssl_error, unsigned long first_error, int saved_errno) noexcept {
    const auto openssl_error = [&] {
        return error_code(static_cast<int>(first_error), asio::error::get_ssl_category());
    };
    switch (ssl_error) {
    case SSL_ERROR_NONE:
        return {tls_next::done, {}};
    case SSL_ERROR_WANT_READ:
        return {tls_next::wait_read, {}};
    case SSL_ERROR_WANT_WRITE:
        return {tls_next::wait_write, {}};
    case SSL_ERROR_ZERO_RETURN:
        return {tls_next::fail, asio::error::eof};
    case SSL_ERROR_SSL:
        // OpenSSL 3 reports a transport EOF without close_notify as this reason; Asio's stream,
        // which saw the EOF on its own socket read, called it stream_truncated.
        if (ERR_GET_LIB(first_error) == ERR_LIB_SSL &&
            ERR_GET_REASON(first_error) == SSL_R_UNEXPECTED_EOF_WHILE_READING) {
            return {tls_next::fail, asio::ssl::error::stream_truncated};
        }
        return {tls_next::fail, openssl_error()};
    case SSL_ERROR_SYSCALL:
        if (first_error != 0) {
            return {tls_next::fail, openssl_error()};
        }
        if (saved_errno != 0) {
            return {tls_next::fail, error_code(saved_errno, boost::system::system_category())};
        }
        return {tls_next::fail, asio::ssl::error::stream_truncated}; // EOF, as OpenSSL 1.1 says it
    default: // WANT_X509_LOOKUP, WANT_ASYNC...: nothing this client asks for
        return {tls_next::fail, asio::ssl::error::unexpected_result};
    }
}

} // namespace glue_inventory::http
