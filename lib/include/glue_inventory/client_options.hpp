// How a client reaches AWS: endpoints, TLS trust, retries, identity. A plain struct: every
// field has a default, a unit where it has one, and says what its empty value means.
#pragma once

#include <functional>
#include <glue_inventory/credentials.hpp>
#include <glue_inventory/export.hpp>
#include <glue_inventory/http_options.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace glue_inventory {

enum class retry_mode {
    standard, // exponential backoff with full jitter, a shared retry quota
    adaptive, // standard, plus a client-side rate limiter per (account, region) (CUBIC)
};

/// Where the base identity comes from.
struct identity_options {
    /// Explicit credentials; when absent, the default chain: environment variables
    /// (AWS_ACCESS_KEY_ID...), then the profile of the shared config and credentials files.
    std::optional<credentials> static_credentials;
    /// An explicit profile (--profile): the environment's keys are then ignored, as in the
    /// SDKs. Empty: the environment's keys if set, else AWS_PROFILE, else "default".
    std::string profile;
    /// AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE; empty: ~/.aws/config, ~/.aws/credentials.
    std::string config_file;
    std::string credentials_file;

    /// With a role name, each account is read with credentials from STS AssumeRole on
    /// arn:<partition>:iam::<account>:role/<role_name>, obtained with the base identity.
    /// Empty: the base identity reads every account.
    std::string role_name;
    std::optional<std::string> external_id;
    std::string role_session_name = "glue-inventory";
    /// Requested lifetime of assumed-role credentials: 0 (STS's default, 1 hour), or 900 to
    /// 43200 seconds (what STS accepts; the role's maximum session duration may be lower).
    std::chrono::seconds role_duration{0};
};

/// A getenv that a caller can replace (tests, embedding services).
using environment = std::function<std::optional<std::string>(std::string_view)>;

struct client_options {
    /// The region STS and Organizations are called in (AWS_REGION, AWS_DEFAULT_REGION).
    /// Empty: us-east-1.
    std::string home_region;

    /// Endpoint overrides (--endpoint-url, AWS_ENDPOINT_URL_GLUE/_STS/_ORGANIZATIONS,
    /// AWS_ENDPOINT_URL). Every region's requests go to the override and are still signed for
    /// their own region. Absent: the endpoint rules of the region's partition.
    std::optional<std::string> glue_endpoint_url;
    std::optional<std::string> sts_endpoint_url;
    std::optional<std::string> organizations_endpoint_url;
    bool use_fips = false;
    bool use_dual_stack = false;

    retry_mode retry = retry_mode::standard;
    /// Attempts per request, the first included (AWS_MAX_ATTEMPTS, --max-attempts). At least 1.
    int max_attempts = 3;

    /// Added after "glue-inventory/<version>" in the User-Agent header (CloudTrail shows it).
    std::string user_agent_suffix;

    identity_options identity;
    http_options http;

    /// The environment the credential chain reads (AWS_ACCESS_KEY_ID, AWS_PROFILE, HOME,
    /// AWS_WEB_IDENTITY_TOKEN_FILE, AWS_CONTAINER_*, AWS_EC2_METADATA_*, AWS_ENDPOINT_URL_SSO...).
    /// An embedder that injects one is never overridden by the process's own variables.
    /// Empty: the process environment.
    environment env;
};

/// What is wrong with `o`: the first field outside its documented range, named with its value
/// ("client_options::max_attempts must be at least 1 (got 0)"), its http_options included.
/// Empty when every field is in range. The client's constructor throws it
/// (boost::system::system_error with errc::invalid_argument).
GLUE_INVENTORY_API std::string options_error(const client_options& o);

/// The process environment.
GLUE_INVENTORY_API environment process_environment();

/// Fills what the options leave unset from the standard AWS variables, the way the SDKs do:
/// AWS_REGION / AWS_DEFAULT_REGION, AWS_ENDPOINT_URL[_GLUE|_STS|_ORGANIZATIONS], AWS_CA_BUNDLE,
/// AWS_MAX_ATTEMPTS, AWS_RETRY_MODE, AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE.
/// (AWS_PROFILE and the profile's region are read where the shared files are read: the profile
/// in identity_options is an explicit one.) `explicitly_set` tells which fields a flag already set
/// (flags beat the environment). Returns an empty string, or what was wrong ("AWS_MAX_ATTEMPTS:
/// 'x' is not a whole number from 1 to 100").
struct explicit_fields {
    bool max_attempts = false;
    bool retry = false;
    bool ca_bundle = false;
};
GLUE_INVENTORY_API std::string apply_environment(client_options& options, const environment& getenv,
                                                 const explicit_fields& explicitly_set = {});

/// Which source of the default chain supplies the base identity for `options`, as the client
/// will decide it (the environment in options.env, else the process's, and the shared files;
/// no request is made): "static credentials (client_options)", "environment variables",
/// "profile 'dev'", "web identity (the environment)", "SSO (profile 'dev')",
/// "container (AWS_CONTAINER_CREDENTIALS_FULL_URI)", "EC2 instance metadata", or the
/// configuration error that stops the chain, prefixed "error: ". Never a secret.
GLUE_INVENTORY_API std::string credential_source(const client_options& options);

} // namespace glue_inventory
