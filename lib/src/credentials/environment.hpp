// What the standard AWS environment variables say about credentials and the shared files.
// Pure: the environment is read through an injected lookup, so tests need no setenv.
#pragma once

#include "config_error.hpp"

#include <functional>
#include <glue_inventory/credentials.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace glue_inventory::creds {

/// Looks up one environment variable; std::nullopt when unset. In production: a wrapper of
/// std::getenv. A variable set to the empty string counts as unset, as in botocore.
using env_lookup = std::function<std::optional<std::string>(std::string_view)>;

/// The process environment (std::getenv). The only function here that reads global state.
env_lookup process_environment();

/// Credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, with the session token from
/// AWS_SECURITY_TOKEN or else AWS_SESSION_TOKEN (botocore's EnvProvider takes the first one
/// set, in that order; the other SDKs read only AWS_SESSION_TOKEN) and the expiry from
/// AWS_CREDENTIAL_EXPIRATION (ISO 8601), as botocore does.
/// Returns std::nullopt when neither key variable is set; an error naming the missing variable
/// when only one of them is, or when AWS_CREDENTIAL_EXPIRATION is not a timestamp.
config_result<std::optional<credentials>> credentials_from_environment(const env_lookup& env);

/// A service's endpoint override, as the SDKs read it: AWS_ENDPOINT_URL_<SERVICE_ID> (e.g.
/// "SSO", "SSO_OIDC", "STS"), else the global AWS_ENDPOINT_URL. `variable` is set to the one
/// that gave it, for errors. std::nullopt when neither is set.
std::optional<std::string> endpoint_override(const env_lookup& env, std::string_view service_id,
                                             std::string& variable);

/// Where the shared files are and which profile to use.
struct shared_file_settings {
    std::string config_file;          // AWS_CONFIG_FILE, else $HOME/.aws/config
    std::string credentials_file;     // AWS_SHARED_CREDENTIALS_FILE, else $HOME/.aws/credentials
    std::string profile;              // the explicit profile, else AWS_PROFILE, else "default"
    bool profile_is_explicit = false; // given by the caller (--profile), not by the environment
};

/// Reads the settings above. `explicit_profile` is the command line's --profile, when given.
/// A leading "~/" in a path is expanded with HOME, as the SDKs do. Error: HOME unset while a
/// default path needs it.
config_result<shared_file_settings>
shared_file_settings_from_environment(const env_lookup& env,
                                      std::optional<std::string> explicit_profile = {});

} // namespace glue_inventory::creds
