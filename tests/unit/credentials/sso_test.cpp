// The SSO core: settings and the AWS CLI's errors, the cache file (name, read, write), the
// refresh decision (botocore's test_tokens.py scenarios), CreateToken and GetRoleCredentials,
// and two replays of smithy-rs cases: profile-provider/sso_credentials (the portal request and
// answer) and default-token-provider-chain/* (the cached token of an sso-session profile).
#include "credentials/read_file.hpp"
#include "credentials/sso.hpp"
#include "test_env.hpp"

#include <boost/test/unit_test.hpp>
#include <simdjson.h>

namespace gc = glue_inventory::creds;
namespace sso = glue_inventory::creds::sso;
using namespace std::chrono_literals;

namespace {

const std::chrono::sys_seconds now{std::chrono::sys_days{std::chrono::year{2026} / 12 / 1}};

std::string data(const std::string& path) {
    auto text = gc::read_text_file(std::string(GLUE_TEST_DATA_DIR) + "/credential-chain/" + path);
    BOOST_REQUIRE(text.has_value() && text->has_value());
    return **text;
}

sso::settings settings_of(std::string_view config, std::string_view profile) {
    auto set = gc::testing::profiles_of(config);
    auto s = sso::resolve_settings(set, profile);
    BOOST_REQUIRE_MESSAGE(s.has_value(), s.error().message);
    BOOST_REQUIRE(s->has_value());
    return **s;
}

std::string error_of(std::string_view config, std::string_view profile) {
    auto set = gc::testing::profiles_of(config);
    auto s = sso::resolve_settings(set, profile);
    BOOST_REQUIRE(s.has_error());
    return s.error().message;
}

gc::http_outcome answer(unsigned status, std::string body) {
    return gc::http_outcome::of(gc::http_answer{status, {}, std::move(body)});
}

const std::string session_config = "[profile dev]\nsso_session = my-sso\n"
                                   "sso_account_id = 111122223333\nsso_role_name = ReadOnly\n"
                                   "[sso-session my-sso]\n"
                                   "sso_start_url = https://d-abc123.awsapps.com/start\n"
                                   "sso_region = us-east-1\n";

sso::cached_token refreshable_token() {
    sso::cached_token t;
    t.access_token = "cached-access";
    t.expires_at = now + 10min;
    t.refresh_token = "cached-refresh";
    t.client_id = "client";
    t.client_secret = "client-secret";
    t.registration_expires_at = now + 24h;
    return t;
}

} // namespace

BOOST_AUTO_TEST_SUITE(sso_core)

BOOST_AUTO_TEST_CASE(the_cache_file_is_named_by_the_sha1_of_the_session_or_start_url) {
    BOOST_TEST(sso::sha1_hex("test-sso") == "d12208e38164f558a1d06c99432ab77dbb346c45");
    BOOST_TEST(sso::sha1_hex("admin") == "d033e22ae348aeb5660fc2140aec35850c4da997");
    BOOST_TEST(sso::sha1_hex("https://ssotest.awsapps.com/start") ==
               "dace00cba5f8355ec9d274ceb2bcebdfbeed0e12");
    auto s = settings_of(session_config, "dev");
    BOOST_TEST(sso::cache_file(s, "/h/.aws/sso/cache") ==
               "/h/.aws/sso/cache/" + sso::sha1_hex("my-sso") + ".json");
    auto legacy = settings_of("[profile l]\nsso_start_url = https://x/start\nsso_region = r\n"
                              "sso_account_id = 1\nsso_role_name = R\n",
                              "l");
    BOOST_TEST(!legacy.session_name);
    BOOST_TEST(legacy.cache_key() == "https://x/start");
}

BOOST_AUTO_TEST_CASE(a_profile_without_account_or_role_has_no_sso_credentials) {
    auto set = gc::testing::profiles_of("[profile t]\nsso_session = s\n[sso-session s]\n");
    auto s = sso::resolve_settings(set, "t");
    BOOST_TEST_REQUIRE(s.has_value());
    BOOST_TEST(!s->has_value());
}

BOOST_AUTO_TEST_CASE(configuration_errors_use_the_aws_clis_words) {
    BOOST_TEST(error_of("[profile p]\nsso_session = nope\nsso_account_id = 1\n", "p") ==
               "The specified sso-session does not exist: \"nope\"");
    BOOST_TEST(error_of("[profile p]\nsso_account_id = 1\nsso_region = r\n", "p") ==
               "The profile \"p\" is configured to use SSO but is missing required "
               "configuration: sso_start_url, sso_role_name");
    BOOST_TEST(error_of(session_config + "[profile q]\nsso_session = my-sso\nsso_region = "
                                         "eu-west-1\nsso_account_id = 1\nsso_role_name = R\n",
                        "q") == "The value for sso_region is inconsistent between profile "
                                "(eu-west-1) and sso-session (us-east-1)");
}

