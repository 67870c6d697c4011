// What the rest of the project relies on beyond botocore's cases: signing regions with and
// without an override, and refusals that name what was wrong.
#include "endpoints/endpoint_resolver.hpp"

#include <boost/test/unit_test.hpp>

namespace ep = glue_inventory::endpoints;

BOOST_AUTO_TEST_SUITE(resolver)

BOOST_AUTO_TEST_CASE(a_regional_glue_endpoint_is_signed_for_its_region) {
    const ep::resolver r;
    ep::params p;
    p.region = "eu-west-1";
    const auto res = r.resolve(ep::service::glue, p);
    BOOST_TEST_REQUIRE(res.ok());
    BOOST_TEST(res.value().url == "https://glue.eu-west-1.amazonaws.com");
    BOOST_TEST(res.value().parts.host == "glue.eu-west-1.amazonaws.com");
    BOOST_TEST(res.value().parts.port == 443);
    BOOST_TEST(res.value().signing_region == "eu-west-1");
    BOOST_TEST(res.value().signing_name == "glue");
}

BOOST_AUTO_TEST_CASE(an_override_keeps_each_region_signing_for_itself) {
    const ep::resolver r;
    for (const char* region : {"us-east-1", "ap-southeast-2", "cn-north-1"}) {
        for (auto svc : {ep::service::glue, ep::service::sts, ep::service::organizations}) {
            ep::params p;
            p.region = region;
            p.endpoint = "https://127.0.0.1:8443";
            const auto res = r.resolve(svc, p);
            BOOST_TEST_CONTEXT(region << " " << ep::service_name(svc)) {
                BOOST_TEST_REQUIRE(res.ok());
                BOOST_TEST(res.value().url == "https://127.0.0.1:8443");
                BOOST_TEST(res.value().parts.port == 8443);
                BOOST_TEST(res.value().signing_region == region);
                BOOST_TEST(res.value().signing_name == ep::service_name(svc));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(organizations_is_signed_for_its_partitions_home_region) {
    const ep::resolver r;
    ep::params p;
    p.region = "eu-west-1";
    const auto res = r.resolve(ep::service::organizations, p);
    BOOST_TEST_REQUIRE(res.ok());
    BOOST_TEST(res.value().url == "https://organizations.us-east-1.amazonaws.com");
    BOOST_TEST(res.value().signing_region == "us-east-1");
    p.region = "cn-north-1";
    const auto cn = r.resolve(ep::service::organizations, p);
    BOOST_TEST_REQUIRE(cn.ok());
    BOOST_TEST(cn.value().url == "https://organizations.cn-northwest-1.amazonaws.com.cn");
    BOOST_TEST(cn.value().signing_region == "cn-northwest-1");
}

BOOST_AUTO_TEST_CASE(a_region_that_is_not_a_dns_label_is_refused) {
    const ep::resolver r;
    for (const char* bad : {"us-east-1.evil.com", "us-east-1/x", "-us-east-1", ""}) {
        ep::params p;
        p.region = bad;
        const auto res = r.resolve(ep::service::glue, p);
        BOOST_TEST_CONTEXT("region: " << bad) {
            BOOST_TEST_REQUIRE(!res.ok());
            BOOST_TEST(res.error().find("Invalid region") == 0U);
        }
    }
}

BOOST_AUTO_TEST_CASE(an_unusable_override_url_is_refused_without_echoing_it) {
    const ep::resolver r;
    ep::params p;
    p.region = "us-east-1";
    p.endpoint = "https://user:hunter2@example.com";
    const auto res = r.resolve(ep::service::glue, p);
    BOOST_TEST_REQUIRE(!res.ok());
    BOOST_TEST(res.error().find("Invalid endpoint URL for glue") == 0U);
    BOOST_TEST(res.error().find("hunter2") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_resolver_copy_resolves_like_the_original) {
    ep::params p;
    p.region = "us-gov-west-1";
    p.use_fips = true;
    const auto copy = [] {
        const ep::resolver original;
        return ep::resolver{original};
    }();
    const auto res = copy.resolve(ep::service::glue, p);
    BOOST_TEST_REQUIRE(res.ok());
    BOOST_TEST(res.value().url == "https://glue-fips.us-gov-west-1.amazonaws.com");
}

BOOST_AUTO_TEST_SUITE_END()
