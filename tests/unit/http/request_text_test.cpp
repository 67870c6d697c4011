#include "http/request_text.hpp"

#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/test/unit_test.hpp>
#include <string>

using glue_inventory::http::header_field;
using glue_inventory::http::write_request;
namespace http = boost::beast::http;

namespace {

// Reads `text` back with Beast's own request parser: what a server would see.
http::request<http::string_body> parse(const std::string& text) {
    http::request_parser<http::string_body> parser;
    parser.eager(true);
    boost::system::error_code ec;
    const std::size_t used = parser.put(boost::asio::buffer(text), ec);
    BOOST_TEST_REQUIRE(!ec, ec.message());
    BOOST_TEST_REQUIRE(parser.is_done());
    BOOST_TEST(used == text.size()); // nothing after the message
    return parser.release();
}

} // namespace

BOOST_AUTO_TEST_CASE(a_request_is_the_request_line_the_fields_the_length_and_the_body) {
    const header_field fields[] = {{"Host", "glue.eu-west-1.amazonaws.com"},
                                   {"X-Amz-Target", "AWSGlue.GetConnections"}};
    std::string out;
    BOOST_TEST_REQUIRE(write_request("POST", "/", fields, R"({"HidePassword":true})", out));
    BOOST_TEST(out == "POST / HTTP/1.1\r\n"
                      "Host: glue.eu-west-1.amazonaws.com\r\n"
                      "X-Amz-Target: AWSGlue.GetConnections\r\n"
                      "Content-Length: 21\r\n"
                      "\r\n"
                      R"({"HidePassword":true})");
    const auto req = parse(out);
    BOOST_TEST(req.method_string() == "POST");
    BOOST_TEST(req.target() == "/");
    BOOST_TEST(req[http::field::host] == "glue.eu-west-1.amazonaws.com");
    BOOST_TEST(req["X-Amz-Target"] == "AWSGlue.GetConnections");
    BOOST_TEST(req.body() == R"({"HidePassword":true})");
    BOOST_TEST(req.keep_alive()); // HTTP/1.1: the connection stays open for the next request
}

BOOST_AUTO_TEST_CASE(an_empty_body_still_says_its_length) {
    std::string out;
    BOOST_TEST_REQUIRE(write_request("POST", "/path", {}, "", out));
    BOOST_TEST(out == "POST /path HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
    BOOST_TEST(parse(out).body().empty());
}

BOOST_AUTO_TEST_CASE(the_request_is_appended_to_what_the_buffer_held) {
    std::string out = "previous";
    BOOST_TEST_REQUIRE(write_request("GET", "/", {}, "", out));
    BOOST_TEST(out.rfind("previousGET / HTTP/1.1\r\n", 0) == 0);
}

BOOST_AUTO_TEST_CASE(a_value_with_a_line_break_is_refused_and_nothing_is_written) {
    // A session token or a user-agent suffix from outside must not start a header of its own.
    const std::string bad_values[] = {"token\r\nX-Injected: 1", "token\nX", "token\rX",
                                      std::string("tok\0en", 6), "tok\x7f"};
    for (const auto& bad : bad_values) {
        const header_field fields[] = {{"Host", "h"}, {"X-Amz-Security-Token", bad}};
        std::string out = "kept";
        BOOST_TEST(!write_request("POST", "/", fields, "{}", out));
        BOOST_TEST(out == "kept");
    }
}

BOOST_AUTO_TEST_CASE(values_may_hold_spaces_tabs_and_utf8) {
    const header_field fields[] = {{"User-Agent", "glue-inventory/1.2.0 team\tdata \xC3\xA9quipe"}};
    std::string out;
    BOOST_TEST_REQUIRE(write_request("POST", "/", fields, "", out));
    BOOST_TEST(parse(out)[http::field::user_agent] ==
               "glue-inventory/1.2.0 team\tdata \xC3\xA9quipe");
}

BOOST_AUTO_TEST_CASE(names_methods_and_targets_are_checked_too) {
    std::string out;
    const header_field bad_name[] = {{"X Bad", "v"}};
    BOOST_TEST(!write_request("POST", "/", bad_name, "", out));
    const header_field empty_name[] = {{"", "v"}};
    BOOST_TEST(!write_request("POST", "/", empty_name, "", out));
    BOOST_TEST(!write_request("PO ST", "/", {}, "", out));
    BOOST_TEST(!write_request("POST", "/a b", {}, "", out));
    BOOST_TEST(!write_request("POST", "", {}, "", out));
    BOOST_TEST(!write_request("POST", "/\r\nX: y", {}, "", out));
    BOOST_TEST(out.empty());
}

BOOST_AUTO_TEST_CASE(every_byte_is_checked_wherever_it_sits_in_a_long_value) {
    // Values are checked eight bytes at a time: each control byte, at every offset of a value
    // longer than a word, is still refused; tabs and obs-text at every offset still pass.
    const std::string base(37, 'a');
    for (std::size_t at = 0; at < base.size(); ++at) {
        for (const char bad : {'\0', '\x01', '\n', '\r', '\x1f', '\x7f'}) {
            std::string value = base;
            value[at] = bad;
            const header_field fields[] = {{"X-Amz-Security-Token", value}};
            std::string out;
            BOOST_TEST(!write_request("POST", "/", fields, "", out),
                       "byte " << int(bad) << " at " << at);
        }
        for (const char good : {'\t', ' ', '~', '\x80', '\xff'}) {
            std::string value = base;
            value[at] = good;
            const header_field fields[] = {{"X-Amz-Security-Token", value}};
            std::string out;
            BOOST_TEST(write_request("POST", "/", fields, "", out),
                       "byte " << int(good) << " at " << at);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_field_name_outside_the_token_characters_is_refused) {
    for (const std::string_view name : {"X Amz", "X:Amz", "", "X\xC3\xA9", "X(1)", "X/1"}) {
        const header_field fields[] = {{name, "v"}};
        std::string out;
        BOOST_TEST(!write_request("POST", "/", fields, "", out), name);
    }
    const header_field fields[] = {{"!#$%&'*+-.^_`|~09azAZ", "v"}};
    std::string out;
    BOOST_TEST(write_request("POST", "/", fields, "", out));
}
