// The SDKs' shared profile-file suites (smithy-rs aws-runtime test-data, see
// tests/data/credential-chain/NOTICE): every case of profile-parser-tests.json through
// parse_ini + make_profile_set, and the Linux cases of file-location-tests.json through
// shared_file_settings_from_environment.
#include "credentials/environment.hpp"
#include "credentials/ini.hpp"
#include "credentials/profiles.hpp"

#include <boost/test/unit_test.hpp>
#include <map>
#include <simdjson.h>
#include <string>

namespace gc = glue_inventory::creds;

namespace {

std::string data_file(const std::string& name) {
    return std::string(GLUE_TEST_DATA_DIR) + "/credential-chain/" + name;
}

using property_map = std::map<std::string, std::string>;

// A property as the SDKs' parser returns it: sub-properties kept as their raw text.
std::string sdk_value(const gc::ini_property& p) {
    return p.value + p.nested_text;
}

void add_section(property_map& out, const gc::ini_section& section) {
    for (const auto& [key, property] : section.properties) {
        out[key] = sdk_value(property);
    }
}

// One profile's properties, the credentials file's over the config file's.
property_map merged(const gc::profile_set::profile& p) {
    property_map out;
    if (p.config) {
        add_section(out, *p.config);
    }
    if (p.credentials) {
        add_section(out, *p.credentials);
    }
    return out;
}

std::map<std::string, property_map> expected_sections(simdjson::dom::object sections) {
    std::map<std::string, property_map> out;
    for (auto [name, props] : sections) {
        auto& slot = out[std::string(name)];
        const simdjson::dom::object members = props.get_object().value();
        for (auto [key, value] : members) {
            slot[std::string(key)] = std::string(value.get_string().value());
        }
    }
    return out;
}

std::string optional_member(simdjson::dom::object o, std::string_view key) {
    std::string_view value;
    return o[key].get(value) == simdjson::SUCCESS ? std::string(value) : std::string();
}

} // namespace

BOOST_AUTO_TEST_SUITE(shared_profile_suites)

BOOST_AUTO_TEST_CASE(every_profile_parser_case_gives_the_sdks_profiles_or_error) {
    simdjson::dom::parser parser;
    simdjson::dom::element root = parser.load(data_file("profile-parser-tests.json")).value();
    simdjson::dom::array cases = root["tests"].get_array().value();
    constexpr std::size_t expected_cases = 65;
    BOOST_TEST_REQUIRE(cases.size() == expected_cases);
    std::size_t checked = 0;
    for (auto c : cases) {
        BOOST_TEST_CONTEXT(c["name"].get_string().value()) {
            simdjson::dom::object input = c["input"].get_object().value();
            simdjson::dom::object output = c["output"].get_object().value();
            auto config = gc::parse_ini(optional_member(input, "configFile"), "config file");
            auto credentials =
                gc::parse_ini(optional_member(input, "credentialsFile"), "credentials file");

            std::string_view expected_error;
            if (output["errorContaining"].get(expected_error) == simdjson::SUCCESS) {
                std::string error = config.has_error()        ? config.error().message
                                    : credentials.has_error() ? credentials.error().message
                                                              : std::string();
                BOOST_TEST(error.find(expected_error) != std::string::npos,
                           "error \"" << error << "\" should contain \"" << expected_error << "\"");
                ++checked;
                continue;
            }
            BOOST_TEST_REQUIRE(config.has_value(), config.error().message);
            BOOST_TEST_REQUIRE(credentials.has_value(), credentials.error().message);
            const gc::profile_set set = gc::make_profile_set(*config, *credentials);

            simdjson::dom::object expected = output["config"].get_object().value();
            auto expected_profiles = expected_sections(expected["profiles"].get_object().value());
            std::map<std::string, property_map> profiles;
            for (const auto& [name, profile] : set.profiles) {
                profiles[name] = merged(profile);
            }
            BOOST_TEST((profiles == expected_profiles));

            simdjson::dom::object sessions;
            if (expected["sso_sessions"].get(sessions) == simdjson::SUCCESS) {
                std::map<std::string, property_map> got;
                for (const auto& [name, section] : set.sso_sessions) {
                    add_section(got[name], section);
                }
                BOOST_TEST((got == expected_sections(sessions)));
            }
            ++checked;
        }
    }
    BOOST_TEST(checked == expected_cases);
}

// The Windows cases ($USERPROFILE, $HOMEDRIVE$HOMEPATH, backslashes) are skipped: glue-inventory
// runs on POSIX systems only, where HOME alone locates the files.
BOOST_AUTO_TEST_CASE(every_linux_file_location_case_finds_the_sdks_files_and_profile) {
    simdjson::dom::parser parser;
    simdjson::dom::element root = parser.load(data_file("file-location-tests.json")).value();
    std::size_t checked = 0;
    const simdjson::dom::array cases = root["tests"].get_array().value();
    for (auto c : cases) {
        if (c["platform"].get_string().value() != "linux") {
            continue;
        }
        BOOST_TEST_CONTEXT(c["name"].get_string().value()) {
            std::map<std::string, std::string, std::less<>> env;
            const simdjson::dom::object environment = c["environment"].get_object().value();
            for (auto [key, value] : environment) {
                env[std::string(key)] = std::string(value.get_string().value());
            }
            gc::env_lookup lookup = [&](std::string_view name) -> std::optional<std::string> {
                auto it = env.find(name);
                return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
            };
            auto settings = gc::shared_file_settings_from_environment(lookup);
            BOOST_TEST_REQUIRE(settings.has_value());
            BOOST_TEST(settings->config_file == c["configLocation"].get_string().value());
            BOOST_TEST(settings->credentials_file == c["credentialsLocation"].get_string().value());
            std::string_view profile;
            if (c["profile"].get(profile) == simdjson::SUCCESS) {
                BOOST_TEST(settings->profile == profile);
            }
            ++checked;
        }
    }
    constexpr std::size_t linux_cases = 4;
    BOOST_TEST(checked == linux_cases);
}

BOOST_AUTO_TEST_SUITE_END()
