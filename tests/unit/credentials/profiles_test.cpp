#include "credentials/profiles.hpp"

#include <boost/test/unit_test.hpp>

namespace gc = glue_inventory::creds;
using namespace std::chrono_literals;

namespace {
gc::profile_set files(std::string_view config, std::string_view credentials = "") {
    auto c = gc::parse_ini(config, "config file");
    auto k = gc::parse_ini(credentials, "credentials file");
    BOOST_REQUIRE(c.has_value());
    BOOST_REQUIRE(k.has_value());
    return gc::make_profile_set(*c, *k);
}
gc::profile_chain resolve(const gc::profile_set& set, std::string_view name) {
    auto r = gc::resolve_profile(set, name);
    BOOST_REQUIRE_MESSAGE(r.has_value(), (r.has_error() ? r.error().message : ""));
    return *r;
}
std::string error_of(const gc::profile_set& set, std::string_view name) {
    auto r = gc::resolve_profile(set, name);
    BOOST_REQUIRE(r.has_error());
    return r.error().message;
}
bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}
const gc::static_source& static_base(const gc::profile_chain& chain) {
    const auto* s = std::get_if<gc::static_source>(&chain.base);
    BOOST_REQUIRE(s != nullptr);
    return *s;
}
} // namespace

BOOST_AUTO_TEST_SUITE(profile_resolution)

BOOST_AUTO_TEST_CASE(static_keys_in_the_credentials_file) {
    auto set = files("[default]\nregion = eu-west-1\n",
                     "[default]\naws_access_key_id = AKID\naws_secret_access_key = s\n"
                     "aws_session_token = tok\n");
    auto chain = resolve(set, "default");
    BOOST_TEST(static_base(chain).keys.access_key_id == "AKID");
    BOOST_TEST(static_base(chain).keys.session_token == "tok");
    BOOST_TEST(chain.steps.empty());
    BOOST_TEST(*chain.region == "eu-west-1");
}

BOOST_AUTO_TEST_CASE(static_keys_in_the_config_file_use_the_profile_prefix) {
    auto set = files("[profile dev]\naws_access_key_id = AKIDCFG\naws_secret_access_key = s\n");
    BOOST_TEST(static_base(resolve(set, "dev")).keys.access_key_id == "AKIDCFG");
    BOOST_TEST(contains(error_of(files("[dev]\naws_access_key_id = A\n"), "dev"), "neither"));
}

BOOST_AUTO_TEST_CASE(the_credentials_file_wins_for_keys) {
    auto set = files("[profile dev]\naws_access_key_id = FROMCONFIG\naws_secret_access_key = a\n",
                     "[dev]\naws_access_key_id = FROMCREDS\naws_secret_access_key = b\n");
    BOOST_TEST(static_base(resolve(set, "dev")).keys.access_key_id == "FROMCREDS");
}

BOOST_AUTO_TEST_CASE(profile_default_beats_the_bare_default_section) {
    auto set = files("[profile default]\nregion = us-west-2\n[default]\nregion = us-east-1\n"
                     "aws_access_key_id = A\naws_secret_access_key = s\n");
    auto r = gc::resolve_profile(set, "default");
    BOOST_REQUIRE(r.has_error()); // [profile default] alone is used, and it has no keys
    auto set2 = files("[default]\nregion = us-east-1\n[profile default]\nregion = us-west-2\n",
                      "[default]\naws_access_key_id = A\naws_secret_access_key = s\n");
    BOOST_TEST(*resolve(set2, "default").region == "us-west-2");
}

BOOST_AUTO_TEST_CASE(half_a_key_pair_names_the_profile_and_the_missing_key) {
    auto text = error_of(files("", "[dev]\naws_access_key_id = AKID\n"), "dev");
    BOOST_TEST(contains(text, "'dev'"));
    BOOST_TEST(contains(text, "no aws_secret_access_key"));
    auto text2 = error_of(files("", "[dev]\naws_secret_access_key = hidden\n"), "dev");
    BOOST_TEST(contains(text2, "no aws_access_key_id"));
    BOOST_TEST(!contains(text2, "hidden"));
}

BOOST_AUTO_TEST_CASE(a_missing_profile_is_named) {
    BOOST_TEST(contains(error_of(files("[default]\n"), "prod"), "'prod'"));
}

