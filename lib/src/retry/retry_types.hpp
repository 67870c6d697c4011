// The retry component's shared types (no policy: the policies are the files below): what kind
// of failure an attempt had (`failure`), where randomness comes from (`random_source`), and the
// retry quota's limits (`quota_params`). Retry decisions are pure logic: no sleeping, no clock
// reads, no global random state. The caller passes the time and a random source, and does the
// waiting.
//
// The component follows botocore's "standard" and "adaptive" retry modes (botocore/retries/
// standard.py, quota.py, adaptive.py, bucket.py, throttling.py), constants and formulas included:
//   retry_quota.hpp            the standard mode's shared retry quota (500 / 5 / 10 / 1)
//   standard_policy.hpp        max attempts and exponential backoff with full jitter (20 s cap)
//   adaptive_rate_limiter.hpp  the adaptive mode's client-side CUBIC token bucket
#pragma once

#include <functional>

namespace glue_inventory::retry {

/// What went wrong with one attempt, as far as retrying is concerned.
enum class failure {
    throttling, // the service asked us to slow down
    transient,  // 5xx, a dropped or reset connection, a transient AWS error code
    timeout,    // a client-side timeout: costs more quota than other transient errors
    fatal,      // anything else: never retried
};

/// A uniform random number in [0, 1); injected so that tests are deterministic.
using random_source = std::function<double()>;

/// The standard mode's shared retry quota (one per client, or per account+region as the
/// caller chooses). Limits: capacity 500, cost 5 per retry, 10 per timeout retry, 1 back per
/// success without retry. Values of botocore's RetryQuota and RetryQuotaChecker.
struct quota_params {
    /// Tokens in a full quota, and the quota's starting level. At least 0.
    int capacity = 500;
    /// Tokens a retry after a throttling or transient failure takes. At least 0.
    int retry_cost = 5;
    /// Tokens a retry after a client-side timeout takes. At least 0.
    int timeout_retry_cost = 10;
    /// Tokens a call that succeeded at its first attempt gives back. At least 0.
    int no_retry_increment = 1;
};

} // namespace glue_inventory::retry
