// The signer's helpers and the choices the suite does not pin down.
#include "sigv4/signer.hpp"

#include <array>
#include <boost/test/unit_test.hpp>

namespace sigv4 = glue_inventory::sigv4;
using namespace std::chrono_literals;

namespace {

// 2015-08-30T12:36:00Z, the suite's time.
constexpr std::chrono::sys_seconds suite_time =
    std::chrono::sys_days{std::chrono::year{2015} / 8 / 30} + 12h + 36min;

} // namespace

BOOST_AUTO_TEST_SUITE(signer)

BOOST_AUTO_TEST_CASE(amz_date_is_iso8601_basic_utc) {
    BOOST_TEST(sigv4::amz_date(suite_time) == "20150830T123600Z");
    BOOST_TEST(sigv4::date_stamp(suite_time) == "20150830");
    BOOST_TEST(sigv4::amz_date(std::chrono::sys_days{std::chrono::year{2024} / 1 / 2} + 3h + 4min +
                               5s) == "20240102T030405Z");
}

BOOST_AUTO_TEST_CASE(parse_amz_date_reads_what_amz_date_writes) {
    BOOST_TEST((sigv4::parse_amz_date("20150830T123600Z") == suite_time));
}

BOOST_AUTO_TEST_CASE(parse_amz_date_rejects_anything_else) {
    for (const std::string_view bad :
         {"", "20150830T123600", "2015-08-30T12:36:00Z", "20150230T123600Z", "20150830T243600Z",
          "20150830T126000Z", "2015O830T123600Z", "20150830 123600Z", "20150830T123600Z "}) {
        BOOST_TEST_CONTEXT(bad) {
            BOOST_TEST(!sigv4::parse_amz_date(bad).has_value());
        }
    }
}

