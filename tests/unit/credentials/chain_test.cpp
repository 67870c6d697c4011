// The default chain's decision (plan_credentials): botocore's order, one source at a time, and
// a configured source that is wrong is an error, never the next source.
#include "credentials/chain.hpp"
#include "test_env.hpp"

#include <boost/test/unit_test.hpp>

namespace gc = glue_inventory::creds;
using gc::testing::env_map;

namespace {

const std::chrono::sys_seconds now{std::chrono::sys_days{std::chrono::year{2026} / 12 / 1}};

gc::shared_file_settings files_for(std::string profile, bool is_explicit = false) {
    gc::shared_file_settings f;
    f.profile = std::move(profile);
    f.profile_is_explicit = is_explicit;
    return f;
}

gc::credential_plan plan(const env_map& env, std::string_view config,
                         const gc::shared_file_settings& f = files_for("default"),
                         std::string_view credentials = "") {
    auto set = gc::testing::profiles_of(config, credentials);
    auto p = gc::plan_credentials(gc::testing::lookup_in(env), set, f, now);
    BOOST_REQUIRE_MESSAGE(p.has_value(), p.error().message);
    return *p;
}

std::string error_of(const env_map& env, std::string_view config,
                     const gc::shared_file_settings& f = files_for("default")) {
    auto set = gc::testing::profiles_of(config);
    auto p = gc::plan_credentials(gc::testing::lookup_in(env), set, f, now);
    BOOST_REQUIRE(p.has_error());
    return p.error().message;
}

const env_map env_keys{{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", "env-secret"}};
const env_map web_env{{"AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/token"},
                      {"AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/web"}};

} // namespace

BOOST_AUTO_TEST_SUITE(default_chain)

BOOST_AUTO_TEST_CASE(environment_keys_come_first_unless_a_profile_is_explicit) {
    const std::string config =
        "[profile dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = s\n";
    auto p = plan(env_keys, config);
    BOOST_TEST(std::get<gc::keys_base>(p.base).keys.access_key_id == "AKIDENV");
    BOOST_TEST(p.source == "environment variables");
    auto explicit_ = plan(env_keys, config, files_for("dev", true));
    BOOST_TEST(std::get<gc::keys_base>(explicit_.base).keys.access_key_id == "AKIDDEV");
}

BOOST_AUTO_TEST_CASE(a_named_profile_must_exist_the_default_need_not) {
    BOOST_TEST(error_of({}, "", files_for("typo")).find("'typo' is in neither") !=
               std::string::npos);
    BOOST_TEST(std::holds_alternative<gc::imds_base>(plan({}, "").base));
}

BOOST_AUTO_TEST_CASE(nothing_configured_ends_at_instance_metadata_with_its_settings) {
    auto p = plan({{"AWS_EC2_METADATA_DISABLED", "true"}},
                  "[default]\nregion = eu-west-1\nec2_metadata_v1_disabled = true\n");
    const auto& imds = std::get<gc::imds_base>(p.base).settings;
    BOOST_TEST(imds.disabled);
    BOOST_TEST(imds.v1_disabled);
    BOOST_TEST(*p.region == "eu-west-1");
    BOOST_TEST(p.source == "EC2 instance metadata");
}

BOOST_AUTO_TEST_CASE(the_container_comes_before_instance_metadata) {
    auto p = plan({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/x"}}, "");
    BOOST_TEST(std::get<gc::container_base>(p.base).settings.uri.text() ==
               "http://169.254.170.2/v2/credentials/x");
    BOOST_TEST(p.source == "container (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI)");
}

BOOST_AUTO_TEST_CASE(a_configured_container_that_is_wrong_is_an_error_not_imds) {
    BOOST_TEST(
        !error_of({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://10.0.0.1/creds"}}, "").empty());
}

BOOST_AUTO_TEST_CASE(web_identity_from_the_environment_beats_profile_keys) {
    auto p = plan(web_env, "[default]\naws_access_key_id = A\naws_secret_access_key = s\n");
    const auto& w = std::get<gc::web_identity_base>(p.base).settings;
    BOOST_TEST(w.role_arn == "arn:aws:iam::123456789012:role/web");
    BOOST_TEST(p.source == "web identity (the environment)");
}

BOOST_AUTO_TEST_CASE(an_assume_role_profile_beats_web_identity_variables) {
    auto p = plan(web_env, "[default]\nrole_arn = arn:aws:iam::1:role/r\n"
                           "credential_source = Ec2InstanceMetadata\n");
    BOOST_TEST(std::holds_alternative<gc::imds_base>(p.base));
    BOOST_TEST(p.steps.size() == 1U);
}

BOOST_AUTO_TEST_CASE(web_identity_as_a_source_profile_ignores_the_variables) {
    env_map env{{"AWS_ROLE_ARN", "arn:aws:iam::9:role/from-env"}};
    auto p = plan(env,
                  "[profile w]\nweb_identity_token_file = /t\nrole_arn = arn:aws:iam::1:role/w\n"
                  "[profile a]\nrole_arn = arn:aws:iam::2:role/a\nsource_profile = w\n",
                  files_for("a"));
    BOOST_TEST(std::get<gc::web_identity_base>(p.base).settings.role_arn ==
               "arn:aws:iam::1:role/w");
    BOOST_TEST_REQUIRE(p.steps.size() == 1U);
    BOOST_TEST(p.steps[0].role_arn == "arn:aws:iam::2:role/a");
}

BOOST_AUTO_TEST_CASE(an_sso_profile_plans_sso_and_a_broken_one_is_an_error) {
    auto p = plan({},
                  "[profile s]\nsso_session = x\nsso_account_id = 111122223333\n"
                  "sso_role_name = R\n[sso-session x]\nsso_start_url = https://x/start\n"
                  "sso_region = us-east-1\n",
                  files_for("s"));
    BOOST_TEST(std::get<gc::sso_base>(p.base).settings.account_id == "111122223333");
    BOOST_TEST(p.source == "SSO (profile 's')");
    BOOST_TEST(error_of({}, "[profile s]\nsso_account_id = 1\n", files_for("s"))
                   .find("missing required configuration") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(credential_sources_must_be_there) {
    const std::string env_source = "[default]\nrole_arn = arn:aws:iam::1:role/r\n"
                                   "credential_source = Environment\n";
    BOOST_TEST(error_of({}, env_source).find("environment, which has none") != std::string::npos);
    auto from_env = plan(env_keys, env_source, files_for("default", true));
    BOOST_TEST(std::get<gc::keys_base>(from_env.base).keys.access_key_id == "AKIDENV");
    BOOST_TEST(from_env.steps.size() == 1U);
    const std::string ecs = "[default]\nrole_arn = arn:aws:iam::1:role/r\n"
                            "credential_source = EcsContainer\n";
    BOOST_TEST(error_of({}, ecs).find("neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") !=
               std::string::npos);
    auto c = plan({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/c"}}, ecs);
    BOOST_TEST(std::holds_alternative<gc::container_base>(c.base));
    BOOST_TEST(c.steps.size() == 1U);
}

BOOST_AUTO_TEST_CASE(a_profile_without_credential_keys_goes_on_to_the_container) {
    auto p = plan({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/c"}},
                  "[profile r]\nregion = us-west-2\n", files_for("r", true));
    BOOST_TEST(std::holds_alternative<gc::container_base>(p.base));
    BOOST_TEST(*p.region == "us-west-2");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(load_and_plan_without_files)

BOOST_AUTO_TEST_CASE(without_home_the_chain_goes_on_to_the_sources_that_need_no_files) {
    env_map env{{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/c"}};
    auto p = gc::load_and_plan(gc::testing::lookup_in(env), "", "", "", now);
    BOOST_TEST_REQUIRE(p.has_value(), p.error().message);
    BOOST_TEST(std::holds_alternative<gc::container_base>(p->base));
    auto named = gc::load_and_plan(gc::testing::lookup_in(env_map{}), "dev", "", "", now);
    BOOST_TEST_REQUIRE(named.has_error());
    BOOST_TEST(named.error().message.find("'dev'") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
