#include "profile_endpoints.hpp"

#include <algorithm>
#include <cctype>

namespace glue_inventory::creds {

namespace {

bool is_true(std::string_view value) {
    return value.size() == 4 && std::equal(value.begin(), value.end(), "true", [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == b;
           });
}

} // namespace

std::optional<std::string> profile_endpoint_url(const env_lookup& env, const profile_set& profiles,
                                                std::string_view profile,
                                                std::string_view service) {
    if (auto ignore = env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"); ignore && is_true(*ignore)) {
        return std::nullopt;
    }
    const auto it = profiles.profiles.find(profile);
    if (it == profiles.profiles.end() || !it->second.config) {
        return std::nullopt;
    }
    const ini_section& config = *it->second.config;
    if (const std::string* ignore = config.find("ignore_configured_endpoint_urls");
        ignore && is_true(*ignore)) {
        return std::nullopt;
    }
    if (const std::string* name = config.find("services"); name && !name->empty()) {
        if (auto section = profiles.services.find(*name); section != profiles.services.end()) {
            auto block = section->second.properties.find(std::string(service));
            if (block != section->second.properties.end()) {
                auto url = block->second.sub_properties.find("endpoint_url");
                if (url != block->second.sub_properties.end() && !url->second.empty()) {
                    return url->second;
                }
            }
        }
    }
    if (const std::string* url = config.find("endpoint_url"); url && !url->empty()) {
        return *url;
    }
    return std::nullopt;
}

} // namespace glue_inventory::creds
