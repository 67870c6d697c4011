// Web identity credentials (EKS IRSA, GitHub Actions OIDC, any OIDC token file), sans-I/O:
// the settings from the environment and the profile, the unsigned STS AssumeRoleWithWebIdentity
// request, and its answer. The specification is
// /work/shared/reference/credential-providers.md section 3.
#pragma once

#include "config_error.hpp"
#include "environment.hpp"
#include "http_message.hpp"
#include "profiles.hpp"
#include "sts_query.hpp"

#include <boost/system/result.hpp>
#include <chrono>
#include <glue_inventory/credentials.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace glue_inventory::creds::web_identity {

/// Attempts of one AssumeRoleWithWebIdentity, the first included (the normal STS budget).
inline constexpr unsigned attempts = 3;
/// A token file larger than this is refused (OIDC JWTs are a few KiB).
inline constexpr std::size_t max_token_file_bytes = 64 * 1024;

struct settings {
    std::string token_file; // read again before every call: IRSA rotates it
    std::string role_arn;
    std::string role_session_name;
    std::string origin; // "the environment" or "profile 'NAME'", for errors and --verbose
};

/// The settings, per key from AWS_WEB_IDENTITY_TOKEN_FILE / AWS_ROLE_ARN /
/// AWS_ROLE_SESSION_NAME, else the profile's web_identity_token_file / role_arn /
/// role_session_name (`profile` may be null). With `profile_is_explicit` (--profile) the
/// variables are ignored, as botocore ignores them. std::nullopt when no token file is set.
/// Errors: a token file without a role ARN; a session name STS would refuse. The default
/// session name is "glue-inventory-<unix seconds of now>".
config_result<std::optional<settings>> resolve_settings(const env_lookup& env,
                                                        const profile_set::profile* profile,
                                                        std::string_view profile_name,
                                                        bool profile_is_explicit,
                                                        std::chrono::sys_seconds now);

/// The POST to send to STS's "/". `token`: the token file's contents now (not trimmed).
/// Unsigned: no Authorization, X-Amz-Date or X-Amz-Security-Token. Errors: an empty token,
/// one that is not UTF-8.
config_result<http_request> build_request(const settings& s, const std::string& token,
                                          std::optional<std::chrono::seconds> duration = {});

struct assumed_identity {
    credentials creds;
    std::string account_id; // the 5th field of AssumedRoleUser/Arn, "" when absent
    std::string arn;
};

struct call_failure {
    bool retryable = false;
    std::string message; // names the role and STS's code and message, never the token
};

/// Reads STS's answer. Retryable: transport failures, 5xx, throttling, and the codes
/// IDPCommunicationError and InvalidIdentityToken (as the Go and C++ SDKs retry them).
boost::system::result<assumed_identity, call_failure> read_answer(const settings& s,
                                                                  const http_outcome& outcome);

/// The account of an ARN ("arn:aws:sts::123456789012:assumed-role/r/s" -> "123456789012"), ""
/// when it has no such field.
std::string account_of_arn(std::string_view arn);

} // namespace glue_inventory::creds::web_identity
