// Endpoint URLs a profile configures, as the SDKs' service-specific endpoints read them
// (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html):
//   [profile dev]                 [services dev-urls]
//   endpoint_url = http://a:4566  sts =
//   services = dev-urls               endpoint_url = http://b:4566
// Pure: the caller has read the files (profile_set).
#pragma once

#include "environment.hpp"
#include "profiles.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace glue_inventory::creds {

/// Where profile `profile` sends `service`'s requests ("sts", "glue", "organizations", "sso",
/// "sso_oidc": the SDKs' service keys): the `endpoint_url` of the service's block in the
/// `[services NAME]` section the profile's `services` key names, else the profile's own
/// `endpoint_url`. std::nullopt when neither is set, when the profile does not exist, or when
/// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or the profile's ignore_configured_endpoint_urls is true.
/// AWS_ENDPOINT_URL_<SERVICE> and AWS_ENDPOINT_URL beat both: the caller asks endpoint_override
/// first. Only the config file holds these keys.
std::optional<std::string> profile_endpoint_url(const env_lookup& env, const profile_set& profiles,
                                                std::string_view profile, std::string_view service);

} // namespace glue_inventory::creds
