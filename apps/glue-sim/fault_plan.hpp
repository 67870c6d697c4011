// Which fault, if any, a request gets. Pure: the random draws are passed in.
#pragma once

#include <algorithm>
#include <cstddef>
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

} // namespace glue_sim
