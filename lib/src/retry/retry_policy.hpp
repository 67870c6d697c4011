// Retry decisions as pure logic: no sleeping, no clock reads, no global random state.
// The caller passes the time and a random source, and does the waiting.
#pragma once

#include <chrono>
#include <functional>
#include <optional>

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
/// success without retry.
struct quota_params {
    int capacity = 500;
    int retry_cost = 5;
    int timeout_retry_cost = 10;
    int no_retry_increment = 1;
};

// ... standard_policy, adaptive_rate_limiter: designed by the retry component.

} // namespace glue_inventory::retry
