#include "client/failure_classification.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/test/unit_test.hpp>
#include <openssl/err.h>
#include <openssl/ssl.h>

namespace gi = glue_inventory;
using namespace glue_inventory::client_detail;
using glue_inventory::protocol::error_kind;
using glue_inventory::retry::failure;

BOOST_AUTO_TEST_SUITE(failure_classification)

BOOST_AUTO_TEST_CASE(throttling_and_transient_answers_are_retried) {
    BOOST_TEST((retry_class(error_kind::throttling) == failure::throttling));
    BOOST_TEST((retry_class(error_kind::transient) == failure::transient));
}

BOOST_AUTO_TEST_CASE(modelled_errors_and_access_denied_are_never_retried) {
    for (auto k :
         {error_kind::entity_not_found, error_kind::operation_timeout, error_kind::invalid_input,
          error_kind::glue_encryption, error_kind::access_denied, error_kind::other}) {
        BOOST_TEST((retry_class(k) == failure::fatal));
    }
}

BOOST_AUTO_TEST_CASE(each_answer_kind_has_its_own_error_code) {
    BOOST_TEST((final_error(error_kind::entity_not_found) == gi::errc::entity_not_found));
    BOOST_TEST((final_error(error_kind::throttling) == gi::errc::throttled));
    BOOST_TEST((final_error(error_kind::transient) == gi::errc::service_unavailable));
    BOOST_TEST((final_error(error_kind::access_denied) == gi::errc::access_denied));
    BOOST_TEST((final_error(error_kind::other) == gi::errc::service_error));
}

BOOST_AUTO_TEST_CASE(dropped_connections_are_transient_and_timeouts_cost_more) {
    BOOST_TEST((retry_class_of_io(boost::asio::error::connection_reset) == failure::transient));
    BOOST_TEST(
        (retry_class_of_io(boost::beast::http::error::partial_message) == failure::transient));
    BOOST_TEST(
        (retry_class_of_io(boost::asio::ssl::error::stream_truncated) == failure::transient));
    BOOST_TEST((retry_class_of_io(boost::beast::error::timeout) == failure::timeout));
    BOOST_TEST((final_error_of_io(boost::beast::error::timeout) == gi::errc::timeout));
    BOOST_TEST(
        (final_error_of_io(boost::asio::error::connection_reset) == gi::errc::connection_failed));
}

BOOST_AUTO_TEST_CASE(an_oversized_body_or_a_refused_certificate_is_not_retried) {
    BOOST_TEST((retry_class_of_io(boost::beast::http::error::body_limit) == failure::fatal));
    BOOST_TEST(
        (final_error_of_io(boost::beast::http::error::body_limit) == gi::errc::body_too_large));
    const boost::system::error_code refused(
        static_cast<int>(ERR_PACK(ERR_LIB_SSL, 0, SSL_R_CERTIFICATE_VERIFY_FAILED)),
        boost::asio::error::get_ssl_category());
    BOOST_TEST((retry_class_of_io(refused) == failure::fatal));
}

BOOST_AUTO_TEST_CASE(cancellation_is_final) {
    BOOST_TEST((retry_class_of_io(boost::asio::error::operation_aborted) == failure::fatal));
    BOOST_TEST((final_error_of_io(boost::asio::error::operation_aborted) == gi::errc::cancelled));
}

BOOST_AUTO_TEST_CASE(expired_token_codes_ask_for_new_credentials) {
    BOOST_TEST(is_expired_credentials("ExpiredTokenException"));
    BOOST_TEST(is_expired_credentials("ExpiredToken"));
    BOOST_TEST(!is_expired_credentials("AccessDeniedException"));
}

BOOST_AUTO_TEST_SUITE_END()
