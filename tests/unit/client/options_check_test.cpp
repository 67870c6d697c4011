// Every documented range of the options is checked where the options enter, with an error that
// names the field and the value.
#include <boost/asio/io_context.hpp>
#include <boost/system/system_error.hpp>
#include <boost/test/unit_test.hpp>
#include <functional>
#include <glue_inventory/client.hpp>
#include <glue_inventory/client_options.hpp>
#include <glue_inventory/error.hpp>
#include <glue_inventory/scan.hpp>
#include <string>

namespace gi = glue_inventory;
using namespace std::chrono_literals;

namespace {

std::string http_error(const std::function<void(gi::http_options&)>& change) {
    gi::http_options o;
    change(o);
    return gi::options_error(o);
}

std::string client_error(const std::function<void(gi::client_options&)>& change) {
    gi::client_options o;
    change(o);
    return gi::options_error(o);
}

std::string scan_error(const std::function<void(gi::scan_options&)>& change) {
    gi::scan_options o;
    change(o);
    return gi::options_error(o);
}

} // namespace

BOOST_AUTO_TEST_CASE(the_defaults_are_valid) {
    BOOST_TEST(gi::options_error(gi::http_options{}).empty());
    BOOST_TEST(gi::options_error(gi::client_options{}).empty());
    BOOST_TEST(gi::options_error(gi::scan_options{}).empty());
}

BOOST_AUTO_TEST_CASE(http_connect_timeout_must_be_positive) {
    BOOST_TEST(http_error([](auto& o) { o.connect_timeout = 0ms; }) ==
               "http_options::connect_timeout must be more than 0 ms (got 0 ms)");
    BOOST_TEST(http_error([](auto& o) { o.connect_timeout = 1ms; }).empty());
}

BOOST_AUTO_TEST_CASE(http_tls_handshake_timeout_must_be_positive) {
    BOOST_TEST(http_error([](auto& o) { o.tls_handshake_timeout = -5ms; }) ==
               "http_options::tls_handshake_timeout must be more than 0 ms (got -5 ms)");
}

BOOST_AUTO_TEST_CASE(http_request_timeout_must_be_positive) {
    BOOST_TEST(http_error([](auto& o) { o.request_timeout = 0ms; }) ==
               "http_options::request_timeout must be more than 0 ms (got 0 ms)");
}

BOOST_AUTO_TEST_CASE(http_idle_ttl_may_be_zero_but_not_negative) {
    BOOST_TEST(http_error([](auto& o) { o.idle_ttl = 0ms; }).empty());
    BOOST_TEST(http_error([](auto& o) { o.idle_ttl = -1ms; }) ==
               "http_options::idle_ttl must be at least 0 ms (got -1 ms)");
}

BOOST_AUTO_TEST_CASE(http_dns_ttl_may_be_zero_but_not_negative) {
    BOOST_TEST(http_error([](auto& o) { o.dns_ttl = 0ms; }).empty());
    BOOST_TEST(http_error([](auto& o) { o.dns_ttl = -1000ms; }) ==
               "http_options::dns_ttl must be at least 0 ms (got -1000 ms)");
}

BOOST_AUTO_TEST_CASE(http_session_wait_may_be_zero_but_not_negative) {
    BOOST_TEST(http_error([](auto& o) { o.session_wait = 0ms; }).empty());
    BOOST_TEST(http_error([](auto& o) { o.session_wait = -2ms; }) ==
               "http_options::session_wait must be at least 0 ms (got -2 ms)");
}

BOOST_AUTO_TEST_CASE(http_max_connections_per_host_must_be_at_least_one) {
    BOOST_TEST(http_error([](auto& o) { o.max_connections_per_host = 0; }) ==
               "http_options::max_connections_per_host must be at least 1 (got 0)");
    BOOST_TEST(http_error([](auto& o) { o.max_connections_per_host = 1; }).empty());
}

BOOST_AUTO_TEST_CASE(http_max_connections_must_be_at_least_one) {
    BOOST_TEST(http_error([](auto& o) { o.max_connections = 0; }) ==
               "http_options::max_connections must be at least 1 (got 0)");
}

