#include "credentials/environment.hpp"

#include <boost/test/unit_test.hpp>
#include <map>

namespace gc = glue_inventory::creds;

namespace {
gc::env_lookup fake_env(std::map<std::string, std::string, std::less<>> vars) {
    return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
        auto it = vars.find(name);
        if (it == vars.end()) {
            return std::nullopt;
        }
        return it->second;
    };
}
} // namespace

BOOST_AUTO_TEST_SUITE(environment_provider)

BOOST_AUTO_TEST_CASE(no_key_variables_means_no_environment_credentials) {
    auto r = gc::credentials_from_environment(fake_env({{"AWS_SESSION_TOKEN", "tok"}}));
    BOOST_REQUIRE(r.has_value());
    BOOST_TEST(!r->has_value());
}

BOOST_AUTO_TEST_CASE(key_pair_and_session_token_are_read) {
    auto r = gc::credentials_from_environment(fake_env({{"AWS_ACCESS_KEY_ID", "AKID"},
                                                        {"AWS_SECRET_ACCESS_KEY", "s3cr3t"},
                                                        {"AWS_SESSION_TOKEN", "tok"}}));
    BOOST_REQUIRE(r.has_value());
    BOOST_REQUIRE(r->has_value());
    BOOST_TEST((*r)->access_key_id == "AKID");
    BOOST_TEST((*r)->secret_access_key == "s3cr3t");
    BOOST_TEST((*r)->session_token == "tok");
    BOOST_TEST(!(*r)->expiration.has_value());
}

BOOST_AUTO_TEST_CASE(aws_security_token_is_accepted_and_preferred_as_botocore_does) {
    auto only_legacy = gc::credentials_from_environment(fake_env({{"AWS_ACCESS_KEY_ID", "AKID"},
                                                                  {"AWS_SECRET_ACCESS_KEY", "s"},
                                                                  {"AWS_SECURITY_TOKEN", "old"}}));
    BOOST_TEST((*only_legacy)->session_token == "old");
    auto both = gc::credentials_from_environment(fake_env({{"AWS_ACCESS_KEY_ID", "AKID"},
                                                           {"AWS_SECRET_ACCESS_KEY", "s"},
                                                           {"AWS_SECURITY_TOKEN", "old"},
                                                           {"AWS_SESSION_TOKEN", "new"}}));
    BOOST_TEST((*both)->session_token == "old");
}

BOOST_AUTO_TEST_CASE(half_a_key_pair_is_an_error_naming_the_missing_variable) {
    auto no_secret = gc::credentials_from_environment(fake_env({{"AWS_ACCESS_KEY_ID", "AKID"}}));
    BOOST_REQUIRE(no_secret.has_error());
    BOOST_TEST(no_secret.error().message.find("AWS_SECRET_ACCESS_KEY is not") != std::string::npos);
    auto no_id =
        gc::credentials_from_environment(fake_env({{"AWS_SECRET_ACCESS_KEY", "do-not-print"}}));
    BOOST_REQUIRE(no_id.has_error());
    BOOST_TEST(no_id.error().message.find("AWS_ACCESS_KEY_ID is not") != std::string::npos);
    BOOST_TEST(no_id.error().message.find("do-not-print") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(empty_variables_count_as_unset) {
    auto r = gc::credentials_from_environment(
        fake_env({{"AWS_ACCESS_KEY_ID", ""}, {"AWS_SECRET_ACCESS_KEY", ""}}));
    BOOST_REQUIRE(r.has_value());
    BOOST_TEST(!r->has_value());
}

BOOST_AUTO_TEST_CASE(credential_expiration_is_parsed_or_rejected) {
    auto good = gc::credentials_from_environment(
        fake_env({{"AWS_ACCESS_KEY_ID", "AKID"},
                  {"AWS_SECRET_ACCESS_KEY", "s"},
                  {"AWS_CREDENTIAL_EXPIRATION", "2019-11-09T13:34:41Z"}}));
    BOOST_TEST((*good)->expiration.has_value());
    auto bad = gc::credentials_from_environment(fake_env({{"AWS_ACCESS_KEY_ID", "AKID"},
                                                          {"AWS_SECRET_ACCESS_KEY", "s"},
                                                          {"AWS_CREDENTIAL_EXPIRATION", "soon"}}));
    BOOST_REQUIRE(bad.has_error());
    BOOST_TEST(bad.error().message.find("AWS_CREDENTIAL_EXPIRATION") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(shared_file_paths_default_under_home_and_follow_the_variables) {
    auto defaults = gc::shared_file_settings_from_environment(fake_env({{"HOME", "/home/ana"}}));
    BOOST_REQUIRE(defaults.has_value());
    BOOST_TEST(defaults->config_file == "/home/ana/.aws/config");
    BOOST_TEST(defaults->credentials_file == "/home/ana/.aws/credentials");
    BOOST_TEST(defaults->profile == "default");
    BOOST_TEST(!defaults->profile_is_explicit);

    auto custom = gc::shared_file_settings_from_environment(
        fake_env({{"HOME", "/home/ana"},
                  {"AWS_CONFIG_FILE", "~/cfg"},
                  {"AWS_SHARED_CREDENTIALS_FILE", "/etc/aws/creds"},
                  {"AWS_PROFILE", "audit"}}));
    BOOST_TEST(custom->config_file == "/home/ana/cfg");
    BOOST_TEST(custom->credentials_file == "/etc/aws/creds");
    BOOST_TEST(custom->profile == "audit");
}

BOOST_AUTO_TEST_CASE(an_explicit_profile_beats_aws_profile) {
    auto r = gc::shared_file_settings_from_environment(
        fake_env({{"HOME", "/h"}, {"AWS_PROFILE", "audit"}}), std::string("cli"));
    BOOST_TEST(r->profile == "cli");
    BOOST_TEST(r->profile_is_explicit);
}

BOOST_AUTO_TEST_CASE(default_paths_without_home_are_an_error) {
    auto r = gc::shared_file_settings_from_environment(fake_env({}));
    BOOST_REQUIRE(r.has_error());
    BOOST_TEST(r.error().message.find("HOME") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
