#include "client/failure_classification.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <openssl/err.h>
#include <openssl/ssl.h>

namespace glue_inventory::client_detail {
using protocol::error_kind;

retry::failure retry_class(error_kind kind) noexcept {
    switch (kind) {
    case error_kind::throttling:
        return retry::failure::throttling;
    case error_kind::transient:
        return retry::failure::transient;
    default:
        return retry::failure::fatal;
    }
}

errc final_error(error_kind kind) noexcept {
    switch (kind) {
    case error_kind::entity_not_found:
        return errc::entity_not_found;
    case error_kind::operation_timeout:
        return errc::operation_timeout;
    case error_kind::invalid_input:
        return errc::invalid_input;
    case error_kind::glue_encryption:
        return errc::glue_encryption;
    case error_kind::throttling:
        return errc::throttled;
    case error_kind::transient:
        return errc::service_unavailable;
    case error_kind::access_denied:
        return errc::access_denied;
    case error_kind::other:
        return errc::service_error;
    }
    return errc::service_error;
}

namespace {
bool is_timeout(const boost::system::error_code& ec) {
    return ec == boost::beast::error::timeout || ec == boost::asio::error::timed_out ||
           ec == errc::timeout;
}

// A peer certificate that does not verify will not verify on the next attempt either.
bool is_tls_verification_failure(const boost::system::error_code& ec) {
    return ec.category() == boost::asio::error::get_ssl_category() &&
           ERR_GET_REASON(static_cast<unsigned long>(ec.value())) ==
               SSL_R_CERTIFICATE_VERIFY_FAILED;
}
} // namespace

retry::failure retry_class_of_io(const boost::system::error_code& ec) noexcept {
    if (ec == errc::cancelled || ec == boost::asio::error::operation_aborted) {
        return retry::failure::fatal;
    }
    if (ec == boost::beast::http::error::body_limit || ec == errc::body_too_large) {
        return retry::failure::fatal;
    }
    if (is_tls_verification_failure(ec)) {
        return retry::failure::fatal;
    }
    if (is_timeout(ec)) {
        return retry::failure::timeout;
    }
    // Refused, reset, closed early, a body cut short, DNS: the next attempt may well work.
    return retry::failure::transient;
}

errc final_error_of_io(const boost::system::error_code& ec) noexcept {
    if (ec == errc::cancelled || ec == boost::asio::error::operation_aborted) {
        return errc::cancelled;
    }
    if (ec == boost::beast::http::error::body_limit || ec == errc::body_too_large) {
        return errc::body_too_large;
    }
    if (is_timeout(ec)) {
        return errc::timeout;
    }
    return errc::connection_failed;
}

bool is_expired_credentials(std::string_view code) noexcept {
    return code == "ExpiredToken" || code == "ExpiredTokenException" || code == "RequestExpired" ||
           code == "InvalidClientTokenId";
}

} // namespace glue_inventory::client_detail
