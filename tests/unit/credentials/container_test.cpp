// The container core: every case of smithy-rs' ecs-tests.json, the host rules, the token and
// the answers (the scenarios of aws-sdk-cpp's GeneralHTTPCredentialsProviderTest, as our own).
#include "credentials/container.hpp"
#include "test_env.hpp"

#include <boost/test/unit_test.hpp>
#include <simdjson.h>

namespace gc = glue_inventory::creds;
namespace container = glue_inventory::creds::container;
using gc::testing::env_map;

namespace {

container::settings settings_of(const env_map& env) {
    auto s = container::resolve_settings(gc::testing::lookup_in(env));
    BOOST_REQUIRE_MESSAGE(s.has_value(), s.error().message);
    BOOST_REQUIRE(s->has_value());
    return **s;
}

std::string error_of(const env_map& env) {
    auto s = container::resolve_settings(gc::testing::lookup_in(env));
    BOOST_REQUIRE(s.has_error());
    return s.error().message;
}

gc::http_outcome answer(unsigned status, std::string body) {
    return gc::http_outcome::of(gc::http_answer{status, {}, std::move(body)});
}

const std::string good_body =
    R"({"AccessKeyId":"ASIACONT","SecretAccessKey":"cont-secret","Token":"cont-token",)"
    R"("Expiration":"2026-12-01T06:00:00.000Z","AccountId":"123456789012","RoleArn":"x"})";

} // namespace

BOOST_AUTO_TEST_SUITE(container_core)

BOOST_AUTO_TEST_CASE(every_ecs_uri_case_gives_the_sdks_uri_or_error) {
    simdjson::dom::parser parser;
    simdjson::dom::element root =
        parser.load(std::string(GLUE_TEST_DATA_DIR) + "/credential-chain/ecs-tests.json").value();
    const simdjson::dom::array cases = root["tests"].get_array().value();
    std::size_t checked = 0;
    for (auto c : cases) {
        BOOST_TEST_CONTEXT(c["docs"].get_string().value()) {
            env_map env;
            const simdjson::dom::object env_json = c["env"].get_object().value();
            for (auto [k, v] : env_json) {
                env[std::string(k)] = std::string(v.get_string().value());
            }
            auto s = container::resolve_settings(gc::testing::lookup_in(env));
            const simdjson::dom::object result = c["result"].get_object().value();
            std::string_view text;
            if (result["Ok"].get(text) == simdjson::SUCCESS) {
                BOOST_TEST_REQUIRE(s.has_value(), s.error().message);
                BOOST_TEST_REQUIRE(s->has_value());
                BOOST_TEST((*s)->uri.text() == text);
                if ((*s)->host_to_resolve) {
                    // The suite's one host name; a resolver would answer the loopback pair.
                    BOOST_TEST(*(*s)->host_to_resolve == "localhost");
                    BOOST_TEST(
                        container::check_resolved_addresses(**s, {"127.0.0.1", "::1"}).has_value());
                }
            } else {
                text = result["ErrorContains"].get_string().value();
                if (env.empty()) {
                    // Rust's "not enabled" error is our "not configured": the chain moves on.
                    BOOST_TEST(text.find("No environment variables were set") == 0U);
                    BOOST_TEST_REQUIRE(s.has_value());
                    BOOST_TEST(!s->has_value());
                } else {
                    BOOST_TEST_REQUIRE(s.has_error());
                    BOOST_TEST(s.error().message.find(text) != std::string::npos,
                               s.error().message << " should contain " << text);
                }
            }
            ++checked;
        }
    }
    BOOST_TEST(checked == 11U);
}

