// EC2 instance metadata (IMDSv2) credentials, sans-I/O: which endpoint and switches the
// environment and profile select, and the exchange as a state machine (token PUT, role name,
// credentials) that the I/O layer drives one request at a time. The specification is
// /work/shared/reference/credential-providers.md section 1 ("Ours" where the SDKs disagree).
#pragma once

#include "config_error.hpp"
#include "environment.hpp"
#include "http_message.hpp"
#include "http_uri.hpp"
#include "profiles.hpp"

#include <chrono>
#include <glue_inventory/credentials.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace glue_inventory::creds::imds {

inline constexpr std::string_view token_path = "/latest/api/token";
inline constexpr std::string_view token_ttl_header = "x-aws-ec2-metadata-token-ttl-seconds";
inline constexpr std::string_view token_header = "x-aws-ec2-metadata-token";
/// The token lifetime asked for, as botocore, the Rust SDK and aws-c-auth ask (6 hours).
inline constexpr std::chrono::seconds token_ttl{21600};
/// A cached token is replaced this long before IMDS would stop accepting it (Rust SDK).
inline constexpr std::chrono::seconds token_refresh_buffer{120};
/// The extended credentials API (with AccountId), tried first...
inline constexpr std::string_view extended_path =
    "/latest/meta-data/iam/security-credentials-extended/";
/// ...and the legacy one, used for good after the extended one answers 404.
inline constexpr std::string_view legacy_path = "/latest/meta-data/iam/security-credentials/";
/// Connect and read timeout of each request, unless AWS_METADATA_SERVICE_TIMEOUT or
/// metadata_service_timeout (seconds) says otherwise: botocore's 1 s, so that off EC2 the chain
/// gives up at once.
inline constexpr std::chrono::milliseconds default_timeout{1000};
/// Attempts per request, unless AWS_METADATA_SERVICE_NUM_ATTEMPTS or
/// metadata_service_num_attempts says otherwise (botocore's 1).
inline constexpr unsigned default_attempts = 1;
/// Credentials IMDS hands out already expired (during an outage) are used for this long...
inline constexpr std::chrono::seconds expired_extension{600};
/// ...plus a random 0 to this many seconds, so that instances do not retry in step.
inline constexpr std::chrono::seconds max_extension_jitter{300};

inline constexpr std::string_view ipv4_endpoint = "http://169.254.169.254";
inline constexpr std::string_view ipv6_endpoint = "http://[fd00:ec2::254]";

struct settings {
    bool disabled = false;    // AWS_EC2_METADATA_DISABLED=true: no request at all
    bool v1_disabled = false; // AWS_EC2_METADATA_V1_DISABLED / ec2_metadata_v1_disabled
    http_uri endpoint;        // the base: request paths are appended to its path
    std::chrono::milliseconds timeout = default_timeout;
    unsigned attempts = default_attempts;
    /// AWS_EC2_INSTANCE_PROFILE_NAME / ec2_instance_profile_name: skips the role-name GET.
    std::optional<std::string> profile_name;
};

/// What code (or a test) sets, above the environment and the profile.
struct explicit_settings {
    std::optional<std::string> endpoint;
    std::optional<std::string> mode;
};

/// The settings from, in order: `explicit_`, the environment, the selected profile (may be
/// null). The endpoint: explicit endpoint, AWS_EC2_METADATA_SERVICE_ENDPOINT,
/// ec2_metadata_service_endpoint, else the mode's address (explicit mode,
/// AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE, ec2_metadata_service_endpoint_mode, legacy
/// AWS_IMDS_USE_IPV6 / imds_use_ipv6; IPv4 or IPv6, any case). Errors name the variable or key:
/// "`IPv7` is not a valid endpoint mode", "invalid uri character", a bad timeout or attempts,
/// an empty instance profile name.
config_result<settings> resolve_settings(const env_lookup& env, const profile_set::profile* profile,
                                         const explicit_settings& explicit_ = {});

