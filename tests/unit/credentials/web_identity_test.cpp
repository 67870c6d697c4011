// The web identity core: settings from env and profile, the unsigned request as the SDKs'
// recorded traffic shows it (smithy-rs web_identity_token_env/http-traffic.json), the answer.
#include "credentials/web_identity.hpp"
#include "test_env.hpp"

#include <boost/test/unit_test.hpp>

namespace gc = glue_inventory::creds;
namespace wi = glue_inventory::creds::web_identity;
using gc::testing::env_map;

namespace {

const std::chrono::sys_seconds now{std::chrono::sys_days{std::chrono::year{2026} / 12 / 1}};

std::optional<wi::settings> resolve(const env_map& env, const gc::profile_set* set = nullptr,
                                    std::string_view name = "default", bool is_explicit = false) {
    const gc::profile_set::profile* p = nullptr;
    if (set != nullptr) {
        auto it = set->profiles.find(name);
        p = it == set->profiles.end() ? nullptr : &it->second;
    }
    auto s = wi::resolve_settings(gc::testing::lookup_in(env), p, name, is_explicit, now);
    BOOST_REQUIRE_MESSAGE(s.has_value(), s.error().message);
    return *s;
}

gc::http_outcome answer(unsigned status, std::string body) {
    return gc::http_outcome::of(gc::http_answer{status, {}, std::move(body)});
}

const std::string ok_body =
    R"(<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithWebIdentityResult>
    <Credentials>
      <AccessKeyId>ASIAWEBID</AccessKeyId>
      <SecretAccessKey>webid-secret</SecretAccessKey>
      <SessionToken>webid-session</SessionToken>
      <Expiration>2026-12-01T01:00:00Z</Expiration>
    </Credentials>
    <SubjectFromWebIdentityToken>system:serviceaccount:ns:sa</SubjectFromWebIdentityToken>
    <AssumedRoleUser>
      <AssumedRoleId>AROAEXAMPLE:test-session</AssumedRoleId>
      <Arn>arn:aws:sts::123456789123:assumed-role/test-role/test-session</Arn>
    </AssumedRoleUser>
    <Provider>oidc.eks.us-east-1.amazonaws.com</Provider>
    <Audience>sts.amazonaws.com</Audience>
  </AssumeRoleWithWebIdentityResult>
  <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>)";

std::string error_body(std::string_view code) {
    return "<ErrorResponse><Error><Type>Sender</Type><Code>" + std::string(code) +
           "</Code><Message>msg</Message></Error><RequestId>r</RequestId></ErrorResponse>";
}

} // namespace

BOOST_AUTO_TEST_SUITE(web_identity_core)

BOOST_AUTO_TEST_CASE(not_configured_without_a_token_file) {
    BOOST_TEST(!resolve({{"AWS_ROLE_ARN", "arn:aws:iam::123456789123:role/r"}}));
}

BOOST_AUTO_TEST_CASE(the_environment_configures_it) {
    auto s = resolve({{"AWS_WEB_IDENTITY_TOKEN_FILE", "/token.jwt"},
                      {"AWS_ROLE_ARN", "arn:aws:iam::123456789123:role/test-role"},
                      {"AWS_ROLE_SESSION_NAME", "test-session"}});
    BOOST_TEST_REQUIRE(s.has_value());
    BOOST_TEST(s->token_file == "/token.jwt");
    BOOST_TEST(s->role_session_name == "test-session");
    BOOST_TEST(s->origin == "the environment");
}

BOOST_AUTO_TEST_CASE(the_environment_wins_per_key_unless_the_profile_is_explicit) {
    auto set = gc::testing::profiles_of(
        "[profile p]\nweb_identity_token_file = /p.jwt\nrole_arn = arn:aws:iam::1:role/p\n");
    env_map env{{"AWS_ROLE_ARN", "arn:aws:iam::1:role/env"}};
    auto mixed = resolve(env, &set, "p");
    BOOST_TEST(mixed->token_file == "/p.jwt");
    BOOST_TEST(mixed->role_arn == "arn:aws:iam::1:role/env");
    BOOST_TEST(mixed->role_session_name ==
               "glue-inventory-" + std::to_string(now.time_since_epoch().count()));
    auto explicit_ = resolve(env, &set, "p", true);
    BOOST_TEST(explicit_->role_arn == "arn:aws:iam::1:role/p");
    BOOST_TEST(explicit_->origin == "profile 'p'");
}

