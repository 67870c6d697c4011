#include "endpoints/endpoint_resolver.hpp"

#include <boost/test/unit_test.hpp>

namespace ep = glue_inventory::endpoints;

BOOST_AUTO_TEST_SUITE(parse_url)

BOOST_AUTO_TEST_CASE(https_without_a_port_defaults_to_443) {
    const auto parts = ep::parse_url("https://glue.us-east-1.amazonaws.com");
    BOOST_TEST_REQUIRE(parts.has_value());
    BOOST_TEST(parts->scheme == "https");
    BOOST_TEST(parts->host == "glue.us-east-1.amazonaws.com");
    BOOST_TEST(parts->port == 443);
    BOOST_TEST(parts->path == "");
}

BOOST_AUTO_TEST_CASE(http_without_a_port_defaults_to_80) {
    const auto parts = ep::parse_url("http://localhost");
    BOOST_TEST_REQUIRE(parts.has_value());
    BOOST_TEST(parts->port == 80);
}

BOOST_AUTO_TEST_CASE(an_explicit_port_and_path_are_kept) {
    const auto parts = ep::parse_url("HTTPS://127.0.0.1:8443/prefix/");
    BOOST_TEST_REQUIRE(parts.has_value());
    BOOST_TEST(parts->scheme == "https");
    BOOST_TEST(parts->host == "127.0.0.1");
    BOOST_TEST(parts->port == 8443);
    BOOST_TEST(parts->path == "/prefix/");
}

BOOST_AUTO_TEST_CASE(an_ipv6_literal_loses_its_brackets) {
    const auto parts = ep::parse_url("https://[::1]:9000");
    BOOST_TEST_REQUIRE(parts.has_value());
    BOOST_TEST(parts->host == "::1");
    BOOST_TEST(parts->port == 9000);
}

BOOST_AUTO_TEST_CASE(malformed_urls_are_refused) {
    for (const char* bad :
         {"", "glue.us-east-1.amazonaws.com", "ftp://example.com", "https://", "https://:443",
          "https://example.com:", "https://example.com:0", "https://example.com:65536",
          "https://example.com:44x", "https://example.com:-1", "https://user:secret@example.com",
          "https://example.com/?a=b", "https://example.com#frag", "https://exa mple.com",
          "https://[::1", "https://[::1]x", "https://[]:80"}) {
        BOOST_TEST_CONTEXT("url: " << bad) {
            BOOST_TEST(!ep::parse_url(bad).has_value());
        }
    }
}

// Found by fuzz_endpoints (tests/fuzz/corpus/fuzz_endpoints/regression-path-control-byte): the
// path was copied as written into the request line, so a CR LF in AWS_ENDPOINT_URL split the
// request and a control byte or a space made it malformed.
BOOST_AUTO_TEST_CASE(a_path_with_spaces_control_or_non_ascii_bytes_is_refused) {
    for (std::string_view bad :
         {std::string_view("HTTPS://g/gl5e.exam\x10HTTP//gpl"),
          std::string_view("https://example.com/a\r\nX-Injected: 1"),
          std::string_view("https://example.com/a b"), std::string_view("https://example.com/\x7f"),
          std::string_view("https://example.com/caf\xC3\xA9"),
          std::string_view("https://h/\0", 11)}) {
        BOOST_TEST_CONTEXT("url: " << bad) {
            BOOST_TEST(!ep::parse_url(bad).has_value());
        }
    }
    BOOST_TEST(ep::parse_url("https://example.com/a%20b/~x-y_z.1").has_value());
}

BOOST_AUTO_TEST_CASE(the_highest_port_is_accepted) {
    const auto parts = ep::parse_url("http://example.com:65535");
    BOOST_TEST_REQUIRE(parts.has_value());
    BOOST_TEST(parts->port == 65535);
}

BOOST_AUTO_TEST_SUITE_END()
