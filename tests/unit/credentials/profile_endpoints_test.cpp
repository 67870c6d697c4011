// A profile's endpoint_url and its [services NAME] section (the SDKs' service-specific
// endpoints).
#include "credentials/profile_endpoints.hpp"
#include "test_env.hpp"

#include <boost/test/unit_test.hpp>

namespace gc = glue_inventory::creds;

namespace {
const char* const config = "[default]\n"
                           "endpoint_url = http://global.example:4566\n"
                           "services = local\n"
                           "[services local]\n"
                           "sts =\n"
                           "  endpoint_url = http://sts.example:4566\n"
                           "[profile plain]\n"
                           "region = eu-west-1\n"
                           "[profile ignoring]\n"
                           "endpoint_url = http://global.example:4566\n"
                           "ignore_configured_endpoint_urls = true\n"
                           "[profile dangling]\n"
                           "services = absent\n"
                           "endpoint_url = http://global.example:4566\n";
} // namespace

BOOST_AUTO_TEST_SUITE(profile_endpoints)

BOOST_AUTO_TEST_CASE(the_services_section_beats_the_profile_endpoint_url) {
    const auto set = gc::testing::profiles_of(config);
    const gc::testing::env_map none;
    const auto env = gc::testing::lookup_in(none);
    BOOST_TEST(gc::profile_endpoint_url(env, set, "default", "sts").value_or("") ==
               "http://sts.example:4566");
    BOOST_TEST(gc::profile_endpoint_url(env, set, "default", "glue").value_or("") ==
               "http://global.example:4566");
}

BOOST_AUTO_TEST_CASE(a_profile_without_endpoint_settings_has_none) {
    const auto set = gc::testing::profiles_of(config);
    const gc::testing::env_map none;
    const auto env = gc::testing::lookup_in(none);
    BOOST_TEST(!gc::profile_endpoint_url(env, set, "plain", "sts").has_value());
    BOOST_TEST(!gc::profile_endpoint_url(env, set, "missing", "sts").has_value());
}

BOOST_AUTO_TEST_CASE(a_services_name_without_its_section_falls_back_to_endpoint_url) {
    const auto set = gc::testing::profiles_of(config);
    const gc::testing::env_map none;
    const auto env = gc::testing::lookup_in(none);
    BOOST_TEST(gc::profile_endpoint_url(env, set, "dangling", "sts").value_or("") ==
               "http://global.example:4566");
}

BOOST_AUTO_TEST_CASE(configured_endpoint_urls_can_be_ignored) {
    const auto set = gc::testing::profiles_of(config);
    const gc::testing::env_map none;
    BOOST_TEST(!gc::profile_endpoint_url(gc::testing::lookup_in(none), set, "ignoring", "sts"));
    const gc::testing::env_map ignore{{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE"}};
    const auto env = gc::testing::lookup_in(ignore);
    BOOST_TEST(!gc::profile_endpoint_url(env, set, "default", "sts").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
