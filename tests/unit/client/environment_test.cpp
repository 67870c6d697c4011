#include <boost/test/unit_test.hpp>
#include <glue_inventory/client_options.hpp>
#include <map>

namespace gi = glue_inventory;

namespace {
gi::environment env(std::map<std::string, std::string> vars) {
    return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
        auto it = vars.find(std::string(name));
        if (it == vars.end()) {
            return std::nullopt;
        }
        return it->second;
    };
}
} // namespace

BOOST_AUTO_TEST_SUITE(environment)

BOOST_AUTO_TEST_CASE(aws_region_beats_aws_default_region) {
    gi::client_options o;
    BOOST_TEST(gi::apply_environment(
                   o, env({{"AWS_REGION", "eu-west-1"}, {"AWS_DEFAULT_REGION", "us-west-2"}}))
                   .empty());
    BOOST_TEST(o.home_region == "eu-west-1");
}

BOOST_AUTO_TEST_CASE(the_service_endpoint_variable_beats_the_general_one) {
    gi::client_options o;
    (void)gi::apply_environment(o, env({{"AWS_ENDPOINT_URL", "https://all:1"},
                                        {"AWS_ENDPOINT_URL_GLUE", "https://glue:2"}}));
    BOOST_TEST(*o.glue_endpoint_url == "https://glue:2");
    BOOST_TEST(*o.sts_endpoint_url == "https://all:1");
    BOOST_TEST(*o.organizations_endpoint_url == "https://all:1");
}

BOOST_AUTO_TEST_CASE(an_explicit_option_beats_the_environment) {
    gi::client_options o;
    o.glue_endpoint_url = "https://flag:3";
    o.max_attempts = 7;
    gi::explicit_fields set;
    set.max_attempts = true;
    (void)gi::apply_environment(
        o, env({{"AWS_ENDPOINT_URL_GLUE", "https://glue:2"}, {"AWS_MAX_ATTEMPTS", "2"}}), set);
    BOOST_TEST(*o.glue_endpoint_url == "https://flag:3");
    BOOST_TEST(o.max_attempts == 7);
}

BOOST_AUTO_TEST_CASE(retry_settings_come_from_the_environment) {
    gi::client_options o;
    BOOST_TEST(
        gi::apply_environment(o, env({{"AWS_MAX_ATTEMPTS", "5"}, {"AWS_RETRY_MODE", "adaptive"}}))
            .empty());
    BOOST_TEST(o.max_attempts == 5);
    BOOST_TEST((o.retry == gi::retry_mode::adaptive));
}

BOOST_AUTO_TEST_CASE(bad_values_are_named_in_the_error) {
    gi::client_options o;
    BOOST_TEST(gi::apply_environment(o, env({{"AWS_MAX_ATTEMPTS", "many"}})) ==
               "AWS_MAX_ATTEMPTS: 'many' is not a whole number from 1 to 100");
    BOOST_TEST(gi::apply_environment(o, env({{"AWS_RETRY_MODE", "fast"}})) ==
               "AWS_RETRY_MODE: 'fast' is not standard, adaptive or legacy");
}

BOOST_AUTO_TEST_CASE(empty_variables_count_as_unset) {
    gi::client_options o;
    (void)gi::apply_environment(
        o,
        env({{"AWS_REGION", ""}, {"AWS_DEFAULT_REGION", "ca-central-1"}, {"AWS_CA_BUNDLE", ""}}));
    BOOST_TEST(o.home_region == "ca-central-1");
    BOOST_TEST(o.http.ca_bundle.empty());
}

BOOST_AUTO_TEST_SUITE_END()
