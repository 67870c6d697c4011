// The IMDS core: every case of smithy-rs' imds-endpoint-tests.json, then the exchange, one
// behaviour per case, driven with recorded-style answers (no socket).
#include "credentials/imds.hpp"
#include "test_env.hpp"

#include <boost/test/unit_test.hpp>
#include <simdjson.h>

namespace gc = glue_inventory::creds;
namespace imds = glue_inventory::creds::imds;
using gc::testing::env_map;
using namespace std::chrono_literals;

namespace {

const std::chrono::sys_seconds now{std::chrono::sys_days{std::chrono::year{2026} / 12 / 1}};

const std::string creds_json =
    R"({"Code":"Success","LastUpdated":"2026-12-01T00:00:00Z","Type":"AWS-HMAC",)"
    R"("AccessKeyId":"ASIAIMDS","SecretAccessKey":"imds-secret","Token":"imds-token",)"
    R"("Expiration":"2026-12-01T06:00:00Z","AccountId":"123456789012"})";

imds::settings settings_of(const env_map& env) {
    auto s = imds::resolve_settings(gc::testing::lookup_in(env), nullptr);
    BOOST_REQUIRE_MESSAGE(s.has_value(), s.error().message);
    return *s;
}

gc::http_outcome answer(unsigned status, std::string body = {},
                        std::vector<gc::http_header> headers = {}) {
    return gc::http_outcome::of(gc::http_answer{status, std::move(headers), std::move(body)});
}

const gc::http_request& sent(const imds::fetch::step& s) {
    BOOST_REQUIRE_MESSAGE(std::holds_alternative<imds::fetch::send>(s), "expected a request");
    return std::get<imds::fetch::send>(s).request;
}

void expect(const imds::fetch::step& s, std::string_view method, std::string_view target) {
    const auto& r = sent(s);
    BOOST_TEST(r.method == method);
    BOOST_TEST(r.target == target);
}

std::string token_of(const gc::http_request& r) {
    const std::string* t = r.header(imds::token_header);
    return t == nullptr ? std::string() : *t;
}

const std::string ext = "/latest/meta-data/iam/security-credentials-extended/";
const std::string legacy = "/latest/meta-data/iam/security-credentials/";

} // namespace

BOOST_AUTO_TEST_SUITE(imds_core)

BOOST_AUTO_TEST_CASE(every_imds_endpoint_case_selects_the_sdks_token_url_or_error) {
    simdjson::dom::parser parser;
    simdjson::dom::element root =
        parser
            .load(std::string(GLUE_TEST_DATA_DIR) +
                  "/credential-chain/imds-config/imds-endpoint-tests.json")
            .value();
    const simdjson::dom::array cases = root["tests"].get_array().value();
    std::size_t checked = 0;
    for (auto c : cases) {
        BOOST_TEST_CONTEXT(c["docs"].get_string().value()) {
            env_map env;
            const simdjson::dom::object env_json = c["env"].get_object().value();
            for (auto [k, v] : env_json) {
                env[std::string(k)] = std::string(v.get_string().value());
            }
            // The case's files: AWS_CONFIG_FILE names one of them; the profile is [default].
            std::string config_text;
            const simdjson::dom::object fs = c["fs"].get_object().value();
            for (auto [name, text] : fs) {
                if (env.count("AWS_CONFIG_FILE") != 0 && env.at("AWS_CONFIG_FILE") == name) {
                    config_text = std::string(text.get_string().value());
                }
            }
            auto profiles = gc::testing::profiles_of(config_text);
            auto it = profiles.profiles.find("default");
            const gc::profile_set::profile* profile =
                it == profiles.profiles.end() ? nullptr : &it->second;
            imds::explicit_settings explicit_;
            std::string_view text;
            if (c["endpoint_override"].get(text) == simdjson::SUCCESS) {
                explicit_.endpoint = std::string(text);
            }
            if (c["mode_override"].get(text) == simdjson::SUCCESS) {
                explicit_.mode = std::string(text);
            }
            auto s = imds::resolve_settings(gc::testing::lookup_in(env), profile, explicit_);
            const simdjson::dom::object result = c["result"].get_object().value();
            if (result["Ok"].get(text) == simdjson::SUCCESS) {
                BOOST_TEST_REQUIRE(s.has_value(), s.error().message);
                BOOST_TEST(imds::url_of(*s, imds::token_path) == text);
            } else {
                BOOST_TEST_REQUIRE(s.has_error());
                text = result["Err"].get_string().value();
                BOOST_TEST(s.error().message.find(text) != std::string::npos,
                           s.error().message << " should contain " << text);
            }
            ++checked;
        }
    }
    BOOST_TEST(checked == 14U);
}

