#include "retry/standard_policy.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace glue_inventory::retry {

standard_policy::standard_policy(standard_params params) : params_(params) {
    if (params.max_attempts < 1) {
        throw std::invalid_argument("standard retry policy: max_attempts must be at least 1, got " +
                                    std::to_string(params.max_attempts));
    }
    if (params.max_backoff <= std::chrono::milliseconds::zero()) {
        throw std::invalid_argument(
            "standard retry policy: max_backoff must be more than zero, got " +
            std::to_string(params.max_backoff.count()) + " ms");
    }
}

std::optional<retry_decision> standard_policy::after_failure(int attempt, failure f,
                                                             retry_quota& quota,
                                                             const random_source& random) const {
    if (attempt < 1) {
        throw std::invalid_argument("standard retry policy: attempts are counted from 1, got " +
                                    std::to_string(attempt));
    }
    // botocore checks retryability and attempts first, and only then spends quota.
    if (f == failure::fatal || attempt >= params_.max_attempts) {
        return std::nullopt;
    }
    int cost = 0;
    if (!quota.try_acquire(f, cost)) {
        return std::nullopt;
    }
    const double r = random();
    if (!(r >= 0.0 && r < 1.0)) {
        // The token is already spent; give it back so that a broken source does not drain it.
        quota.release(cost);
        throw std::invalid_argument(
            "standard retry policy: the random source must return a value in [0, 1), got " +
            std::to_string(r));
    }
    // 2^(attempt-1) grows past any cap quickly; std::ldexp saturates to infinity, never wraps.
    const double exponential_ms = std::ldexp(1000.0, attempt - 1);
    const double cap_ms = static_cast<double>(params_.max_backoff.count());
    const double delay_ms = r * std::min(exponential_ms, cap_ms);
    return retry_decision{
        std::chrono::milliseconds{static_cast<std::chrono::milliseconds::rep>(delay_ms)}, cost};
}

} // namespace glue_inventory::retry
