// What each outcome of an OpenSSL I/O call means for tls_stream's loop, and that its errors are
// the ones Asio's SSL stream gave (failure_text and the retry classification read them).
#include "http/tls_outcome.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/test/unit_test.hpp>
#include <cerrno>
#include <openssl/err.h>
#include <openssl/ssl.h>

namespace {

namespace asio = boost::asio;
namespace http = glue_inventory::http;
using http::tls_next;

unsigned long ssl_reason(int reason) {
    return ERR_PACK(ERR_LIB_SSL, 0, reason);
}

} // namespace

BOOST_AUTO_TEST_SUITE(tls_outcome)

BOOST_AUTO_TEST_CASE(a_call_that_would_block_waits_for_the_readiness_it_asks_for) {
    BOOST_TEST((http::tls_outcome_of(SSL_ERROR_WANT_READ, 0, EAGAIN).next == tls_next::wait_read));
    BOOST_TEST(
        (http::tls_outcome_of(SSL_ERROR_WANT_WRITE, 0, EAGAIN).next == tls_next::wait_write));
    BOOST_TEST(!http::tls_outcome_of(SSL_ERROR_WANT_READ, 0, EAGAIN).ec);
    BOOST_TEST((http::tls_outcome_of(SSL_ERROR_NONE, 0, 0).next == tls_next::done));
}

BOOST_AUTO_TEST_CASE(the_peers_close_notify_is_the_end_of_the_stream) {
    const auto out = http::tls_outcome_of(SSL_ERROR_ZERO_RETURN, 0, 0);
    BOOST_TEST((out.next == tls_next::fail));
    BOOST_TEST((out.ec == asio::error::eof));
}

BOOST_AUTO_TEST_CASE(a_close_without_close_notify_is_a_truncated_stream) {
    // OpenSSL 3's way of saying it, and OpenSSL 1.1's (a SYSCALL failure with nothing to say).
    const auto unexpected_eof =
        http::tls_outcome_of(SSL_ERROR_SSL, ssl_reason(SSL_R_UNEXPECTED_EOF_WHILE_READING), 0);
    BOOST_TEST((unexpected_eof.ec == asio::ssl::error::stream_truncated));
    BOOST_TEST(
        (http::tls_outcome_of(SSL_ERROR_SYSCALL, 0, 0).ec == asio::ssl::error::stream_truncated));
}

BOOST_AUTO_TEST_CASE(a_failed_system_call_is_the_systems_error_as_a_socket_gives_it) {
    BOOST_TEST((http::tls_outcome_of(SSL_ERROR_SYSCALL, 0, ECONNRESET).ec ==
                asio::error::connection_reset));
    BOOST_TEST((http::tls_outcome_of(SSL_ERROR_SYSCALL, 0, EPIPE).ec == asio::error::broken_pipe));
}

BOOST_AUTO_TEST_CASE(a_protocol_failure_is_openssls_code_in_asios_ssl_category) {
    const unsigned long refused = ssl_reason(SSL_R_CERTIFICATE_VERIFY_FAILED);
    const auto out = http::tls_outcome_of(SSL_ERROR_SSL, refused, 0);
    BOOST_TEST((out.next == tls_next::fail));
    BOOST_TEST((out.ec.category() == asio::error::get_ssl_category()));
    BOOST_TEST(static_cast<unsigned long>(out.ec.value()) == refused);
    OPENSSL_init_ssl(OPENSSL_INIT_LOAD_SSL_STRINGS, nullptr); // as every SSL_CTX does
    BOOST_TEST(out.ec.message() == "certificate verify failed (SSL routines)");
    // A queued error explains a SYSCALL failure better than errno, as Asio's engine had it.
    BOOST_TEST((http::tls_outcome_of(SSL_ERROR_SYSCALL, refused, ECONNRESET).ec == out.ec));
}

BOOST_AUTO_TEST_CASE(an_outcome_this_client_never_asks_for_fails) {
    BOOST_TEST((http::tls_outcome_of(SSL_ERROR_WANT_X509_LOOKUP, 0, 0).ec ==
                asio::ssl::error::unexpected_result));
}

BOOST_AUTO_TEST_SUITE_END()
