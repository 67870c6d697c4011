// What a failed connection or request says: the step and, for a deadline, which one and its value.
#include "http/failure_text.hpp"

#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/test/unit_test.hpp>

namespace http = glue_inventory::http;
namespace beast = boost::beast;
using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(failure_text)

BOOST_AUTO_TEST_CASE(a_connect_timeout_names_the_step_and_its_deadline) {
    const auto tcp = http::connect_failure_text("h", 443, http::connect_step::tcp_connect,
                                                beast::error::timeout, 5000ms);
    BOOST_TEST(tcp == "cannot connect to h:443: no TCP connection within 5000 ms "
                      "(http_options::connect_timeout)");
    const auto tls = http::connect_failure_text("h", 443, http::connect_step::tls_handshake,
                                                beast::error::timeout, 1000ms);
    BOOST_TEST(tls == "cannot connect to h:443: the TLS handshake did not finish within 1000 ms "
                      "(http_options::tls_handshake_timeout)");
}

BOOST_AUTO_TEST_CASE(other_connect_errors_keep_their_own_message) {
    const boost::system::error_code refused = boost::asio::error::connection_refused;
    BOOST_TEST(
        http::connect_failure_text("h", 8443, http::connect_step::tcp_connect, refused, 5000ms) ==
        "cannot connect to h:8443: " + refused.message());
    BOOST_TEST(
        http::connect_failure_text("h", 8443, http::connect_step::tls_handshake, refused, 5000ms) ==
        "cannot connect to h:8443: TLS handshake failed: " + refused.message());
}

BOOST_AUTO_TEST_CASE(running_out_of_descriptors_names_the_limit_to_raise) {
    const auto process =
        boost::system::errc::make_error_code(boost::system::errc::too_many_files_open);
    BOOST_TEST(
        http::connect_failure_text("h", 443, http::connect_step::tcp_connect, process, 5000ms) ==
        "cannot connect to h:443: " + process.message() +
            " (the process's open-file limit, ulimit -n, is reached)");
    const auto system =
        boost::system::errc::make_error_code(boost::system::errc::too_many_files_open_in_system);
    BOOST_TEST(http::request_failure_text("h", 443, system, 30000ms) ==
               "request to h:443 failed: " + system.message() +
                   " (the system's open-file table is full, fs.file-max)");
}

BOOST_AUTO_TEST_CASE(a_request_timeout_and_an_endless_header_are_named) {
    BOOST_TEST(http::request_failure_text("h", 443, beast::error::timeout, 30000ms) ==
               "request to h:443 failed: no complete answer within 30000 ms "
               "(http_options::request_timeout)");
    BOOST_TEST(http::request_failure_text("h", 443, beast::http::error::header_limit, 30000ms) ==
               "request to h:443 failed: the answer's header is larger than the limit of 8192 "
               "bytes");
    const boost::system::error_code reset = boost::asio::error::connection_reset;
    BOOST_TEST(http::request_failure_text("h", 443, reset, 30000ms) ==
               "request to h:443 failed: " + reset.message());
}

BOOST_AUTO_TEST_SUITE_END()
