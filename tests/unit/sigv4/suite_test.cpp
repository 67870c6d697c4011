// The official SigV4 suite, every case: each step of the algorithm byte for byte.
#include "aws_suite.hpp"

#include <boost/test/unit_test.hpp>

namespace sigv4 = glue_inventory::sigv4;
using sigv4::test::aws_suite;

BOOST_AUTO_TEST_SUITE(official_suite)

BOOST_AUTO_TEST_CASE(every_case_folder_is_read) {
    // 38 cases in aws-c-auth's v4 suite: fewer means a folder went missing or failed to parse.
    BOOST_TEST(aws_suite().size() >= 38U);
}

BOOST_AUTO_TEST_CASE(canonical_requests_match) {
    for (const auto& c : aws_suite()) {
        BOOST_TEST_CONTEXT(c.name) {
            const auto headers = c.header_refs();
            BOOST_TEST(sigv4::canonical_request(c.request(headers), c.signing_scope(),
                                                c.credentials(),
                                                c.signing_options()) == c.canonical_request);
        }
    }
}

BOOST_AUTO_TEST_CASE(strings_to_sign_match) {
    for (const auto& c : aws_suite()) {
        BOOST_TEST_CONTEXT(c.name) {
            BOOST_TEST(sigv4::string_to_sign(c.canonical_request, c.signing_scope()) ==
                       c.string_to_sign);
        }
    }
}

BOOST_AUTO_TEST_CASE(signatures_match) {
    for (const auto& c : aws_suite()) {
        BOOST_TEST_CONTEXT(c.name) {
            const auto key = sigv4::derive_signing_key(c.secret_access_key, c.signing_scope());
            BOOST_TEST(sigv4::signature_hex(key, c.string_to_sign) == c.signature);
        }
    }
}

BOOST_AUTO_TEST_CASE(sign_produces_the_headers_of_the_signed_requests) {
    for (const auto& c : aws_suite()) {
        BOOST_TEST_CONTEXT(c.name) {
            const auto headers = c.header_refs();
            const auto key = sigv4::derive_signing_key(c.secret_access_key, c.signing_scope());
            const auto out = sigv4::sign(c.request(headers), c.signing_scope(), c.credentials(),
                                         key, c.signing_options());
            BOOST_TEST(out.authorization == c.signed_request_header("Authorization"));
            BOOST_TEST(out.x_amz_date == c.signed_request_header("X-Amz-Date"));
            BOOST_TEST(out.x_amz_security_token == c.signed_request_header("X-Amz-Security-Token"));
            BOOST_TEST(out.x_amz_content_sha256 == c.signed_request_header("x-amz-content-sha256"));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
