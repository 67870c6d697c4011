// AWS credentials as the rest of the library sees them: an identity that may expire.
//
// Secrets never leave through text: there is no operator<<, and describe() shows only the
// access key id (which AWS itself prints in CloudTrail and error messages).
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace glue_inventory {

/// For embedders that cache credentials themselves: refresh this long before they expire, so
/// that a request signed just before the deadline (and retried with backoff) is not rejected in
/// flight. Five minutes is far longer than any request, and short against the shortest STS
/// session (15 minutes). The client's own cache follows botocore's advisory (15 min) and
/// mandatory (10 min) windows instead (see the README's Credentials section).
inline constexpr std::chrono::seconds refresh_before_expiry{std::chrono::minutes{5}};

struct credentials {
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token;                          // empty for long-term keys
    std::optional<std::chrono::sys_seconds> expiration; // absent: they never expire
};

/// True when `creds` must be refreshed before signing at `now`: they expire within
/// refresh_before_expiry (or already have). Credentials without an expiration never do.
inline bool needs_refresh(const credentials& creds, std::chrono::sys_seconds now) noexcept {
    return creds.expiration.has_value() && now + refresh_before_expiry >= *creds.expiration;
}

/// Text safe to log: "AKIDEXAMPLE (temporary)" or "AKIDEXAMPLE (long-term)". Never the secret
/// or the token.
inline std::string describe(const credentials& creds) {
    return creds.access_key_id + (creds.session_token.empty() ? " (long-term)" : " (temporary)");
}

} // namespace glue_inventory
