#include "retry/adaptive_rate_limiter.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace glue_inventory::retry {

namespace {

using seconds_d = std::chrono::duration<double>;

double seconds_since_epoch(adaptive_rate_limiter::clock::time_point t) {
    return seconds_d{t.time_since_epoch()}.count();
}

void require(bool ok, const char* name, const char* range, double value) {
    if (!ok) {
        throw std::invalid_argument(std::string("adaptive rate limiter: ") + name + " must be " +
                                    range + ", got " + std::to_string(value));
    }
}

} // namespace

adaptive_rate_limiter::adaptive_rate_limiter(clock::time_point created, adaptive_params params)
    : params_(params), last_refill_(created), last_throttle_(created) {
    require(params.beta > 0 && params.beta < 1, "beta", "in (0, 1)", params.beta);
    require(params.scale_constant > 0, "scale_constant", "more than 0", params.scale_constant);
    require(params.smoothing > 0 && params.smoothing <= 1, "smoothing", "in (0, 1]",
            params.smoothing);
    require(params.rate_bucket.count() > 0, "rate_bucket", "more than zero",
            static_cast<double>(params.rate_bucket.count()));
    require(params.min_fill_rate > 0, "min_fill_rate", "more than 0", params.min_fill_rate);
    require(params.initial_fill_rate > 0, "initial_fill_rate", "more than 0",
            params.initial_fill_rate);
    require(params.max_rate_adjust_scale > 0, "max_rate_adjust_scale", "more than 0",
            params.max_rate_adjust_scale);
    // botocore starts its RateClocker at the whole second, not at the bucket (a quirk kept so
    // that the measured rates match its own).
    last_bucket_seconds_ = std::floor(seconds_since_epoch(created));
    set_fill_rate(params.initial_fill_rate, created);
}

std::chrono::nanoseconds adaptive_rate_limiter::acquire(clock::time_point now) {
    std::lock_guard lock{mutex_};
    if (!enabled_) {
        return std::chrono::nanoseconds::zero();
    }
    refill(now);
    tokens_ -= 1;
    if (tokens_ >= 0) {
        return std::chrono::nanoseconds::zero();
    }
    // botocore sleeps (1 - level) / fill_rate; the level is already reduced by the token.
    return std::chrono::ceil<std::chrono::nanoseconds>(seconds_d{-tokens_ / fill_rate_});
}

void adaptive_rate_limiter::on_response(clock::time_point now, bool throttled) {
    std::lock_guard lock{mutex_};
    const double measured = record_send(now);
    double new_rate = 0;
    if (!throttled) {
        new_rate = cubic_rate_at(now);
    } else {
        // Before the bucket is in use its fill rate means nothing: only the measured rate does.
        const double rate_at_throttle = enabled_ ? std::min(measured, fill_rate_) : measured;
        cubic_throttled(rate_at_throttle, now);
        new_rate = rate_at_throttle * params_.beta;
        enabled_ = true;
    }
    set_fill_rate(std::min(new_rate, params_.max_rate_adjust_scale * measured), now);
}

double adaptive_rate_limiter::fill_rate() const {
    std::lock_guard lock{mutex_};
    return fill_rate_;
}

double adaptive_rate_limiter::max_capacity() const {
    std::lock_guard lock{mutex_};
    return max_capacity_;
}

double adaptive_rate_limiter::measured_send_rate() const {
    std::lock_guard lock{mutex_};
    return measured_rate_;
}

bool adaptive_rate_limiter::enabled() const {
    std::lock_guard lock{mutex_};
    return enabled_;
}

void adaptive_rate_limiter::refill(clock::time_point now) {
    if (now <= last_refill_) {
        return;
    }
    const double elapsed = seconds_d{now - last_refill_}.count();
    tokens_ = std::min(max_capacity_, tokens_ + elapsed * fill_rate_);
    last_refill_ = now;
}

void adaptive_rate_limiter::set_fill_rate(double rate, clock::time_point now) {
    // Tokens earned until now were earned at the old rate.
    refill(now);
    fill_rate_ = std::max(rate, params_.min_fill_rate);
    max_capacity_ = std::max(rate, 1.0);
    tokens_ = std::min(tokens_, max_capacity_);
}

double adaptive_rate_limiter::record_send(clock::time_point now) {
    const double bucket_width = seconds_d{params_.rate_bucket}.count();
    const double bucket = std::floor(seconds_since_epoch(now) / bucket_width) * bucket_width;
    count_ += 1;
    if (bucket > last_bucket_seconds_) {
        const double current_rate = count_ / (bucket - last_bucket_seconds_);
        measured_rate_ =
            current_rate * params_.smoothing + measured_rate_ * (1 - params_.smoothing);
        count_ = 0;
        last_bucket_seconds_ = bucket;
    }
    return measured_rate_;
}

double adaptive_rate_limiter::cubic_rate_at(clock::time_point now) const {
    const double since_throttle = seconds_d{now - last_throttle_}.count();
    return params_.scale_constant * std::pow(since_throttle - k_seconds_, 3) + w_max_;
}

void adaptive_rate_limiter::cubic_throttled(double rate, clock::time_point now) {
    w_max_ = rate;
    // K: the time CUBIC needs to grow from beta x w_max back to w_max.
    k_seconds_ = std::cbrt(w_max_ * (1 - params_.beta) / params_.scale_constant);
    last_throttle_ = now;
}

} // namespace glue_inventory::retry
