#include "environment.hpp"

#include "timestamp.hpp"

#include <cstdlib>
#include <utility>

namespace glue_inventory::creds {
namespace {

// botocore treats a variable set to "" as unset (environ.get(name, '') then `if value`); a
// value of blanks alone is no key, no path and no profile either (the Rust SDK's
// environment_variables_blank case), so it counts as unset too.
std::optional<std::string> non_empty(const env_lookup& env, std::string_view name) {
    auto value = env(name);
    if (value && value->find_first_not_of(" \t") == std::string::npos) {
        return std::nullopt;
    }
    return value;
}

} // namespace

env_lookup process_environment() {
    return [](std::string_view name) -> std::optional<std::string> {
        // getenv needs a terminated string; a name is never long.
        const char* value = std::getenv(std::string(name).c_str());
        if (value == nullptr) {
            return std::nullopt;
        }
        return std::string(value);
    };
}

std::optional<std::string> endpoint_override(const env_lookup& env, std::string_view service_id,
                                             std::string& variable) {
    variable = "AWS_ENDPOINT_URL_" + std::string(service_id);
    if (auto url = non_empty(env, variable)) {
        return url;
    }
    variable = "AWS_ENDPOINT_URL";
    return non_empty(env, variable);
}

config_result<std::optional<credentials>> credentials_from_environment(const env_lookup& env) {
    auto access_key_id = non_empty(env, "AWS_ACCESS_KEY_ID");
    auto secret_access_key = non_empty(env, "AWS_SECRET_ACCESS_KEY");
    if (!access_key_id && !secret_access_key) {
        return std::optional<credentials>{};
    }
    if (!access_key_id) {
        return config_error{"AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not: set "
                            "both or neither"};
    }
    if (!secret_access_key) {
        return config_error{"AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: set "
                            "both or neither"};
    }

    credentials creds;
    creds.access_key_id = std::move(*access_key_id);
    creds.secret_access_key = std::move(*secret_access_key);
    if (auto token = non_empty(env, "AWS_SECURITY_TOKEN")) {
        creds.session_token = std::move(*token);
    } else if (auto session_token = non_empty(env, "AWS_SESSION_TOKEN")) {
        creds.session_token = std::move(*session_token);
    }
    if (auto expiry = non_empty(env, "AWS_CREDENTIAL_EXPIRATION")) {
        creds.expiration = parse_iso8601(*expiry);
        if (!creds.expiration) {
            return config_error{"AWS_CREDENTIAL_EXPIRATION is not an ISO 8601 timestamp: \"" +
                                *expiry + "\""};
        }
    }
    return std::optional<credentials>{std::move(creds)};
}

config_result<shared_file_settings>
shared_file_settings_from_environment(const env_lookup& env,
                                      std::optional<std::string> explicit_profile) {
    auto home = non_empty(env, "HOME");
    auto expand = [&](std::string path) -> config_result<std::string> {
        if (path == "~" || path.starts_with("~/")) {
            if (!home) {
                return config_error{"HOME is not set, so \"" + path + "\" cannot be expanded"};
            }
            path.replace(0, 1, *home);
        }
        return config_result<std::string>{boost::system::in_place_value, std::move(path)};
    };

    auto config_file = expand(non_empty(env, "AWS_CONFIG_FILE").value_or("~/.aws/config"));
    if (!config_file) {
        return config_file.error();
    }
    auto credentials_file =
        expand(non_empty(env, "AWS_SHARED_CREDENTIALS_FILE").value_or("~/.aws/credentials"));
    if (!credentials_file) {
        return credentials_file.error();
    }

    shared_file_settings settings;
    settings.config_file = std::move(*config_file);
    settings.credentials_file = std::move(*credentials_file);
    settings.profile_is_explicit = explicit_profile.has_value();
    settings.profile = explicit_profile ? std::move(*explicit_profile)
                                        : non_empty(env, "AWS_PROFILE").value_or("default");
    return settings;
}

} // namespace glue_inventory::creds