BOOST_AUTO_TEST_CASE(switches_timeouts_attempts_and_profile_name_come_from_env_or_profile) {
    auto profiles = gc::testing::profiles_of(
        "[default]\nec2_metadata_v1_disabled = TRUE\nmetadata_service_timeout = 2.5\n"
        "metadata_service_num_attempts = 3\nec2_instance_profile_name = pinned\n");
    env_map env{{"AWS_EC2_METADATA_DISABLED", "True"}};
    auto s = imds::resolve_settings(gc::testing::lookup_in(env), &profiles.profiles.at("default"));
    BOOST_TEST_REQUIRE(s.has_value());
    BOOST_TEST(s->disabled);
    BOOST_TEST(s->v1_disabled);
    BOOST_TEST(s->timeout.count() == 2500);
    BOOST_TEST(s->attempts == 3U);
    BOOST_TEST(*s->profile_name == "pinned");

    auto d = settings_of({});
    BOOST_TEST(!d.disabled);
    BOOST_TEST(d.timeout.count() == 1000);
    BOOST_TEST(d.attempts == 1U);

    BOOST_TEST(imds::resolve_settings(
                   gc::testing::lookup_in(env_map{{"AWS_METADATA_SERVICE_TIMEOUT", "x"}}), nullptr)
                   .error()
                   .message.find("AWS_METADATA_SERVICE_TIMEOUT") != std::string::npos);
    BOOST_TEST(imds::resolve_settings(
                   gc::testing::lookup_in(env_map{{"AWS_EC2_INSTANCE_PROFILE_NAME", " "}}), nullptr)
                   .has_error());
}

BOOST_AUTO_TEST_CASE(disabled_makes_no_request_at_all) {
    auto s = settings_of({{"AWS_EC2_METADATA_DISABLED", "true"}});
    imds::provider_state state;
    imds::fetch f(s, state, now);
    auto step = f.start();
    BOOST_TEST_REQUIRE(std::holds_alternative<imds::fetch_failure>(step));
    BOOST_TEST(
        (std::get<imds::fetch_failure>(step).what == imds::fetch_failure::kind::unavailable));
}

BOOST_AUTO_TEST_CASE(token_put_then_role_then_extended_credentials_with_account_id) {
    auto s = settings_of({});
    imds::provider_state state;
    imds::fetch f(s, state, now);
    auto step = f.start();
    expect(step, "PUT", "/latest/api/token");
    BOOST_TEST(*sent(step).header("x-aws-ec2-metadata-token-ttl-seconds") == "21600");
    BOOST_TEST(token_of(sent(step)).empty());

    step = f.resume(answer(200, "TOKEN-1", {{"x-aws-ec2-metadata-token-ttl-seconds", "21600"}}));
    expect(step, "GET", ext);
    BOOST_TEST(token_of(sent(step)) == "TOKEN-1");

    step = f.resume(answer(200, "my-role\nsecond-role\n"));
    expect(step, "GET", ext + "my-role");
    BOOST_TEST(token_of(sent(step)) == "TOKEN-1");

    step = f.resume(answer(200, creds_json));
    BOOST_TEST_REQUIRE(std::holds_alternative<imds::instance_credentials>(step));
    const auto& got = std::get<imds::instance_credentials>(step);
    BOOST_TEST(got.creds.access_key_id == "ASIAIMDS");
    BOOST_TEST(got.creds.secret_access_key == "imds-secret");
    BOOST_TEST(got.creds.session_token == "imds-token");
    BOOST_TEST(*got.account_id == "123456789012");
    BOOST_TEST((*got.creds.expiration == now + 6h));
}

