// IAM Identity Center (SSO) credentials, sans-I/O: the profile's SSO settings (sso-session or
// legacy form), the token cache file (name, JSON read and write), whether to use, refresh or
// refuse the cached token, the SSO-OIDC CreateToken refresh and the portal's
// GetRoleCredentials. The specification is /work/shared/reference/credential-providers.md
// section 4; the error texts are the AWS CLI's.
#pragma once

#include "config_error.hpp"
#include "http_message.hpp"
#include "profiles.hpp"

#include <boost/system/result.hpp>
#include <chrono>
#include <glue_inventory/credentials.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace glue_inventory::creds::sso {

/// A token with less than this left is refreshed, when it can be (botocore's window).
inline constexpr std::chrono::seconds refresh_window{15 * 60};
/// At most one refresh attempt in this long (botocore's _attempt_timeout).
inline constexpr std::chrono::seconds min_time_between_refreshes{60};
/// Attempts of one portal or OIDC call, the first included.
inline constexpr unsigned attempts = 3;

/// The AWS CLI's message for a token that is missing, expired and not refreshable, or refused.
inline constexpr std::string_view login_message =
    "The SSO session associated with this profile has expired or is otherwise invalid. To "
    "refresh this SSO session run aws sso login with the corresponding profile.";

struct settings {
    std::string profile;
    std::optional<std::string> session_name; // the sso-session form; absent: legacy
    std::string start_url;
    std::string region;
    std::string account_id;
    std::string role_name;

    /// What names the cache file: the session name, else the start URL.
    const std::string& cache_key() const { return session_name ? *session_name : start_url; }
};

/// The SSO settings of profile `name`, std::nullopt when it has neither sso_account_id nor
/// sso_role_name (no SSO credentials; a token-only profile). Errors (the AWS CLI's texts):
/// 'The specified sso-session does not exist: "NAME"', 'The profile "P" is configured to use
/// SSO but is missing required configuration: sso_region, ...', 'The value for sso_region is
/// inconsistent between profile (A) and sso-session (B)'.
config_result<std::optional<settings>> resolve_settings(const profile_set& profiles,
                                                        std::string_view name);

/// Lower-case hex SHA-1 of `key` (the cache file's name without ".json").
std::string sha1_hex(std::string_view key);

/// "<cache_dir>/<sha1 of the cache key>.json"; cache_dir is usually $HOME/.aws/sso/cache.
std::string cache_file(const settings& s, std::string_view cache_dir);

/// The token cache file, as `aws sso login` writes it. Secrets: access_token, refresh_token,
/// client_secret.
struct cached_token {
    std::string access_token;
    std::chrono::sys_seconds expires_at{};
    std::optional<std::string> refresh_token;
    std::optional<std::string> client_id;
    std::optional<std::string> client_secret;
    std::optional<std::chrono::sys_seconds> registration_expires_at;
    std::optional<std::string> region;
    std::optional<std::string> start_url;
};

/// Parses the cache file. Errors (naming the cache key, never a token): not JSON, a missing or
/// malformed accessToken or expiresAt ("Token for KEY is invalid").
config_result<cached_token> parse_cached_token(std::string_view json, std::string_view key);

/// The cache file's text for `token` (the members above, camelCase, RFC 3339 UTC times).
std::string write_cached_token(const cached_token& token);

/// What to do with the cached token at `now`.
enum class token_action {
    use,     // valid, and not in the refresh window (or not refreshable)
    refresh, // in the refresh window and refreshable: call CreateToken
    refuse,  // expired and not refreshable: the login message
};

/// Legacy profiles never refresh. sso-session profiles refresh inside refresh_window when the
/// cache has refreshToken, clientId, clientSecret and an unexpired registrationExpiresAt, and
/// no attempt was made in the last min_time_between_refreshes (`last_attempt`).
token_action decide(const settings& s, const cached_token& token, std::chrono::sys_seconds now,
                    std::optional<std::chrono::sys_seconds> last_attempt);

/// The error for a missing cache file or a refused token, naming the profile.
std::string login_error(const settings& s, std::string_view why);

/// SSO-OIDC CreateToken (refresh_token grant): POST "/token" to oidc.<region>.amazonaws.com
/// with a JSON body. Requires refresh_token, client_id, client_secret (decide() checked them).
http_request create_token_request(const cached_token& token);

struct failure {
    bool retryable = false;
    std::string message; // the status and the service's error type, never a token
};

/// Applies CreateToken's answer: a new access token, expires_at = now + expiresIn, the new
/// refresh token if one came (else the old one is kept). Failure: non-200, unreadable JSON.
boost::system::result<cached_token, failure>
apply_create_token_answer(const cached_token& old, const http_outcome& outcome,
                          std::chrono::sys_seconds now);

/// The portal's GetRoleCredentials: GET "/federation/credentials?role_name=R&account_id=A"
/// to portal.sso.<region>.amazonaws.com with the header x-amz-sso_bearer_token.
http_request get_role_credentials_request(const settings& s, const std::string& access_token);

/// The credentials (expiration in epoch milliseconds) or the failure: 401 gives the login
/// message; 429 and 5xx are retryable.
boost::system::result<credentials, failure> read_role_credentials(const settings& s,
                                                                  const http_outcome& outcome);

/// "oidc.<region>.amazonaws.com" and "portal.sso.<region>.amazonaws.com".
std::string oidc_host(std::string_view region);
std::string portal_host(std::string_view region);

} // namespace glue_inventory::creds::sso