BOOST_AUTO_TEST_CASE(role_arn_with_source_profile_is_one_step_from_static_keys) {
    auto set = files("[profile audit]\nrole_arn = arn:aws:iam::123456789012:role/Auditor\n"
                     "source_profile = base\nexternal_id = ext-1\nrole_session_name = scan\n"
                     "duration_seconds = 3600\nregion = eu-central-1\n",
                     "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = s\n");
    auto chain = resolve(set, "audit");
    BOOST_TEST(static_base(chain).profile == "base");
    BOOST_REQUIRE(chain.steps.size() == 1U);
    const auto& step = chain.steps[0];
    BOOST_TEST(step.role_arn == "arn:aws:iam::123456789012:role/Auditor");
    BOOST_TEST(*step.external_id == "ext-1");
    BOOST_TEST(*step.role_session_name == "scan");
    BOOST_TEST((*step.duration == 3600s));
    BOOST_TEST(*chain.region == "eu-central-1");
}

BOOST_AUTO_TEST_CASE(a_chain_of_roles_runs_from_the_base_up) {
    auto set =
        files("[profile a]\nrole_arn = arn:aws:iam::111111111111:role/A\nsource_profile = b\n"
              "[profile b]\nrole_arn = arn:aws:iam::222222222222:role/B\nsource_profile = c\n"
              "[profile c]\naws_access_key_id = AKIDC\naws_secret_access_key = s\n");
    auto chain = resolve(set, "a");
    BOOST_TEST(static_base(chain).profile == "c");
    BOOST_REQUIRE(chain.steps.size() == 2U);
    BOOST_TEST(chain.steps[0].role_arn == "arn:aws:iam::222222222222:role/B");
    BOOST_TEST(chain.steps[1].role_arn == "arn:aws:iam::111111111111:role/A");
}

BOOST_AUTO_TEST_CASE(a_source_profile_with_keys_uses_them_even_with_a_role_arn) {
    auto set =
        files("[profile a]\nrole_arn = arn:aws:iam::111111111111:role/A\nsource_profile = b\n"
              "[profile b]\nrole_arn = arn:aws:iam::222222222222:role/B\nsource_profile = c\n"
              "aws_access_key_id = AKIDB\naws_secret_access_key = s\n");
    auto chain = resolve(set, "a");
    BOOST_TEST(static_base(chain).profile == "b");
    BOOST_TEST(chain.steps.size() == 1U);
}

BOOST_AUTO_TEST_CASE(a_profile_may_source_its_own_keys) {
    auto set = files("", "[self]\nrole_arn = arn:aws:iam::111111111111:role/A\n"
                         "source_profile = self\naws_access_key_id = AKIDSELF\n"
                         "aws_secret_access_key = s\n");
    auto chain = resolve(set, "self");
    BOOST_TEST(static_base(chain).keys.access_key_id == "AKIDSELF");
    BOOST_TEST(chain.steps.size() == 1U);
}

BOOST_AUTO_TEST_CASE(source_profile_cycles_are_detected_and_named) {
    auto set =
        files("[profile a]\nrole_arn = arn:aws:iam::111111111111:role/A\nsource_profile = b\n"
              "[profile b]\nrole_arn = arn:aws:iam::222222222222:role/B\nsource_profile = a\n");
    auto text = error_of(set, "a");
    BOOST_TEST(contains(text, "cycle"));
    BOOST_TEST(contains(text, "'a' -> 'b' -> 'a'"));
    auto self =
        files("[profile s]\nrole_arn = arn:aws:iam::111111111111:role/A\nsource_profile = s\n");
    BOOST_TEST(contains(error_of(self, "s"), "cycle"));
}

BOOST_AUTO_TEST_CASE(a_missing_source_profile_is_named) {
    auto set =
        files("[profile a]\nrole_arn = arn:aws:iam::111111111111:role/A\nsource_profile = gone\n");
    auto text = error_of(set, "a");
    BOOST_TEST(contains(text, "'gone' does not exist"));
}

BOOST_AUTO_TEST_CASE(credential_source_names_the_three_sources_in_any_case) {
    auto env = files("[profile a]\nrole_arn = arn:aws:iam::111111111111:role/A\n"
                     "credential_source = Environment\n");
    auto chain = resolve(env, "a");
    BOOST_TEST(std::holds_alternative<gc::environment_source>(chain.base));
    BOOST_TEST(chain.steps.size() == 1U);
    auto imds = files("[profile a]\nrole_arn = arn:aws:iam::111111111111:role/A\n"
                      "credential_source = Ec2InstanceMetadata\n");
    BOOST_TEST(std::holds_alternative<gc::instance_metadata_source>(resolve(imds, "a").base));
    auto ecs = files("[profile a]\nrole_arn = arn:aws:iam::111111111111:role/A\n"
                     "credential_source = ecscontainer\n");
    BOOST_TEST(std::holds_alternative<gc::container_source>(resolve(ecs, "a").base));
    auto bogus = files("[profile a]\nrole_arn = arn:aws:iam::111111111111:role/A\n"
                       "credential_source = Laptop\n");
    BOOST_TEST(contains(error_of(bogus, "a"), "not valid"));
}

