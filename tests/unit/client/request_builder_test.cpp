// The request the client sends, built without a socket: SigV4 at the time given (the local
// clock plus the endpoint's offset), checked with the server side's verifier.
#include "client/request_builder.hpp"
#include "sigv4/verifier.hpp"

#include <boost/test/unit_test.hpp>
#include <cctype>
#include <vector>

namespace gi = glue_inventory;
using namespace glue_inventory::client_detail;
using namespace std::chrono_literals;

namespace {

const std::chrono::sys_seconds when =
    std::chrono::sys_days{std::chrono::year{2026} / 12 / 1} + 3h + 20min;

const request_parts glue_parts{"glue.us-east-1.amazonaws.com",
                               "/",
                               "us-east-1",
                               "glue",
                               "application/x-amz-json-1.1",
                               "AWSGlue.GetConnections",
                               R"({"HidePassword":true})",
                               "glue-inventory/test"};

struct parsed_request {
    std::string_view body;
    std::vector<gi::sigv4::header_ref> headers; // lower-case names, as a server sees them
    std::vector<std::string> names;

    std::string_view header(std::string_view name) const {
        for (const auto& h : headers) {
            if (h.name == name) {
                return h.value;
            }
        }
        return {};
    }
};

parsed_request parse(const std::string& text) {
    parsed_request out;
    const auto end = text.find("\r\n\r\n");
    BOOST_TEST_REQUIRE(end != std::string::npos);
    out.body = std::string_view(text).substr(end + 4);
    std::size_t pos = text.find("\r\n") + 2; // after the request line
    while (pos < end) {
        const auto eol = text.find("\r\n", pos);
        const std::string_view line = std::string_view(text).substr(pos, eol - pos);
        const auto colon = line.find(':');
        std::string name(line.substr(0, colon));
        for (auto& c : name) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        out.names.push_back(std::move(name));
        out.headers.push_back({{}, line.substr(colon + 2)});
        pos = eol + 2;
    }
    for (std::size_t i = 0; i < out.headers.size(); ++i) {
        out.headers[i].name = out.names[i];
    }
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(request_builder)

BOOST_AUTO_TEST_CASE(the_request_is_signed_at_the_time_given_and_verifies) {
    const gi::credentials creds{"ASIAEXAMPLEEXAMPLE12", "secret/key+with=chars", "token-abc", {}};
    gi::sigv4::signing_key_cache keys;
    std::string text = "left over from an earlier attempt";
    BOOST_TEST_REQUIRE(build_request(glue_parts, creds, when, keys, text));
    BOOST_TEST(text.starts_with("POST / HTTP/1.1\r\n"));
    const auto req = parse(text);
    BOOST_TEST(req.body == R"({"HidePassword":true})");
    BOOST_TEST(req.header("x-amz-date") == "20261201T032000Z");
    BOOST_TEST(req.header("x-amz-target") == "AWSGlue.GetConnections");
    BOOST_TEST(req.header("x-amz-security-token") == "token-abc");
    BOOST_TEST(req.header("user-agent") == "glue-inventory/test");
    BOOST_TEST(req.header("content-length") == "21");

    const auto auth = gi::sigv4::parse_authorization(req.header("authorization"));
    BOOST_TEST_REQUIRE(auth.has_value());
    BOOST_TEST(auth->date == "20261201");
    const gi::sigv4::request_ref as_received{"POST", "/", "", req.headers, req.body};
    BOOST_TEST((gi::sigv4::verify(*auth, as_received, creds.secret_access_key,
                                  {"us-east-1", "glue", when}) == gi::sigv4::verdict::ok));
    // Another time (a clock 20 minutes off) is another signature.
    BOOST_TEST((gi::sigv4::verify(*auth, as_received, creds.secret_access_key,
                                  {"us-east-1", "glue", when - 20min}) != gi::sigv4::verdict::ok));
}

BOOST_AUTO_TEST_CASE(empty_fields_are_left_out) {
    const gi::credentials creds{"AKIAEXAMPLEEXAMPLE12", "secret", "", {}};
    request_parts sts = glue_parts;
    sts.host_header = "127.0.0.1:8443";
    sts.signing_name = "sts";
    sts.content_type = "application/x-www-form-urlencoded; charset=utf-8";
    sts.amz_target = "";
    sts.body = "Action=GetCallerIdentity&Version=2011-06-15";
    gi::sigv4::signing_key_cache keys;
    std::string text;
    BOOST_TEST_REQUIRE(build_request(sts, creds, when, keys, text));
    const auto req = parse(text);
    for (const auto& name : req.names) {
        BOOST_TEST(name != "x-amz-target");
        BOOST_TEST(name != "x-amz-security-token");
    }
    BOOST_TEST(req.header("host") == "127.0.0.1:8443");
    const auto auth = gi::sigv4::parse_authorization(req.header("authorization"));
    BOOST_TEST_REQUIRE(auth.has_value());
    const gi::sigv4::request_ref as_received{"POST", "/", "", req.headers, req.body};
    BOOST_TEST((gi::sigv4::verify(*auth, as_received, creds.secret_access_key,
                                  {"us-east-1", "sts", when}) == gi::sigv4::verdict::ok));
}

BOOST_AUTO_TEST_CASE(a_line_break_in_a_credential_refuses_the_request) {
    const gi::credentials creds{"AKIAEXAMPLEEXAMPLE12", "secret", "token\r\nX-Evil: 1", {}};
    gi::sigv4::signing_key_cache keys;
    std::string text;
    BOOST_TEST(!build_request(glue_parts, creds, when, keys, text));
}

BOOST_AUTO_TEST_CASE(a_request_carries_nothing_of_the_one_built_before_it) {
    // build_request() signs into storage it reuses: the second request, with long-term keys,
    // another host and another time, must be exactly what it would be alone.
    const gi::credentials temporary{"ASIAEXAMPLEEXAMPLE12", "secret/one", "token-abc", {}};
    const gi::credentials long_term{"AKIAEXAMPLEEXAMPLE34", "secret/two", "", {}};
    request_parts other = glue_parts;
    other.host_header = "127.0.0.1:8443";
    other.body = "{}";
    gi::sigv4::signing_key_cache keys;
    std::string text;
    BOOST_TEST_REQUIRE(build_request(glue_parts, temporary, when, keys, text));
    BOOST_TEST_REQUIRE(build_request(other, long_term, when + 1h, keys, text));
    const auto req = parse(text);
    for (const auto& name : req.names) {
        BOOST_TEST(name != "x-amz-security-token");
    }
    BOOST_TEST(req.header("x-amz-date") == "20261201T042000Z");
    BOOST_TEST(req.header("host") == "127.0.0.1:8443");
    const auto auth = gi::sigv4::parse_authorization(req.header("authorization"));
    BOOST_TEST_REQUIRE(auth.has_value());
    BOOST_TEST(auth->access_key_id == "AKIAEXAMPLEEXAMPLE34");
    const gi::sigv4::request_ref as_received{"POST", "/", "", req.headers, req.body};
    BOOST_TEST((gi::sigv4::verify(*auth, as_received, long_term.secret_access_key,
                                  {"us-east-1", "glue", when + 1h}) == gi::sigv4::verdict::ok));

    gi::sigv4::signing_key_cache fresh_keys;
    std::string alone;
    BOOST_TEST_REQUIRE(build_request(other, long_term, when + 1h, fresh_keys, alone));
    BOOST_TEST(text == alone);
}

BOOST_AUTO_TEST_SUITE_END()
