#include "credentials/process_output.hpp"

#include <boost/test/unit_test.hpp>

namespace creds = glue_inventory::creds;

BOOST_AUTO_TEST_SUITE(process_output)

BOOST_AUTO_TEST_CASE(temporary_credentials_with_their_expiry) {
    const auto r = creds::parse_process_output(
        R"({"Version": 1, "AccessKeyId": "ASIAEXAMPLE", "SecretAccessKey": "s3cr3t",
            "SessionToken": "tok", "Expiration": "2026-11-25T18:00:00Z"})");
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->access_key_id == "ASIAEXAMPLE");
    BOOST_TEST(r->secret_access_key == "s3cr3t");
    BOOST_TEST(r->session_token == "tok");
    BOOST_TEST_REQUIRE(r->expiration.has_value());
    BOOST_TEST(r->expiration->time_since_epoch().count() == 1'795'629'600);
}

BOOST_AUTO_TEST_CASE(long_term_keys_need_no_token_nor_expiry) {
    const auto r = creds::parse_process_output(
        R"({"Version": 1, "AccessKeyId": "AKIDEXAMPLE", "SecretAccessKey": "s3cr3t"})");
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->session_token.empty());
    BOOST_TEST(!r->expiration.has_value());
}

BOOST_AUTO_TEST_CASE(bad_output_is_refused_naming_the_member_never_the_secret) {
    const char* cases[] = {
        "not json",
        R"({"AccessKeyId": "AKID", "SecretAccessKey": "s3cr3t"})",
        R"({"Version": 2, "AccessKeyId": "AKID", "SecretAccessKey": "s3cr3t"})",
        R"({"Version": 1, "SecretAccessKey": "s3cr3t"})",
        R"({"Version": 1, "AccessKeyId": "AKID"})",
        R"({"Version": 1, "AccessKeyId": "AKID", "SecretAccessKey": "s3cr3t", "Expiration": "soon"})",
    };
    for (const char* text : cases) {
        const auto r = creds::parse_process_output(text);
        BOOST_TEST(!r.has_value(), text);
        if (!r.has_value()) {
            BOOST_TEST(r.error().message.find("s3cr3t") == std::string::npos);
            BOOST_TEST(r.error().message.find("credential_process") == 0u);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