BOOST_AUTO_TEST_CASE(role_arn_needs_exactly_one_source) {
    auto neither = files("[profile a]\nrole_arn = arn:aws:iam::111111111111:role/A\n");
    BOOST_TEST(contains(error_of(neither, "a"), "needs source_profile or credential_source"));
    auto both = files("[profile a]\nrole_arn = arn:aws:iam::111111111111:role/A\n"
                      "source_profile = a\ncredential_source = Environment\n");
    BOOST_TEST(contains(error_of(both, "a"), "both"));
}

BOOST_AUTO_TEST_CASE(duration_seconds_must_be_a_number_in_the_sts_range) {
    auto word = files("[profile a]\nrole_arn = arn:aws:iam::111111111111:role/A\n"
                      "credential_source = Environment\nduration_seconds = 1h\n");
    BOOST_TEST(contains(error_of(word, "a"), "duration_seconds"));
    auto short_ = files("[profile a]\nrole_arn = arn:aws:iam::111111111111:role/A\n"
                        "credential_source = Environment\nduration_seconds = 60\n");
    BOOST_TEST(contains(error_of(short_, "a"), "between 900 and 43200"));
}

BOOST_AUTO_TEST_CASE(credential_process_is_recorded_after_credentials_file_keys) {
    auto set = files("[profile p]\ncredential_process = /usr/bin/get-creds --json\n"
                     "aws_access_key_id = CFG\naws_secret_access_key = s\n");
    auto chain = resolve(set, "p");
    const auto* process = std::get_if<gc::process_source>(&chain.base);
    BOOST_REQUIRE(process != nullptr);
    BOOST_TEST(process->command == "/usr/bin/get-creds --json");
    auto with_creds = files("[profile p]\ncredential_process = /usr/bin/get-creds\n",
                            "[p]\naws_access_key_id = FILE\naws_secret_access_key = s\n");
    BOOST_TEST(static_base(resolve(with_creds, "p")).keys.access_key_id == "FILE");
}

BOOST_AUTO_TEST_CASE(mfa_serial_is_refused_with_a_reason) {
    auto set = files("[profile a]\nrole_arn = arn:aws:iam::111111111111:role/A\n"
                     "credential_source = Environment\nmfa_serial = arn:aws:iam::1:mfa/x\n");
    BOOST_TEST(contains(error_of(set, "a"), "mfa_serial is not supported"));
}

BOOST_AUTO_TEST_CASE(a_profile_without_any_credentials_says_what_it_expected) {
    auto text = error_of(files("[profile r]\nregion = us-east-1\n"), "r");
    BOOST_TEST(contains(text, "'r' has no credentials"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(a_web_identity_profile_is_no_assume_role_profile_but_may_be_a_source) {
    auto set =
        files("[profile w]\nrole_arn = arn:aws:iam::111111111111:role/W\n"
              "web_identity_token_file = /t.jwt\n"
              "[profile a]\nrole_arn = arn:aws:iam::222222222222:role/A\nsource_profile = w\n");
    auto w = resolve(set, "w");
    BOOST_TEST(std::holds_alternative<gc::web_identity_profile>(w.base));
    BOOST_TEST(w.steps.empty());
    auto a = resolve(set, "a");
    BOOST_TEST(std::get<gc::web_identity_profile>(a.base).profile == "w");
    BOOST_TEST(a.steps.size() == 1U);
}

BOOST_AUTO_TEST_CASE(an_sso_profile_is_a_base_and_a_source) {
    auto set =
        files("[profile s]\nsso_session = x\nsso_account_id = 1\nsso_role_name = R\n"
              "[profile a]\nrole_arn = arn:aws:iam::222222222222:role/A\nsource_profile = s\n");
    BOOST_TEST(std::holds_alternative<gc::sso_profile>(resolve(set, "s").base));
    BOOST_TEST(std::get<gc::sso_profile>(resolve(set, "a").base).profile == "s");
    BOOST_TEST(gc::has_credential_keys(set.profiles.at("s")));
    BOOST_TEST(!gc::has_credential_keys(files("[profile r]\nregion = x\n").profiles.at("r")));
}
