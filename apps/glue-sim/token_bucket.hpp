// A token bucket, as Glue throttles each (account, region): `rate` tokens per second up to
// `burst`; a request takes one token or is throttled. Pure: time is passed in.
#pragma once

#include <algorithm>
#include <chrono>

namespace glue_sim {

class token_bucket {
public:
    using clock = std::chrono::steady_clock;

    token_bucket(double rate_per_second, double burst, clock::time_point now)
        : rate_(rate_per_second), burst_(burst), tokens_(burst), last_(now) {}

    /// Takes one token if there is one.
    bool try_take(clock::time_point now) {
        const std::chrono::duration<double> elapsed = now - last_;
        last_ = now;
        tokens_ = std::min(burst_, tokens_ + std::max(0.0, elapsed.count()) * rate_);
        if (tokens_ < 1.0) {
            return false;
        }
        tokens_ -= 1.0;
        return true;
    }

private:
    double rate_;
    double burst_;
    double tokens_;
    clock::time_point last_;
};

} // namespace glue_sim
