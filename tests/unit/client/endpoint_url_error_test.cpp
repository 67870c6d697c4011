// A client refuses an endpoint URL it cannot use, and its error never quotes the URL's user
// information: "https://user:password@host" is a mistake whose password must not reach a log.
#include <boost/asio/io_context.hpp>
#include <boost/system/system_error.hpp>
#include <boost/test/unit_test.hpp>
#include <glue_inventory/client.hpp>

namespace gi = glue_inventory;

BOOST_AUTO_TEST_SUITE(endpoint_url_error)

BOOST_AUTO_TEST_CASE(a_url_with_user_information_is_refused_without_its_password) {
    boost::asio::io_context io;
    for (auto member :
         {&gi::client_options::glue_endpoint_url, &gi::client_options::sts_endpoint_url,
          &gi::client_options::organizations_endpoint_url}) {
        gi::client_options options;
        options.*member = "https://auditor:hunter2@glue.example.com:8443";
        try {
            gi::client c(io.get_executor(), options);
            BOOST_FAIL("the URL was accepted");
        } catch (const boost::system::system_error& e) {
            const std::string what = e.what();
            BOOST_TEST((e.code() == gi::errc::invalid_argument));
            BOOST_TEST(what.find("hunter2") == std::string::npos, what);
            BOOST_TEST(what.find("auditor") == std::string::npos, what);
            BOOST_TEST(what.find("'https://***@glue.example.com:8443'") != std::string::npos, what);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