BOOST_AUTO_TEST_CASE(the_token_and_the_role_are_reused_until_the_token_nears_its_ttl) {
    auto s = settings_of({});
    imds::provider_state state;
    state.token = "CACHED";
    state.token_expiry = now + 1h;
    state.role = "known";
    imds::fetch f(s, state, now);
    auto step = f.start();
    expect(step, "GET", ext + "known");
    BOOST_TEST(token_of(sent(step)) == "CACHED");

    imds::fetch late(s, state, state.token_expiry - 119s);
    expect(late.start(), "PUT", "/latest/api/token");
}

BOOST_AUTO_TEST_CASE(imds_v1_fallback_only_on_403_404_405_from_the_token_put) {
    for (unsigned status : {403U, 404U, 405U}) {
        BOOST_TEST_CONTEXT(status) {
            auto s = settings_of({});
            imds::provider_state state;
            imds::fetch f(s, state, now);
            f.start();
            auto step = f.resume(answer(status));
            expect(step, "GET", ext);
            BOOST_TEST(token_of(sent(step)).empty());
        }
    }
    for (unsigned status : {400U, 401U, 500U}) {
        BOOST_TEST_CONTEXT(status) {
            auto s = settings_of({});
            imds::provider_state state;
            imds::fetch f(s, state, now);
            f.start();
            auto step = f.resume(answer(status));
            BOOST_TEST_REQUIRE(std::holds_alternative<imds::fetch_failure>(step));
            BOOST_TEST(
                (std::get<imds::fetch_failure>(step).what == imds::fetch_failure::kind::error));
        }
    }
}

BOOST_AUTO_TEST_CASE(no_v1_fallback_when_v1_is_disabled) {
    auto s = settings_of({{"AWS_EC2_METADATA_V1_DISABLED", "true"}});
    imds::provider_state state;
    imds::fetch f(s, state, now);
    f.start();
    auto step = f.resume(answer(403));
    BOOST_TEST_REQUIRE(std::holds_alternative<imds::fetch_failure>(step));
    BOOST_TEST(std::get<imds::fetch_failure>(step).message.find(
                   "Unable to retrieve token for use in IMDSv2 call and IMDSv1 has been "
                   "disabled") == 0U);
}

