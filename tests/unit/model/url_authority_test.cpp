// The authority of an http(s) URL, shared by endpoint URLs and the credential sources' URIs.
#include "model/url_authority.hpp"

#include <boost/test/unit_test.hpp>

namespace gi = glue_inventory;
using gi::authority_error;

namespace {

authority_error parse(std::string_view text, gi::url_authority& out) {
    return gi::parse_url_authority(text, out);
}

authority_error error_of(std::string_view text) {
    gi::url_authority out;
    return gi::parse_url_authority(text, out);
}

} // namespace

BOOST_AUTO_TEST_SUITE(url_authority)

BOOST_AUTO_TEST_CASE(a_name_with_and_without_a_port) {
    gi::url_authority a;
    BOOST_TEST((parse("glue.us-east-1.amazonaws.com", a) == authority_error::none));
    BOOST_TEST(a.host == "glue.us-east-1.amazonaws.com");
    BOOST_TEST(!a.host_is_ipv6);
    BOOST_TEST(!a.port.has_value());
    BOOST_TEST((parse("127.0.0.1:8443", a) == authority_error::none));
    BOOST_TEST(a.host == "127.0.0.1");
    BOOST_TEST(*a.port == 8443);
}

BOOST_AUTO_TEST_CASE(an_ipv6_address_loses_its_brackets) {
    gi::url_authority a;
    BOOST_TEST((parse("[fd00:ec2::254]", a) == authority_error::none));
    BOOST_TEST(a.host == "fd00:ec2::254");
    BOOST_TEST(a.host_is_ipv6);
    BOOST_TEST(!a.port.has_value());
    BOOST_TEST((parse("[::1]:80", a) == authority_error::none));
    BOOST_TEST(a.host == "::1");
    BOOST_TEST(*a.port == 80);
}

BOOST_AUTO_TEST_CASE(each_fault_has_its_own_error) {
    BOOST_TEST((error_of("user:secret@host") == authority_error::user_info));
    BOOST_TEST((error_of("[::1") == authority_error::ipv6_unclosed));
    BOOST_TEST((error_of("[::1]x") == authority_error::after_ipv6));
    BOOST_TEST((error_of("[::g]") == authority_error::ipv6_malformed));
    BOOST_TEST((error_of("bad host") == authority_error::host_malformed));
    BOOST_TEST((error_of("") == authority_error::no_host));
    BOOST_TEST((error_of(":443") == authority_error::no_host));
    BOOST_TEST((error_of("[]") == authority_error::no_host));
    for (const char* port : {"h:", "h:0", "h:65536", "h:8x", "h:-1", "[::1]:"}) {
        BOOST_TEST((error_of(port) == authority_error::bad_port), port);
    }
    BOOST_TEST((error_of("h:65535") == authority_error::none));
}

BOOST_AUTO_TEST_CASE(a_failed_parse_leaves_nothing_behind) {
    gi::url_authority a;
    BOOST_TEST((parse("h:1", a) == authority_error::none));
    BOOST_TEST((parse("[::1", a) == authority_error::ipv6_unclosed));
    BOOST_TEST(a.host.empty());
    BOOST_TEST(!a.port.has_value());
}

BOOST_AUTO_TEST_SUITE_END()
