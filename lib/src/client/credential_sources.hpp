// What the client keeps between fetches of its base identity: the providers' state (IMDS token
// and role, the last good IMDS credentials, the last SSO refresh attempt) and which source
// supplied the identity. See base_credentials.cpp.
#pragma once

#include "credentials/imds.hpp"

#include <chrono>
#include <glue_inventory/credentials.hpp>
#include <map>
#include <optional>
#include <string>

namespace glue_inventory::client_detail {

struct source_state {
    creds::imds::provider_state imds;
    /// Static stability: served (extended) when a later IMDS refresh fails.
    std::optional<credentials> imds_last_good;
    std::optional<std::chrono::sys_seconds> sso_last_refresh_attempt;
    /// The source of the last base identity ("EC2 instance metadata", "SSO (profile 'dev')").
    std::string description;
    /// Its account, when the source said it (see base_identity_info).
    std::optional<std::string> account_id;
    /// The selected profile's endpoint URLs by service key (credential_plan::endpoint_urls).
    std::map<std::string, std::string, std::less<>> profile_endpoint_urls;
};

} // namespace glue_inventory::client_detail