BOOST_AUTO_TEST_CASE(an_unreachable_endpoint_is_unavailable_after_the_configured_attempts) {
    auto s = settings_of({{"AWS_METADATA_SERVICE_NUM_ATTEMPTS", "2"}});
    imds::provider_state state;
    imds::fetch f(s, state, now);
    f.start();
    expect(f.resume(gc::http_outcome::failed("timed out after 1000 ms")), "PUT",
           "/latest/api/token");
    auto step = f.resume(gc::http_outcome::failed("timed out after 1000 ms"));
    BOOST_TEST_REQUIRE(std::holds_alternative<imds::fetch_failure>(step));
    const auto& failure = std::get<imds::fetch_failure>(step);
    BOOST_TEST((failure.what == imds::fetch_failure::kind::unavailable));
    BOOST_TEST(failure.message.find("timed out") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_404_on_the_extended_role_list_switches_to_the_legacy_path_for_good) {
    auto s = settings_of({});
    imds::provider_state state;
    imds::fetch f(s, state, now);
    f.start();
    f.resume(answer(200, "T"));
    auto step = f.resume(answer(404));
    expect(step, "GET", legacy);
    step = f.resume(answer(200, "r"));
    expect(step, "GET", legacy + "r");
    std::string no_account = creds_json;
    const std::string account = R"(,"AccountId":"123456789012")";
    no_account.erase(no_account.find(account), account.size());
    step = f.resume(answer(200, no_account));
    BOOST_TEST_REQUIRE(std::holds_alternative<imds::instance_credentials>(step));
    BOOST_TEST(!std::get<imds::instance_credentials>(step).account_id);
    BOOST_TEST(state.legacy);

    imds::fetch next(s, state, now + 1min);
    expect(next.start(), "GET", legacy + "r");
}

BOOST_AUTO_TEST_CASE(a_404_on_both_role_lists_means_no_role_is_attached) {
    auto s = settings_of({});
    imds::provider_state state;
    imds::fetch f(s, state, now);
    f.start();
    f.resume(answer(200, "T"));
    f.resume(answer(404));
    auto step = f.resume(answer(404));
    BOOST_TEST_REQUIRE(std::holds_alternative<imds::fetch_failure>(step));
    BOOST_TEST(
        (std::get<imds::fetch_failure>(step).what == imds::fetch_failure::kind::unavailable));
}

BOOST_AUTO_TEST_CASE(a_404_for_a_cached_role_rediscovers_the_role_once) {
    auto s = settings_of({});
    imds::provider_state state;
    state.token = "T";
    state.token_expiry = now + 1h;
    state.role = "old-role";
    imds::fetch f(s, state, now);
    expect(f.start(), "GET", ext + "old-role");
    expect(f.resume(answer(404)), "GET", ext);
    expect(f.resume(answer(200, "new-role")), "GET", ext + "new-role");
    auto step = f.resume(answer(404));
    BOOST_TEST_REQUIRE(std::holds_alternative<imds::fetch_failure>(step));
}

BOOST_AUTO_TEST_CASE(a_configured_profile_name_skips_the_role_list_and_falls_back_to_legacy) {
    auto s = settings_of({{"AWS_EC2_INSTANCE_PROFILE_NAME", "pinned"}});
    imds::provider_state state;
    imds::fetch f(s, state, now);
    f.start();
    expect(f.resume(answer(200, "T")), "GET", ext + "pinned");
    expect(f.resume(answer(404)), "GET", legacy + "pinned");
    auto step = f.resume(answer(404));
    BOOST_TEST_REQUIRE(std::holds_alternative<imds::fetch_failure>(step));
    BOOST_TEST(std::get<imds::fetch_failure>(step).message.find("invalid profile") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_401_on_a_get_fetches_a_new_token_once) {
    auto s = settings_of({});
    imds::provider_state state;
    state.token = "STALE";
    state.token_expiry = now + 1h;
    state.role = "r";
    imds::fetch f(s, state, now);
    f.start();
    expect(f.resume(answer(401)), "PUT", "/latest/api/token");
    auto step = f.resume(answer(200, "FRESH"));
    expect(step, "GET", ext + "r");
    BOOST_TEST(token_of(sent(step)) == "FRESH");
    step = f.resume(answer(401));
    BOOST_TEST_REQUIRE(std::holds_alternative<imds::fetch_failure>(step));
}

BOOST_AUTO_TEST_CASE(an_empty_role_list_is_an_error) {
    auto s = settings_of({});
    imds::provider_state state;
    imds::fetch f(s, state, now);
    f.start();
    f.resume(answer(200, "T"));
    auto step = f.resume(answer(200, "\n"));
    BOOST_TEST_REQUIRE(std::holds_alternative<imds::fetch_failure>(step));
    BOOST_TEST(std::get<imds::fetch_failure>(step).message ==
               "unexpected empty EC2 IMDS role list");
}

BOOST_AUTO_TEST_CASE(the_endpoint_prefix_and_port_are_kept) {
    auto s = settings_of({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:8080/"}});
    imds::provider_state state;
    imds::fetch f(s, state, now);
    expect(f.start(), "PUT", "/latest/api/token");
    BOOST_TEST(imds::url_of(s, "/x") == "http://127.0.0.1:8080/x");
}

BOOST_AUTO_TEST_CASE(credential_documents_are_checked_without_quoting_secrets) {
    auto bad_code = imds::parse_credentials_document(
        R"({"Code":"AssumeRoleUnauthorizedAccess","Message":"EC2 cannot assume the role"})");
    BOOST_TEST_REQUIRE(bad_code.has_error());
    BOOST_TEST(bad_code.error().message.find("trust relationship") != std::string::npos);

    auto no_code = imds::parse_credentials_document(
        R"({"accesskeyid":"A","SecretAccessKey":"S3CR3T","Token":"T0K3N","Expiration":"2026-12-01T01:00:00Z"})");
    BOOST_TEST(no_code.has_value());

    auto missing = imds::parse_credentials_document(
        R"({"AccessKeyId":"A","SecretAccessKey":"S3CR3T","Expiration":"2026-12-01T01:00:00Z"})");
    BOOST_TEST_REQUIRE(missing.has_error());
    BOOST_TEST(missing.error().message.find("Token") != std::string::npos);
    BOOST_TEST(missing.error().message.find("S3CR3T") == std::string::npos);
    BOOST_TEST(imds::parse_credentials_document("not json").has_error());
}

BOOST_AUTO_TEST_CASE(expired_credentials_are_extended_by_ten_minutes_plus_jitter) {
    glue_inventory::credentials c;
    c.expiration = now - 1s;
    BOOST_TEST(imds::extend_if_expired(c, now, 120s));
    BOOST_TEST((*c.expiration == now + 12min));
    BOOST_TEST(imds::extension_message(c, now).find("within the next 12 minutes") !=
               std::string::npos);
    glue_inventory::credentials fresh;
    fresh.expiration = now + 1h;
    BOOST_TEST(!imds::extend_if_expired(fresh, now, 120s));
    c.expiration = now;
    imds::extend_if_expired(c, now, 9999s);
    BOOST_TEST((*c.expiration == now + 15min));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_CASE(the_region_is_asked_after_the_token_and_trimmed) {
    auto s = settings_of({});
    imds::provider_state state;
    imds::fetch f(s, state, now, imds::fetch::wanted::region);
    auto step = f.start();
    expect(step, "PUT", "/latest/api/token");
    step = f.resume(answer(200, "TOKEN-R", {{"x-aws-ec2-metadata-token-ttl-seconds", "21600"}}));
    expect(step, "GET", "/latest/meta-data/placement/region");
    BOOST_TEST(token_of(sent(step)) == "TOKEN-R");
    step = f.resume(answer(200, "eu-west-1\n"));
    BOOST_TEST_REQUIRE(std::holds_alternative<imds::instance_region>(step));
    BOOST_TEST(std::get<imds::instance_region>(step).name == "eu-west-1");
}

BOOST_AUTO_TEST_CASE(the_region_follows_the_token_rules_and_reports_failures) {
    auto s = settings_of({});
    {
        // IMDSv1 fallback after a 403 on the token PUT, as for credentials.
        imds::provider_state state;
        imds::fetch f(s, state, now, imds::fetch::wanted::region);
        f.start();
        auto step = f.resume(answer(403));
        expect(step, "GET", "/latest/meta-data/placement/region");
        BOOST_TEST(token_of(sent(step)).empty());
    }
    {
        // Nothing answers: unavailable, so the caller says no region is configured.
        imds::provider_state state;
        imds::fetch f(s, state, now, imds::fetch::wanted::region);
        f.start();
        auto step = f.resume(gc::http_outcome::failed("connection refused"));
        BOOST_TEST_REQUIRE(std::holds_alternative<imds::fetch_failure>(step));
        BOOST_TEST(
            (std::get<imds::fetch_failure>(step).what == imds::fetch_failure::kind::unavailable));
    }
    {
        imds::provider_state state;
        imds::fetch f(s, state, now, imds::fetch::wanted::region);
        f.start();
        f.resume(answer(200, "TOKEN-R"));
        auto step = f.resume(answer(200, "  \nus-east-1"));
        BOOST_TEST_REQUIRE(std::holds_alternative<imds::fetch_failure>(step));
        BOOST_TEST(std::get<imds::fetch_failure>(step).message.find("empty region") !=
                   std::string::npos);
    }
    auto disabled = settings_of({{"AWS_EC2_METADATA_DISABLED", "true"}});
    imds::provider_state state;
    imds::fetch off(disabled, state, now, imds::fetch::wanted::region);
    BOOST_TEST(std::holds_alternative<imds::fetch_failure>(off.start()));
}
