#include "retry/retry_quota.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace glue_inventory::retry {

namespace {

void require_not_negative(int value, const char* name) {
    if (value < 0) {
        throw std::invalid_argument(std::string("retry quota: ") + name +
                                    " must not be negative, got " + std::to_string(value));
    }
}

} // namespace

retry_quota::retry_quota(quota_params params) : params_(params), available_(params.capacity) {
    require_not_negative(params.capacity, "capacity");
    require_not_negative(params.retry_cost, "retry_cost");
    require_not_negative(params.timeout_retry_cost, "timeout_retry_cost");
    require_not_negative(params.no_retry_increment, "no_retry_increment");
}

bool retry_quota::try_acquire(failure f, int& cost) {
    cost = 0;
    if (f == failure::fatal) {
        return false;
    }
    const int wanted = f == failure::timeout ? params_.timeout_retry_cost : params_.retry_cost;
    int level = available_.load(std::memory_order_relaxed);
    do {
        if (wanted > level) {
            return false;
        }
    } while (!available_.compare_exchange_weak(level, level - wanted, std::memory_order_relaxed));
    cost = wanted;
    return true;
}

void retry_quota::release(int amount) {
    if (amount < 0) {
        throw std::invalid_argument("retry quota: cannot release a negative amount, got " +
                                    std::to_string(amount));
    }
    int level = available_.load(std::memory_order_relaxed);
    // Written as capacity - level so that a huge amount cannot overflow.
    while (!available_.compare_exchange_weak(
        level, level + std::min(params_.capacity - level, amount), std::memory_order_relaxed)) {
    }
}

void retry_quota::on_success(std::optional<int> last_retry_cost) {
    release(last_retry_cost.value_or(params_.no_retry_increment));
}

} // namespace glue_inventory::retry