/// The full URL of `path` at the settings' endpoint: "http://169.254.169.254/latest/api/token".
std::string url_of(const settings& s, std::string_view path);

/// What one credential document gave.
struct instance_credentials {
    credentials creds;
    std::optional<std::string> account_id; // the extended API's AccountId
};

/// Parses the credentials document. A missing Code counts as Success (Rust SDK); another Code is
/// an error quoting Code and Message (for AssumeRoleUnauthorizedAccess: a hint on the role's
/// trust policy). Required: AccessKeyId, SecretAccessKey, Token, Expiration. Unknown members are
/// ignored. Errors never quote a secret.
config_result<instance_credentials> parse_credentials_document(std::string_view json);

/// Static stability: when `creds` are already expired at `now`, moves their expiration to
/// now + expired_extension + `jitter` (clamped to max_extension_jitter) and returns true.
bool extend_if_expired(credentials& creds, std::chrono::sys_seconds now,
                       std::chrono::seconds jitter);

/// botocore's log line for an extension: "Attempting credential expiration extension due to a
/// credential service availability issue. A refresh of these credentials will be attempted
/// again within the next N minutes."
std::string extension_message(const credentials& extended, std::chrono::sys_seconds now);

/// What survives from one fetch to the next within a provider.
struct provider_state {
    std::optional<std::string> token;        // the IMDSv2 token, when one is cached
    std::chrono::sys_seconds token_expiry{}; // when IMDS stops accepting it
    std::optional<std::string> role;         // the discovered role name
    bool legacy = false;                     // the extended API answered 404
};

/// A fetch that produced no credentials. `unavailable`: no instance metadata here (nothing
/// answered, or no role attached), for the chain a source that is not there; `error`: IMDS
/// answered but refused or garbled, a configured source that failed.
struct fetch_failure {
    enum class kind { unavailable, error } what = kind::error;
    std::string message;
};

/// The instance's region: GET of this path, after the token (the Rust and Java SDKs' last
/// region source).
inline constexpr std::string_view region_path = "/latest/meta-data/placement/region";

/// The answer of region_path, trimmed.
struct instance_region {
    std::string name;
};

/// One retrieval: start(), then resume() with the outcome of each request asked for, until a
/// result. Holds a reference to the provider's state, which it updates (token, role, legacy
/// switch) as IMDS answers. By default it retrieves the credentials; with wanted::region, the
/// instance's region (the same token rules, then one GET of region_path).
class fetch {
public:
    struct send {
        http_request request;
    };
    using step = std::variant<send, instance_credentials, fetch_failure, instance_region>;
    enum class wanted { credentials, region };

    fetch(const settings& s, provider_state& state, std::chrono::sys_seconds now,
          wanted what = wanted::credentials);

    step start();
    step resume(const http_outcome& outcome);

private:
    enum class stage { token, role_list, credentials, region };

    step ask_token();
    step ask_first(); // after the token: the role list, or the region
    step ask_region();
    step on_region(const http_outcome& outcome);
    step ask_role_list();
    step ask_credentials();
    step on_token(const http_outcome& outcome);
    step on_role_list(const http_outcome& outcome);
    step on_credentials(const http_outcome& outcome);
    step with_token(http_request request);
    std::optional<step> retry_or_fail(const http_outcome& outcome, std::string_view what);
    std::optional<step> after_unauthorized();
    std::string credentials_path() const;

    const settings& settings_;
    provider_state& state_;
    std::chrono::sys_seconds now_;
    wanted what_ = wanted::credentials;
    stage stage_ = stage::token;
    http_request last_;
    unsigned attempts_left_ = 0;
    bool use_token_ = false;
    bool dropped_token_ = false; // a 401 already made us fetch a new token once
    bool rediscovered_ = false;  // a 404 on the credentials already made us look the role up
};

} // namespace glue_inventory::creds::imds