BOOST_AUTO_TEST_CASE(a_token_file_without_a_role_arn_is_an_error) {
    auto s = wi::resolve_settings(
        gc::testing::lookup_in(env_map{{"AWS_WEB_IDENTITY_TOKEN_FILE", "/token.jwt"}}), nullptr,
        "default", false, now);
    BOOST_TEST_REQUIRE(s.has_error());
    BOOST_TEST(s.error().message.find("no role ARN") != std::string::npos);
    BOOST_TEST(s.error().message.find("AWS_WEB_IDENTITY_TOKEN_FILE") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_request_is_the_unsigned_post_of_the_recorded_traffic) {
    auto s = resolve({{"AWS_WEB_IDENTITY_TOKEN_FILE", "/token.jwt"},
                      {"AWS_ROLE_ARN", "arn:aws:iam::123456789123:role/test-role"},
                      {"AWS_ROLE_SESSION_NAME", "test-session"}});
    auto r = wi::build_request(*s, "eyJ.payload.sig\n");
    BOOST_TEST_REQUIRE(r.has_value());
    BOOST_TEST(r->method == "POST");
    BOOST_TEST(r->target == "/");
    BOOST_TEST(*r->header("Content-Type") == "application/x-www-form-urlencoded; charset=utf-8");
    BOOST_TEST(r->header("Authorization") == nullptr);
    BOOST_TEST(r->header("X-Amz-Security-Token") == nullptr);
    BOOST_TEST(r->body == "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%"
                          "3Aiam%3A%3A123456789123%3Arole%2Ftest-role&RoleSessionName=test-session&"
                          "WebIdentityToken=eyJ.payload.sig%0A");
}

BOOST_AUTO_TEST_CASE(an_empty_or_binary_token_is_refused_without_quoting_it) {
    wi::settings s{"/t", "arn:aws:iam::1:role/r", "s1", "the environment"};
    BOOST_TEST(wi::build_request(s, "").has_error());
    auto binary = wi::build_request(s, std::string("ab\xff\xfe", 4));
    BOOST_TEST_REQUIRE(binary.has_error());
    BOOST_TEST(binary.error().message.find("ab") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_answer_gives_credentials_and_the_account) {
    wi::settings s{"/t", "arn:aws:iam::123456789123:role/test-role", "s1", "the environment"};
    auto got = wi::read_answer(s, answer(200, ok_body));
    BOOST_TEST_REQUIRE(got.has_value());
    BOOST_TEST(got->creds.access_key_id == "ASIAWEBID");
    BOOST_TEST(got->creds.session_token == "webid-session");
    BOOST_TEST(got->account_id == "123456789123");
}

BOOST_AUTO_TEST_CASE(idp_errors_and_invalid_tokens_are_retried_other_errors_are_not) {
    wi::settings s{"/t", "arn:aws:iam::1:role/r", "s1", "the environment"};
    BOOST_TEST(
        wi::read_answer(s, answer(400, error_body("IDPCommunicationError"))).error().retryable);
    BOOST_TEST(
        wi::read_answer(s, answer(400, error_body("InvalidIdentityToken"))).error().retryable);
    BOOST_TEST(wi::read_answer(s, answer(400, error_body("Throttling"))).error().retryable);
    BOOST_TEST(wi::read_answer(s, answer(503, "")).error().retryable);
    BOOST_TEST(wi::read_answer(s, gc::http_outcome::failed("reset")).error().retryable);
    auto expired = wi::read_answer(s, answer(400, error_body("ExpiredTokenException")));
    BOOST_TEST(!expired.error().retryable);
    BOOST_TEST(expired.error().message.find("ExpiredTokenException: msg") != std::string::npos);
    BOOST_TEST(!wi::read_answer(s, answer(403, error_body("AccessDenied"))).error().retryable);
}

BOOST_AUTO_TEST_CASE(the_account_is_the_fifth_field_of_the_arn) {
    BOOST_TEST(wi::account_of_arn("arn:aws:sts::123456789012:assumed-role/r/s") == "123456789012");
    BOOST_TEST(wi::account_of_arn("nonsense").empty());
}

BOOST_AUTO_TEST_SUITE_END()
