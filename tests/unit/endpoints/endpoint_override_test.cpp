#include "endpoints/endpoint_resolver.hpp"

#include <boost/test/unit_test.hpp>
#include <map>

namespace ep = glue_inventory::endpoints;

namespace {

// Boost.Test cannot print an optional; tests compare what it holds.
std::string shown(const std::optional<std::string>& v) {
    return v.value_or("<unset>");
}

// An environment made of the given variables only.
auto environment(std::map<std::string, std::string, std::less<>> vars) {
    return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
        if (auto it = vars.find(name); it != vars.end()) {
            return it->second;
        }
        return std::nullopt;
    };
}

} // namespace

BOOST_AUTO_TEST_SUITE(endpoint_override)

BOOST_AUTO_TEST_CASE(the_explicit_url_beats_every_variable) {
    const auto env = environment(
        {{"AWS_ENDPOINT_URL_GLUE", "https://glue.env"}, {"AWS_ENDPOINT_URL", "https://all.env"}});
    BOOST_TEST(shown(ep::endpoint_override(ep::service::glue, "https://flag", env)) ==
               "https://flag");
}

BOOST_AUTO_TEST_CASE(the_service_variable_beats_the_general_one) {
    const auto env = environment({{"AWS_ENDPOINT_URL_GLUE", "https://glue.env"},
                                  {"AWS_ENDPOINT_URL_STS", "https://sts.env"},
                                  {"AWS_ENDPOINT_URL_ORGANIZATIONS", "https://org.env"},
                                  {"AWS_ENDPOINT_URL", "https://all.env"}});
    BOOST_TEST(shown(ep::endpoint_override(ep::service::glue, std::nullopt, env)) ==
               "https://glue.env");
    BOOST_TEST(shown(ep::endpoint_override(ep::service::sts, std::nullopt, env)) ==
               "https://sts.env");
    BOOST_TEST(shown(ep::endpoint_override(ep::service::organizations, std::nullopt, env)) ==
               "https://org.env");
}

BOOST_AUTO_TEST_CASE(the_general_variable_applies_to_every_service) {
    const auto env = environment(
        {{"AWS_ENDPOINT_URL_STS", "https://sts.env"}, {"AWS_ENDPOINT_URL", "https://all.env"}});
    BOOST_TEST(shown(ep::endpoint_override(ep::service::glue, std::nullopt, env)) ==
               "https://all.env");
    BOOST_TEST(shown(ep::endpoint_override(ep::service::organizations, std::nullopt, env)) ==
               "https://all.env");
}

BOOST_AUTO_TEST_CASE(empty_values_count_as_unset) {
    const auto env =
        environment({{"AWS_ENDPOINT_URL_GLUE", ""}, {"AWS_ENDPOINT_URL", "https://all.env"}});
    BOOST_TEST(shown(ep::endpoint_override(ep::service::glue, std::string{}, env)) ==
               "https://all.env");
}

BOOST_AUTO_TEST_CASE(no_override_without_flag_or_variables) {
    BOOST_TEST(
        !ep::endpoint_override(ep::service::glue, std::nullopt, environment({})).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
