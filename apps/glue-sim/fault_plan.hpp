// Which fault, if any, a request gets. Pure: the random draws are passed in, or made from the
// run's seed (--seed, as the generated data is) and the request's number.
#pragma once

#include "sim_crypto.hpp" // mix64

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>
#include <string_view>

namespace glue_sim {

enum class fault_kind {
    internal_error,      // "500": 500 InternalServiceException
    service_unavailable, // "503": 503 with an empty body
    drop,                // "drop": the connection is closed before any answer
    truncate,            // "truncate": Content-Length larger than the bytes sent, then close
    slow,                // "slow": the answer comes after slow_answer_delay
    // Error bodies the JSON protocol does not expect, as emulators and proxies send them: the
    // client must still show the user what the server said.
    xml_403,  // "403-xml": 403 with moto's query-protocol XML (SignatureDoesNotMatch)
    html_502, // "502-html": 502 with a load balancer's HTML page and no error code
    // "403-signature": 403 InvalidSignatureException with AWS's whole message, which quotes the
    // canonical request it computed: the client must not repeat the session token in it.
    signature_403,
};

inline constexpr std::string_view fault_names[] = {"500",  "503",     "drop",     "truncate",
                                                   "slow", "403-xml", "502-html", "403-signature"};
inline constexpr std::size_t fault_kind_count = std::size(fault_names);

inline std::string_view name_of(fault_kind k) {
    return fault_names[static_cast<std::size_t>(k)];
}

inline std::optional<fault_kind> parse_fault(std::string_view name) {
    for (std::size_t i = 0; i < fault_kind_count; ++i) {
        if (fault_names[i] == name) {
            return static_cast<fault_kind>(i);
        }
    }
    return std::nullopt;
}

/// `u_rate` and `u_kind` are uniform draws in [0, 1): the first decides whether a fault
/// happens (probability `rate`), the second which of `kinds`.
inline std::optional<fault_kind> choose_fault(double rate, std::span<const fault_kind> kinds,
                                              double u_rate, double u_kind) {
    if (kinds.empty() || !(u_rate < rate)) {
        return std::nullopt;
    }
    auto i = static_cast<std::size_t>(u_kind * static_cast<double>(kinds.size()));
    return kinds[std::min(i, kinds.size() - 1)];
}

/// A uniform draw in [0, 1) from 64 random bits (their top 53, a double's precision).
constexpr double unit_interval(std::uint64_t bits) {
    return static_cast<double>(bits >> 11U) * 0x1.0p-53;
}

/// The fault of the n-th faultable request of a run seeded with `seed` (n from 0): the two
/// draws of choose_fault made from (seed, n) alone, so that a run with the same --seed, rate
/// and kinds gets the same sequence of faults. (Which request is the n-th depends on the order
/// requests arrive: one client sending in order sees the same faults at the same requests.)
inline std::optional<fault_kind> fault_at(std::uint64_t seed, std::uint64_t n, double rate,
                                          std::span<const fault_kind> kinds) {
    // Its own stream: the data generator's draws from the same seed do not line up with it.
    const std::uint64_t stream = mix64(seed ^ 0x6661756c74730000ULL); // "faults"
    const std::uint64_t first = mix64(stream + 2 * n);
    const std::uint64_t second = mix64(stream + 2 * n + 1);
    return choose_fault(rate, kinds, unit_interval(first), unit_interval(second));
}

} // namespace glue_sim
