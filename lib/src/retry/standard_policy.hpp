// The standard retry mode: how many attempts a call may make and how long to wait between them
// (botocore's StandardRetryConditions, MaxAttemptsChecker and ExponentialBackoff,
// STANDARD_RETRY_MODE_VERSION 2.0). The adaptive mode uses this same policy and adds
// adaptive_rate_limiter in front of every send.
#pragma once

#include "retry/retry_quota.hpp"
#include "retry/retry_types.hpp"

#include <chrono>
#include <optional>

namespace glue_inventory::retry {

struct standard_params {
    /// Attempts per call, the first one included; 1 disables retries. At least 1. The caller
    /// reads AWS_MAX_ATTEMPTS / --max-attempts and passes the value here.
    int max_attempts = 3;
    /// The cap of the exponential backoff: a wait is random x min(2^(attempt-1) s, max_backoff).
    /// More than zero.
    std::chrono::milliseconds max_backoff = std::chrono::seconds{20};
};

/// What to do after a failed attempt that may be retried.
struct retry_decision {
    /// How long to wait before the next attempt.
    std::chrono::milliseconds delay;
    /// Tokens taken from the retry quota for this retry. Keep the last one of a call: when the
    /// call finally succeeds, pass it to retry_quota::on_success.
    int quota_cost;
};

/// Immutable after construction: share it freely between threads.
class standard_policy {
public:
    /// Throws std::invalid_argument when max_attempts < 1 or max_backoff <= 0.
    explicit standard_policy(standard_params params = {});

    /// After attempt `attempt` (1-based: the first send is attempt 1) failed with `f`: nullopt
    /// means give up (fatal failure, attempts used up, or retry quota exhausted), otherwise how
    /// long to wait and what the retry cost. Takes the retry's cost from `quota` only when it
    /// retries. The wait is random() x min(2^(attempt-1) s, max_backoff): full jitter, below
    /// 1 s after the first attempt, below 2 s after the second, ..., below 20 s from the sixth.
    /// Throws std::invalid_argument when attempt < 1 or random() is outside [0, 1).
    std::optional<retry_decision> after_failure(int attempt, failure f, retry_quota& quota,
                                                const random_source& random) const;

    const standard_params& params() const noexcept { return params_; }

private:
    standard_params params_;
};

} // namespace glue_inventory::retry
