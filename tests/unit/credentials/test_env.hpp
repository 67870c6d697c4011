// Helpers of the credential unit tests: an environment as a map, profiles from INI text.
#pragma once

#include "credentials/environment.hpp"
#include "credentials/ini.hpp"
#include "credentials/profiles.hpp"
#include "credentials/timestamp.hpp"

#include <boost/test/unit_test.hpp>
#include <map>
#include <string>

namespace glue_inventory::creds::testing {

using env_map = std::map<std::string, std::string, std::less<>>;

inline env_lookup lookup_in(const env_map& env) {
    return [&env](std::string_view name) -> std::optional<std::string> {
        auto it = env.find(name);
        return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
}

inline profile_set profiles_of(std::string_view config, std::string_view credentials = "") {
    auto c = parse_ini(config, "config file");
    BOOST_REQUIRE_MESSAGE(c.has_value(), c.error().message);
    auto k = parse_ini(credentials, "credentials file");
    BOOST_REQUIRE_MESSAGE(k.has_value(), k.error().message);
    return make_profile_set(*c, *k);
}

inline std::optional<std::chrono::sys_seconds> iso(std::string_view text) {
    return parse_iso8601(text);
}

} // namespace glue_inventory::creds::testing