BOOST_AUTO_TEST_CASE(replay_profile_provider_sso_credentials) {
    const std::string dir = "profile-provider/sso_credentials/fs/home/.aws/";
    auto set = gc::testing::profiles_of(data(dir + "config"));
    auto s = sso::resolve_settings(set, "default");
    BOOST_TEST_REQUIRE(s.has_value());
    BOOST_TEST_REQUIRE(s->has_value());
    const std::string cache = sso::cache_file(**s, "sso/cache");
    BOOST_TEST(cache == "sso/cache/34c6fceca75e456f25e7e99531e2425c6c1de443.json");
    auto token = sso::parse_cached_token(data(dir + cache), (*s)->cache_key());
    BOOST_TEST_REQUIRE(token.has_value());
    BOOST_TEST((sso::decide(**s, *token, now, std::nullopt) == sso::token_action::use));

    auto request = sso::get_role_credentials_request(**s, token->access_token);
    BOOST_TEST("https://" + sso::portal_host((*s)->region) + request.target ==
               "https://portal.sso.us-east-1.amazonaws.com/federation/"
               "credentials?role_name=SampleRole&account_id=012345678901");
    BOOST_TEST(request.method == "GET");
    BOOST_TEST(*request.header("x-amz-sso_bearer_token") == "secret-access-token");

    simdjson::dom::parser parser;
    const std::string traffic = data("profile-provider/sso_credentials/http-traffic.json");
    simdjson::dom::element events = parser.parse(traffic)["events"].value();
    std::string_view body = events.at(4)["action"]["Data"]["data"]["Utf8"].get_string().value();
    auto creds = sso::read_role_credentials(**s, answer(200, std::string(body)));
    BOOST_TEST_REQUIRE(creds.has_value());
    BOOST_TEST(creds->access_key_id == "ASIARTESTID");
    BOOST_TEST(creds->secret_access_key == "TESTSECRETKEY");
    BOOST_TEST(creds->session_token == "TESTSESSIONTOKEN");
    BOOST_TEST(creds->expiration->time_since_epoch().count() == 1651516560);
    BOOST_TEST((*s)->account_id == "012345678901");
}

BOOST_AUTO_TEST_CASE(replay_default_token_provider_chain_cases) {
    for (const char* name : {"profile_keys", "profile_keys_case_insensitive", "profile_name"}) {
        BOOST_TEST_CONTEXT(name) {
            const std::string dir = std::string("default-token-provider-chain/") + name;
            simdjson::dom::parser parser;
            const std::string env_text = data(dir + "/env.json");
            simdjson::dom::object env = parser.parse(env_text).get_object().value();
            std::string_view profile = "default";
            if (env["AWS_PROFILE"].get(profile) != simdjson::SUCCESS) {
                profile = "default";
            }
            auto set = gc::testing::profiles_of(data(dir + "/fs/home/.aws/config"));
            const std::string* session = set.profiles.at(std::string(profile)).find("sso_session");
            BOOST_TEST_REQUIRE(session != nullptr);
            auto token = sso::parse_cached_token(
                data(dir + "/fs/home/.aws/sso/cache/" + sso::sha1_hex(*session) + ".json"),
                *session);
            BOOST_TEST_REQUIRE(token.has_value());
            simdjson::dom::parser expected_parser;
            const std::string expected_text = data(dir + "/test-case.json");
            simdjson::dom::object ok =
                expected_parser.parse(expected_text)["result"]["Ok"].get_object().value();
            BOOST_TEST(token->access_token == ok["token"].get_string().value());
            BOOST_TEST(
                (token->expires_at == *gc::testing::iso(ok["expiration"].get_string().value())));
        }
    }
}