BOOST_AUTO_TEST_CASE(sha256_hex_of_the_empty_payload_is_the_well_known_hash) {
    BOOST_TEST(sigv4::sha256_hex("") ==
               "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

BOOST_AUTO_TEST_CASE(hex_encode_writes_lower_case_pairs) {
    const std::array<std::uint8_t, 4> bytes{0x00, 0x0f, 0xa0, 0xff};
    BOOST_TEST(sigv4::hex_encode(bytes) == "000fa0ff");
}

BOOST_AUTO_TEST_CASE(derive_signing_key_matches_the_aws_documentation_example) {
    // "Examples of how to derive a signing key for Signature Version 4" (AWS General Reference).
    const sigv4::scope sc{"us-east-1", "iam",
                          std::chrono::sys_days{std::chrono::year{2012} / 2 / 15}};
    const auto key = sigv4::derive_signing_key("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sc);
    BOOST_TEST(sigv4::hex_encode(key) ==
               "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

BOOST_AUTO_TEST_CASE(session_token_is_signed_as_x_amz_security_token) {
    const std::array headers{sigv4::header_ref{"Host", "glue.us-east-1.amazonaws.com"}};
    const sigv4::request_ref req{"POST", "/", "", headers, "{}"};
    const sigv4::scope sc{"us-east-1", "glue", suite_time};
    const sigv4::credentials_ref creds{"AKIDEXAMPLE", "secret", "TOKEN"};
    const auto out = sigv4::sign(req, sc, creds, sigv4::derive_signing_key("secret", sc));
    BOOST_TEST(out.x_amz_security_token == "TOKEN");
    BOOST_TEST(out.authorization.find("SignedHeaders=host;x-amz-date;x-amz-security-token,") !=
               std::string::npos);
    BOOST_TEST(sigv4::canonical_request(req, sc, creds).find("\nx-amz-security-token:TOKEN\n") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(long_term_credentials_send_no_token) {
    const std::array headers{sigv4::header_ref{"Host", "glue.us-east-1.amazonaws.com"}};
    const sigv4::request_ref req{"POST", "/", "", headers, "{}"};
    const sigv4::scope sc{"us-east-1", "glue", suite_time};
    const auto out = sigv4::sign(req, sc, {"AKIDEXAMPLE", "secret", ""},
                                 sigv4::derive_signing_key("secret", sc));
    BOOST_TEST(out.x_amz_security_token.empty());
    BOOST_TEST(out.authorization.find("SignedHeaders=host;x-amz-date,") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(requests_with_many_headers_sign_like_small_ones) {
    // More headers than the signer gathers on the stack: the heap path must agree.
    std::vector<std::string> names;
    for (int i = 0; i < 40; ++i) {
        names.push_back("X-Custom-" + std::to_string(100 + i));
    }
    std::vector<sigv4::header_ref> headers{{"Host", "example.amazonaws.com"}};
    for (const auto& n : names) {
        headers.push_back({n, "v"});
    }
    const sigv4::request_ref req{"GET", "/", "", headers, ""};
    const sigv4::scope sc{"us-east-1", "service", suite_time};
    const auto canonical = sigv4::canonical_request(req, sc, {"AKIDEXAMPLE", "s", ""});
    BOOST_TEST(canonical.find("host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n"
                              "x-custom-100:v\n") != std::string::npos);
    BOOST_TEST(canonical.find("x-custom-139:v\n\nhost;x-amz-date;x-custom-100;") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(long_values_are_trimmed_and_their_white_space_runs_collapsed_anywhere) {
    // Values are scanned for white space eight bytes at a time: white space at every offset of
    // a value longer than a word, and bytes past 0x7f, still canonicalise as one space per run.
    const auto reference = [](const std::string& v) {
        std::string out;
        std::size_t i = 0;
        const auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
        while (i < v.size()) {
            while (i < v.size() && space(v[i])) {
                ++i;
            }
            std::size_t j = i;
            while (j < v.size() && !space(v[j])) {
                ++j;
            }
            if (j > i) {
                out += (out.empty() ? "" : " ") + v.substr(i, j - i);
            }
            i = j;
        }
        return out;
    };
    const std::string base = "ab\xC3\xA9"
                             "cdefghijklmnopqrstuvwxyz0123456789";
    const sigv4::scope sc{"us-east-1", "service", suite_time};
    for (std::size_t at = 0; at < base.size(); ++at) {
        for (const std::string ws : {" ", "\t", "  \n", "\x0b\x0c\r"}) {
            const std::string value = base.substr(0, at) + ws + base.substr(at);
            const std::vector<sigv4::header_ref> headers{{"X-Long", value}};
            const auto canonical = sigv4::canonical_request(
                sigv4::request_ref{"GET", "/", "", headers, ""}, sc, {"AKIDEXAMPLE", "s", ""});
            BOOST_TEST(canonical.find("\nx-long:" + reference(value) + "\n") != std::string::npos,
                       "white space at " << at);
        }
    }
}

BOOST_AUTO_TEST_CASE(signing_into_a_reused_set_of_headers_leaves_nothing_of_the_previous) {
    const std::array headers{sigv4::header_ref{"Host", "glue.us-east-1.amazonaws.com"}};
    const sigv4::request_ref first{"POST", "/", "", headers, R"({"NextToken":"long-token"})"};
    const sigv4::request_ref second{"POST", "/", "", headers, "{}"};
    const sigv4::scope sc{"us-east-1", "glue", suite_time};
    const sigv4::scope next_day{"us-east-1", "glue", suite_time + 24h};
    const sigv4::credentials_ref temporary{"ASIAEXAMPLEEXAMPLE12", "secret", "TOKEN"};
    const sigv4::credentials_ref long_term{"AKID", "secret", ""};
    sigv4::options with_body;
    with_body.sign_body = true;

    sigv4::signature_headers reused;
    sigv4::sign(first, sc, temporary, sigv4::derive_signing_key("secret", sc), reused, with_body);
    sigv4::sign(second, next_day, long_term, sigv4::derive_signing_key("secret", next_day), reused);
    const auto fresh =
        sigv4::sign(second, next_day, long_term, sigv4::derive_signing_key("secret", next_day));
    BOOST_TEST(reused.x_amz_date == fresh.x_amz_date);
    BOOST_TEST(reused.x_amz_security_token.empty());
    BOOST_TEST(reused.x_amz_content_sha256.empty());
    BOOST_TEST(reused.authorization == fresh.authorization);
}

BOOST_AUTO_TEST_SUITE_END()
