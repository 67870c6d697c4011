// The standard mode's retry quota: a pool of tokens that retries spend and successes refill,
// so that a failing service sees fewer retries instead of a retry storm (botocore's RetryQuota
// and RetryQuotaChecker, STANDARD_RETRY_MODE_VERSION 2.0).
#pragma once

#include "retry/retry_types.hpp"

#include <atomic>
#include <optional>

namespace glue_inventory::retry {

/// Thread safety: every member function may be called concurrently (the level is an atomic),
/// so one quota can be shared by all the coroutines of a client, whatever thread runs them.
class retry_quota {
public:
    /// Throws std::invalid_argument when a parameter is negative.
    explicit retry_quota(quota_params params = {});

    retry_quota(const retry_quota&) = delete;
    retry_quota& operator=(const retry_quota&) = delete;

    /// Takes the cost of one retry after `f`: timeout_retry_cost after a timeout, retry_cost
    /// after throttling or a transient failure. On success sets `cost` to the tokens taken and
    /// returns true; returns false (and sets `cost` to 0) when fewer tokens are left than the
    /// cost, or when `f` is fatal.
    bool try_acquire(failure f, int& cost);

    /// Gives `amount` tokens back; the level never exceeds the capacity. Throws
    /// std::invalid_argument when `amount` is negative.
    void release(int amount);

    /// A call (all its attempts) ended with a successful answer. `last_retry_cost` is the cost
    /// taken by the call's last retry, or nullopt when the call was not retried: a retried call
    /// gives that cost back, an unretried one gives no_retry_increment (as botocore does). A call
    /// that ended in failure gives nothing back: do not call this for it.
    void on_success(std::optional<int> last_retry_cost);

    /// Tokens available now.
    int available() const noexcept { return available_.load(std::memory_order_relaxed); }

    const quota_params& params() const noexcept { return params_; }

private:
    quota_params params_;
    std::atomic<int> available_;
};

} // namespace glue_inventory::retry
