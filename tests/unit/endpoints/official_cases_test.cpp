// Every case of botocore's endpoint tests for Glue, STS and Organizations: the URL, the signing
// region and name when the case states them, or the exact error text.
#include "endpoints/endpoint_resolver.hpp"

#include <boost/test/unit_test.hpp>
#include <simdjson.h>
#include <string>

namespace ep = glue_inventory::endpoints;

namespace {

std::string data_file(const std::string& name) {
    return std::string(GLUE_TEST_DATA_DIR) + "/endpoints/" + name;
}

ep::params read_params(simdjson::dom::element case_params) {
    ep::params p;
    const simdjson::dom::object members = case_params.get_object().value();
    for (auto [key, value] : members) {
        if (key == "Region") {
            p.region = std::string(value.get_string().value());
        } else if (key == "UseFIPS") {
            p.use_fips = value.get_bool().value();
        } else if (key == "UseDualStack") {
            p.use_dual_stack = value.get_bool().value();
        } else if (key == "Endpoint") {
            p.endpoint = std::string(value.get_string().value());
        } else if (key == "UseGlobalEndpoint") {
            p.use_global_endpoint = value.get_bool().value();
        } else {
            BOOST_FAIL("the case has a parameter the resolver does not take: " << key);
        }
    }
    return p;
}

void check_endpoint(const ep::result& r, simdjson::dom::object expected) {
    if (!r.ok()) {
        BOOST_ERROR("expected an endpoint, got the error: " << r.error());
        return;
    }
    const std::string_view url = expected["url"].get_string().value();
    BOOST_TEST(r.value().url == url);
    simdjson::dom::array schemes;
    if (expected.at_pointer("/properties/authSchemes").get(schemes) != simdjson::SUCCESS) {
        return;
    }
    for (auto scheme : schemes) {
        std::string_view region;
        if (scheme["signingRegion"].get(region) == simdjson::SUCCESS) {
            BOOST_TEST(r.value().signing_region == region);
        }
        std::string_view name;
        if (scheme["signingName"].get(name) == simdjson::SUCCESS) {
            BOOST_TEST(r.value().signing_name == name);
        }
    }
}

// Runs every case of the file and returns how many were checked.
std::size_t run_cases(ep::service svc, const std::string& file, std::size_t expected_cases) {
    const ep::resolver resolver;
    simdjson::dom::parser parser;
    simdjson::dom::element root = parser.load(data_file(file)).value();
    simdjson::dom::array cases = root["testCases"].get_array().value();
    BOOST_TEST_REQUIRE(cases.size() == expected_cases,
                       file << " should hold " << expected_cases << " cases");
    std::size_t checked = 0;
    for (auto c : cases) {
        const std::string_view doc = c["documentation"].get_string().value();
        BOOST_TEST_CONTEXT(file << ": " << doc) {
            simdjson::dom::element params_element;
            ep::params p;
            if (c["params"].get(params_element) == simdjson::SUCCESS) {
                p = read_params(params_element);
            }
            const ep::result r = resolver.resolve(svc, p);
            simdjson::dom::object expect = c["expect"].get_object().value();
            simdjson::dom::object expected_endpoint;
            std::string_view expected_error;
            if (expect["endpoint"].get(expected_endpoint) == simdjson::SUCCESS) {
                check_endpoint(r, expected_endpoint);
                ++checked;
            } else if (expect["error"].get(expected_error) == simdjson::SUCCESS) {
                if (r.ok()) {
                    BOOST_ERROR("expected an error, got " << r.value().url);
                } else {
                    BOOST_TEST(r.error() == expected_error);
                }
                ++checked;
            } else {
                BOOST_FAIL("a case expects neither an endpoint nor an error");
            }
        }
    }
    return checked;
}

} // namespace

BOOST_AUTO_TEST_CASE(every_official_glue_case_resolves_as_botocore_expects) {
    constexpr std::size_t glue_cases = 47;
    BOOST_TEST(run_cases(ep::service::glue, "glue-endpoint-tests.json", glue_cases) == glue_cases);
}

BOOST_AUTO_TEST_CASE(every_official_sts_case_resolves_as_botocore_expects) {
    constexpr std::size_t sts_cases = 69;
    BOOST_TEST(run_cases(ep::service::sts, "sts-endpoint-tests.json", sts_cases) == sts_cases);
}

BOOST_AUTO_TEST_CASE(every_official_organizations_case_resolves_as_botocore_expects) {
    constexpr std::size_t organizations_cases = 6;
    BOOST_TEST(run_cases(ep::service::organizations, "organizations-endpoint-tests.json",
                         organizations_cases) == organizations_cases);
}