BOOST_AUTO_TEST_CASE(the_cache_file_round_trips_and_errors_hide_the_token) {
    auto t = refreshable_token();
    t.region = "us-east-1";
    t.start_url = "https://d-abc123.awsapps.com/start";
    auto back = sso::parse_cached_token(sso::write_cached_token(t), "k");
    BOOST_TEST_REQUIRE(back.has_value());
    BOOST_TEST(back->access_token == t.access_token);
    BOOST_TEST((back->expires_at == t.expires_at));
    BOOST_TEST(*back->refresh_token == "cached-refresh");
    BOOST_TEST(*back->client_secret == "client-secret");
    BOOST_TEST((*back->registration_expires_at == *t.registration_expires_at));
    BOOST_TEST(*back->start_url == *t.start_url);

    auto bad = sso::parse_cached_token(R"({"accessToken":"tok-SECRET"})", "my-sso");
    BOOST_TEST_REQUIRE(bad.has_error());
    BOOST_TEST(bad.error().message.find("Token for my-sso is invalid") != std::string::npos);
    BOOST_TEST(bad.error().message.find("tok-SECRET") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(refresh_decisions) {
    auto session = settings_of(session_config, "dev");
    auto t = refreshable_token();
    BOOST_TEST((sso::decide(session, t, now, std::nullopt) == sso::token_action::refresh));
    // A recent attempt: use the still-valid token, and refuse it once expired.
    BOOST_TEST((sso::decide(session, t, now, now - 30s) == sso::token_action::use));
    t.expires_at = now - 1s;
    BOOST_TEST((sso::decide(session, t, now, now - 30s) == sso::token_action::refuse));
    BOOST_TEST((sso::decide(session, t, now, now - 61s) == sso::token_action::refresh));
    // Outside the window: use.
    t.expires_at = now + 1h;
    BOOST_TEST((sso::decide(session, t, now, std::nullopt) == sso::token_action::use));
    // Expired registration or missing fields: no refresh.
    t.expires_at = now - 1s;
    t.registration_expires_at = now - 1s;
    BOOST_TEST((sso::decide(session, t, now, std::nullopt) == sso::token_action::refuse));
    t = refreshable_token();
    t.expires_at = now - 1s;
    t.client_secret.reset();
    BOOST_TEST((sso::decide(session, t, now, std::nullopt) == sso::token_action::refuse));
    // Legacy profiles never refresh.
    auto legacy = session;
    legacy.session_name.reset();
    t = refreshable_token();
    BOOST_TEST((sso::decide(legacy, t, now, std::nullopt) == sso::token_action::use));
    t.expires_at = now;
    BOOST_TEST((sso::decide(legacy, t, now, std::nullopt) == sso::token_action::refuse));
}

BOOST_AUTO_TEST_CASE(create_token_request_and_answer) {
    auto t = refreshable_token();
    auto r = sso::create_token_request(t);
    BOOST_TEST(r.method == "POST");
    BOOST_TEST(r.target == "/token");
    BOOST_TEST(*r.header("Content-Type") == "application/json");
    BOOST_TEST(r.body == R"({"clientId":"client","clientSecret":"client-secret",)"
                         R"("grantType":"refresh_token","refreshToken":"cached-refresh"})");
    BOOST_TEST(sso::oidc_host("us-east-1") == "oidc.us-east-1.amazonaws.com");

    auto with_new = sso::apply_create_token_answer(
        t,
        answer(200, R"({"accessToken":"new-access","tokenType":"Bearer","expiresIn":28800,)"
                    R"("refreshToken":"new-refresh"})"),
        now);
    BOOST_TEST_REQUIRE(with_new.has_value());
    BOOST_TEST(with_new->access_token == "new-access");
    BOOST_TEST((with_new->expires_at == now + 8h));
    BOOST_TEST(*with_new->refresh_token == "new-refresh");
    BOOST_TEST(*with_new->client_secret == "client-secret");

    auto keep_old = sso::apply_create_token_answer(
        t, answer(200, R"({"accessToken":"new-access","expiresIn":60})"), now);
    BOOST_TEST(*keep_old->refresh_token == "cached-refresh");

    auto refused =
        sso::apply_create_token_answer(t, answer(400, R"({"error":"invalid_grant"})"), now);
    BOOST_TEST_REQUIRE(refused.has_error());
    BOOST_TEST(!refused.error().retryable);
    BOOST_TEST(refused.error().message.find("invalid_grant") != std::string::npos);
    BOOST_TEST(refused.error().message.find("cached-refresh") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(role_credentials_errors) {
    auto s = settings_of(session_config, "dev");
    auto unauthorized = sso::read_role_credentials(s, answer(401, "{}"));
    BOOST_TEST_REQUIRE(unauthorized.has_error());
    BOOST_TEST(unauthorized.error().message.find("run aws sso login") != std::string::npos);
    BOOST_TEST(unauthorized.error().message.find("profile 'dev'") != std::string::npos);
    gc::http_answer throttled{429, {{"x-amzn-ErrorType", "TooManyRequestsException:http://x"}}, ""};
    auto t = sso::read_role_credentials(s, gc::http_outcome::of(throttled));
    BOOST_TEST(t.error().retryable);
    BOOST_TEST(t.error().message.find("TooManyRequestsException") != std::string::npos);
    BOOST_TEST(sso::read_role_credentials(s, answer(500, "")).error().retryable);
    BOOST_TEST(
        !sso::read_role_credentials(s, answer(404, R"({"__type":"ResourceNotFoundException"})"))
             .error()
             .retryable);
}

BOOST_AUTO_TEST_SUITE_END()