BOOST_AUTO_TEST_CASE(http_max_body_bytes_must_be_at_least_one) {
    BOOST_TEST(http_error([](auto& o) { o.max_body_bytes = 0; }) ==
               "http_options::max_body_bytes must be at least 1 (got 0)");
}

BOOST_AUTO_TEST_CASE(client_max_attempts_must_be_at_least_one) {
    BOOST_TEST(client_error([](auto& o) { o.max_attempts = 0; }) ==
               "client_options::max_attempts must be at least 1 (got 0)");
    BOOST_TEST(client_error([](auto& o) { o.max_attempts = 1; }).empty());
}

BOOST_AUTO_TEST_CASE(client_role_duration_is_zero_or_what_sts_accepts) {
    BOOST_TEST(client_error([](auto& o) { o.identity.role_duration = 900s; }).empty());
    BOOST_TEST(client_error([](auto& o) { o.identity.role_duration = 43200s; }).empty());
    BOOST_TEST(client_error([](auto& o) { o.identity.role_duration = 899s; }) ==
               "client_options::identity.role_duration must be 0 (STS's default) or 900 to 43200 "
               "s (got 899 s)");
    BOOST_TEST(!client_error([](auto& o) { o.identity.role_duration = 43201s; }).empty());
    BOOST_TEST(!client_error([](auto& o) { o.identity.role_duration = -1s; }).empty());
}

BOOST_AUTO_TEST_CASE(client_options_include_their_http_options) {
    BOOST_TEST(client_error([](auto& o) { o.http.max_connections_per_host = 0; }) ==
               "http_options::max_connections_per_host must be at least 1 (got 0)");
}

BOOST_AUTO_TEST_CASE(scan_concurrency_must_be_at_least_one) {
    BOOST_TEST(scan_error([](auto& o) { o.concurrency = 0; }) ==
               "scan_options::concurrency must be at least 1 (got 0)");
}

BOOST_AUTO_TEST_CASE(scan_channel_capacity_must_be_at_least_one) {
    BOOST_TEST(scan_error([](auto& o) { o.channel_capacity = 0; }) ==
               "scan_options::channel_capacity must be at least 1 (got 0)");
}

BOOST_AUTO_TEST_CASE(scan_records_per_request_must_be_at_least_one) {
    BOOST_TEST(scan_error([](auto& o) { o.records_per_request = 0; }) ==
               "scan_options::records_per_request must be at least 1 (got 0)");
}

BOOST_AUTO_TEST_CASE(scan_max_results_is_1_to_1000_when_set) {
    BOOST_TEST(scan_error([](auto& o) { o.request.max_results = 1000; }).empty());
    BOOST_TEST(scan_error([](auto& o) { o.request.max_results = 0; }) ==
               "scan_options::request.max_results must be 1 to 1000 (got 0)");
    BOOST_TEST(scan_error([](auto& o) { o.request.max_results = 1001; }) ==
               "scan_options::request.max_results must be 1 to 1000 (got 1001)");
}

BOOST_AUTO_TEST_CASE(the_client_constructor_refuses_bad_options) {
    boost::asio::io_context io;
    gi::client_options o;
    o.http.max_connections_per_host = 0; // used to make every request wait forever
    try {
        gi::client c(io.get_executor(), o);
        BOOST_FAIL("the client accepted max_connections_per_host = 0");
    } catch (const boost::system::system_error& e) {
        BOOST_TEST((e.code() == gi::errc::invalid_argument));
        BOOST_TEST(std::string(e.what()).find(
                       "http_options::max_connections_per_host must be at least 1 (got 0)") !=
                   std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(the_scan_constructor_refuses_bad_options) {
    boost::asio::io_context io;
    gi::client c(io.get_executor(), gi::client_options{});
    gi::scan_options o;
    o.concurrency = 0;
    try {
        gi::scan_stream s(c, {}, o);
        BOOST_FAIL("the scan accepted concurrency = 0");
    } catch (const boost::system::system_error& e) {
        BOOST_TEST((e.code() == gi::errc::invalid_argument));
        BOOST_TEST(
            std::string(e.what()).find("scan_options::concurrency must be at least 1 (got 0)") !=
            std::string::npos);
    }
}
