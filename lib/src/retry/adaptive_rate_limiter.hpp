// The adaptive retry mode's client-side rate limiter (botocore's ClientRateLimiter, with its
// TokenBucket, CubicCalculator and RateClocker). Until the first throttling answer it lets every
// request through. From then on each send takes a token from a bucket whose fill rate follows
// CUBIC congestion control: cut to beta x the send rate at a throttle, then growing back as
// C x (t - K)^3 + w_max, never above twice the measured send rate.
//
// The adaptive mode also retries exactly like the standard mode: use standard_policy for that.
#pragma once

#include <chrono>
#include <mutex>

namespace glue_inventory::retry {

/// botocore's constants. Rates are in requests per second.
struct adaptive_params {
    /// CUBIC multiplicative decrease: after a throttle the rate is beta x the rate sent at.
    /// In (0, 1).
    double beta = 0.7;
    /// CUBIC scale constant C: how fast the rate grows back, in requests/s per s^3. More than 0.
    double scale_constant = 0.4;
    /// Weight of the newest time bucket in the smoothed send rate. In (0, 1].
    double smoothing = 0.8;
    /// Width of the time buckets the send rate is measured over. More than zero.
    std::chrono::milliseconds rate_bucket = std::chrono::milliseconds{500};
    /// The bucket never fills slower than this. More than 0.
    double min_fill_rate = 0.5;
    /// Fill rate (and capacity) of the bucket before any answer adjusts it. More than 0.
    double initial_fill_rate = 1.0;
    /// A new fill rate is never above this many times the measured send rate. More than 0.
    double max_rate_adjust_scale = 2.0;
};

/// One per (account, region): the throttling it reacts to is the service's per-account,
/// per-region limit.
///
/// Thread safety: every member function may be called concurrently (an internal mutex).
/// Times passed in may arrive slightly out of order from concurrent callers; an earlier time
/// than one already seen adds no tokens.
class adaptive_rate_limiter {
public:
    using clock = std::chrono::steady_clock;

    /// `created` plays the role of botocore's clock reading when the client is made. Throws
    /// std::invalid_argument when a parameter is out of its range.
    explicit adaptive_rate_limiter(clock::time_point created, adaptive_params params = {});

    adaptive_rate_limiter(const adaptive_rate_limiter&) = delete;
    adaptive_rate_limiter& operator=(const adaptive_rate_limiter&) = delete;

    /// Before sending at time `now`: how long to wait first (zero when a token is there, and
    /// always zero before the first throttle). The token is taken now, so the caller must wait
    /// the returned time and then send without calling again; concurrent callers queue behind
    /// each other at the fill rate. A rate change after this call does not shorten or lengthen a
    /// wait already returned (botocore re-checks its sleeping threads; this is the difference).
    std::chrono::nanoseconds acquire(clock::time_point now);

    /// After every attempt's outcome (success or failure) at time `now`; `throttled` when the
    /// service answered with a throttling error.
    void on_response(clock::time_point now, bool throttled);

    /// The token bucket's fill rate now, in requests per second (botocore's max_rate).
    double fill_rate() const;
    /// The bucket's capacity, in tokens: the fill rate, but at least 1.
    double max_capacity() const;
    /// The smoothed send rate measured from on_response calls, in requests per second.
    double measured_send_rate() const;
    /// Whether a throttle was seen, so that acquire() limits the rate.
    bool enabled() const;

private:
    void refill(clock::time_point now);
    void set_fill_rate(double rate, clock::time_point now);
    double record_send(clock::time_point now);
    double cubic_rate_at(clock::time_point now) const;
    void cubic_throttled(double rate, clock::time_point now);

    adaptive_params params_;
    mutable std::mutex mutex_;
    bool enabled_ = false;

    // The token bucket. The level goes below zero when acquire() hands out tokens in advance.
    double fill_rate_ = 0;
    double max_capacity_ = 0;
    double tokens_ = 0;
    clock::time_point last_refill_;

    // CUBIC: the rate at the last throttle, the time to grow back to it, the last throttle.
    double w_max_ = 0;
    double k_seconds_ = 0;
    clock::time_point last_throttle_;

    // The send-rate meter: start of the current bucket (seconds of the steady clock), answers
    // counted in it, the smoothed rate.
    double last_bucket_seconds_ = 0;
    double count_ = 0;
    double measured_rate_ = 0;
};

} // namespace glue_inventory::retry
