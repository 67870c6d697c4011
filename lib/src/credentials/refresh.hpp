// When cached temporary credentials are refreshed, and who waits: botocore's
// RefreshableCredentials windows (reference/credential-providers.md, section 0) as a pure
// decision, so that credentials_cache.cpp only moves coroutines. Time is passed in.
//
// - More than advisory_window left: use the credentials.
// - Inside the advisory window (15 min): one caller refreshes; the others keep using the
//   current credentials meanwhile; a failed advisory refresh keeps them.
// - Inside the mandatory window (10 min): callers wait for the refresh, and its failure is
//   theirs.
// - Less than expiry_margin left: the credentials are not used at all.
// A refresh that just succeeded is not repeated inside the windows before min_refresh_interval
// has passed: a source that hands out short-lived credentials (an IMDS outage's extension, a
// 15-minute role session) would otherwise be asked again by every request.
#pragma once

#include <chrono>
#include <optional>

namespace glue_inventory::creds::refresh {

/// botocore _DEFAULT_ADVISORY_REFRESH_TIMEOUT: one caller starts refreshing this long before
/// expiry while the others carry on with the current credentials.
inline constexpr std::chrono::seconds advisory_window{15 * 60};
/// botocore _DEFAULT_MANDATORY_REFRESH_TIMEOUT: this long before expiry, callers wait for the
/// refresh.
inline constexpr std::chrono::seconds mandatory_window{10 * 60};
/// Credentials this close to expiry are never used: a request signed now and retried with
/// backoff (20 s cap per pause) must not reach AWS after they expired.
inline constexpr std::chrono::seconds expiry_margin{60};
/// After a refresh inside the windows, the next one is not tried before this has passed
/// (botocore's SSO token refresher waits 60 s between attempts too).
inline constexpr std::chrono::seconds min_refresh_interval{60};

/// What the cache knows about one identity.
struct state {
    bool has_value = false;                             // credentials at hand
    std::optional<std::chrono::sys_seconds> expiration; // of those; absent: they never expire
    bool refreshing = false;                            // a refresh is under way
    /// When the last refresh ended, and whether it produced credentials.
    std::optional<std::chrono::sys_seconds> last_refresh;
    bool last_refresh_failed = false;
};

enum class action {
    use,               // sign with the current credentials
    refresh_advisory,  // refresh; on failure, sign with the current credentials anyway
    refresh_mandatory, // refresh; its failure is the caller's (and its waiters')
    wait,              // a refresh is under way and the current credentials will not do
};

/// The decision for one caller at `now`.
action decide(const state& s, std::chrono::sys_seconds now) noexcept;

} // namespace glue_inventory::creds::refresh