BOOST_AUTO_TEST_CASE(plain_http_is_refused_to_any_other_address) {
    for (const char* uri : {"http://192.168.1.1/endpoint", "http://169.254.170.3/endpoint",
                            "http://[fd00:ec2::2]/", "http://169.254.171.23/"}) {
        BOOST_TEST_CONTEXT(uri) {
            BOOST_TEST(error_of({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", uri}}).find("use https") !=
                       std::string::npos);
        }
    }
    for (const char* uri : {"http://127.0.0.1/x", "http://127.1.2.3:9000/x", "http://[::1]/x",
                            "http://169.254.170.23/v1/credentials", "https://192.168.1.1/x"}) {
        BOOST_TEST_CONTEXT(uri) {
            auto s = settings_of({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", uri}});
            BOOST_TEST(!s.host_to_resolve);
        }
    }
}

BOOST_AUTO_TEST_CASE(every_resolved_address_of_an_http_host_must_be_allowed) {
    auto s = settings_of({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://creds.internal/x"}});
    BOOST_TEST_REQUIRE(s.host_to_resolve.has_value());
    BOOST_TEST(container::check_resolved_addresses(s, {"127.0.0.1"}).has_value());
    BOOST_TEST(container::check_resolved_addresses(s, {"127.0.0.1", "10.0.0.1"}).has_error());
    BOOST_TEST(container::check_resolved_addresses(s, {}).has_error());
}

BOOST_AUTO_TEST_CASE(the_request_carries_accept_and_the_token_verbatim) {
    auto s = settings_of({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/creds?id=1"},
                          {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "Basic abc "}});
    auto r = container::build_request(s, std::nullopt);
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->method == "GET");
    BOOST_TEST(r->target == "/v2/creds?id=1");
    BOOST_TEST(*r->header("Accept") == "application/json");
    BOOST_TEST(*r->header("Authorization") == "Basic abc ");
}

BOOST_AUTO_TEST_CASE(the_token_file_wins_over_the_token_and_is_read_by_the_caller) {
    auto s = settings_of({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/c"},
                          {"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/var/run/token"},
                          {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "from-env"}});
    BOOST_TEST(*s.token_file == "/var/run/token");
    BOOST_TEST(!s.token);
    auto first = container::build_request(s, std::string("rotated-1"));
    auto second = container::build_request(s, std::string("rotated-2"));
    BOOST_TEST(*first->header("Authorization") == "rotated-1");
    BOOST_TEST(*second->header("Authorization") == "rotated-2");
    BOOST_TEST(container::build_request(s, std::nullopt).has_error());
}

BOOST_AUTO_TEST_CASE(a_token_with_cr_or_lf_is_refused_without_quoting_it) {
    for (const char* token : {"abc\r\nX-Injected: 1", "abc\n", "abc\rdef"}) {
        auto s = settings_of({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/c"},
                              {"AWS_CONTAINER_AUTHORIZATION_TOKEN", token}});
        auto r = container::build_request(s, std::nullopt);
        BOOST_TEST_REQUIRE(r.has_error());
        BOOST_TEST(r.error().message.find("abc") == std::string::npos);
        BOOST_TEST(r.error().message.find("CR or LF") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(a_relative_uri_must_start_with_a_slash) {
    BOOST_TEST(error_of({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "credentials"}})
                   .find("must start with '/'") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(answers_give_credentials_or_a_classified_failure) {
    auto s = settings_of({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/c"}});
    auto ok = container::read_answer(s, answer(200, good_body));
    BOOST_TEST_REQUIRE(ok.has_value());
    BOOST_TEST(ok->creds.access_key_id == "ASIACONT");
    BOOST_TEST(ok->creds.session_token == "cont-token");
    BOOST_TEST(*ok->account_id == "123456789012");
    BOOST_TEST(ok->creds.expiration.has_value());

    auto unauthorized = container::read_answer(s, answer(401, R"({"Code":"TokenNotFound"})"));
    BOOST_TEST_REQUIRE(unauthorized.has_error());
    BOOST_TEST(!unauthorized.error().retryable);
    BOOST_TEST(unauthorized.error().message.find("401 TokenNotFound") != std::string::npos);

    BOOST_TEST(!container::read_answer(s, answer(429, "")).error().retryable);
    BOOST_TEST(!container::read_answer(s, answer(301, "")).error().retryable);
    BOOST_TEST(container::read_answer(s, answer(500, "")).error().retryable);
    BOOST_TEST(container::read_answer(s, answer(200, "{")).error().retryable);
    BOOST_TEST(container::read_answer(s, gc::http_outcome::failed("refused")).error().retryable);

    auto missing = container::read_answer(
        s, answer(200, R"({"AccessKeyId":"A","SecretAccessKey":"S3CR3T","Expiration":"x"})"));
    BOOST_TEST_REQUIRE(missing.has_error());
    BOOST_TEST(missing.error().message.find("S3CR3T") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
