// The shared config and credentials files (~/.aws/config, ~/.aws/credentials), read as the
// client reads them, for a tool that wants to check its configuration before the first
// request: the profile's region, and whether the credential chain will find a base identity.
#pragma once

#include <glue_inventory/client_options.hpp>
#include <glue_inventory/export.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace glue_inventory {

/// Checks the credential variables of the environment (AWS_ACCESS_KEY_ID,
/// AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION) as the client reads
/// them. True when they give credentials; false with `error` empty when no key variable is set,
/// false with `error` naming the variable when they are incomplete or malformed. Never a
/// secret in `error`.
GLUE_INVENTORY_API bool has_environment_credentials(const environment& getenv, std::string& error);

/// The two files, parsed, and the selected profile.
class GLUE_INVENTORY_API shared_config {
public:
    /// Reads the files: the paths of `options.identity` when set, else AWS_CONFIG_FILE and
    /// AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/...; the profile `options.identity.profile`,
    /// else AWS_PROFILE, else "default". A missing file is an empty one. On an unreadable or
    /// malformed file (or HOME unset when a default path needs it) returns nullopt and one line
    /// in `error`.
    static std::optional<shared_config> load(const client_options& options,
                                             const environment& getenv, std::string& error);

    shared_config(shared_config&&) noexcept;
    shared_config& operator=(shared_config&&) noexcept;
    ~shared_config();

    /// The selected profile's name.
    const std::string& profile() const noexcept;

    /// The profile's `region`, when the config file gives one.
    std::optional<std::string> region() const;

    /// Where the profile sends `service`'s requests ("glue", "sts", "organizations", "sso",
    /// "sso_oidc"): the `endpoint_url` of the service's block in the `[services NAME]` section
    /// the profile names, else the profile's own `endpoint_url`; nullopt when neither is set or
    /// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS / ignore_configured_endpoint_urls is true. The
    /// variables AWS_ENDPOINT_URL_<SERVICE> and AWS_ENDPOINT_URL beat it (apply_environment
    /// reads them); the URL is returned as written, unchecked (is_endpoint_url checks it).
    std::optional<std::string> endpoint_url(const environment& getenv,
                                            std::string_view service) const;

    /// True when instance metadata may be asked (for the instance's region): not switched off
    /// by AWS_EC2_METADATA_DISABLED or the profile, and its settings valid. `config`: the
    /// files when they were read (their profile's settings count), else null.
    static bool instance_metadata_enabled(const environment& getenv, const shared_config* config);

    /// Plans the credential chain without any request, with the same plan the client runs (so
    /// the two cannot disagree). True when a base identity has a source. False with `error`
    /// saying why when a configured source is wrong (never a secret); false with `error` empty
    /// when nothing is configured and instance metadata, the chain's last source, is switched
    /// off (AWS_EC2_METADATA_DISABLED). `profile_is_explicit`: the profile was given by the
    /// caller (a flag), not by AWS_PROFILE. Sources that need the network (credential_process,
    /// web identity, SSO, the container, instance metadata) are only planned, not fetched.
    bool check_credential_source(const environment& getenv, bool profile_is_explicit,
                                 std::string& error) const;

private:
    struct impl;
    explicit shared_config(std::unique_ptr<impl> p);
    std::unique_ptr<impl> impl_;
};

} // namespace glue_inventory
