// What glue-sim served, counted from every thread and written to stats.json on exit.
#pragma once

#include "fault_plan.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace glue_sim {

enum class operation { get_connections, assume_role, get_caller_identity, list_accounts, other };
inline constexpr std::array<const char*, 5> operation_names = {
    "GetConnections", "AssumeRole", "GetCallerIdentity", "ListAccounts", "Other"};

struct sim_stats {
    std::array<std::atomic<std::uint64_t>, 5> requests{};
    std::atomic<std::uint64_t> tls_handshakes{0};
    std::atomic<std::uint64_t> tls_resumptions{0}; // handshakes that resumed a session
    std::atomic<std::uint64_t> concurrent_requests{0};
    std::atomic<std::uint64_t> peak_concurrent_requests{0};
    std::atomic<std::uint64_t> throttled_requests{0};
    std::array<std::atomic<std::uint64_t>, fault_kind_count> faults{}; // by fault_kind
    std::atomic<std::uint64_t> signature_failures{0};      // wrong signature or expired X-Amz-Date
    std::atomic<std::uint64_t> authentication_failures{0}; // every 4xx before the operation ran

    void count(operation op) { requests[static_cast<std::size_t>(op)].fetch_add(1); }
    void request_started() {
        const auto now = concurrent_requests.fetch_add(1) + 1;
        auto peak = peak_concurrent_requests.load();
        while (now > peak && !peak_concurrent_requests.compare_exchange_weak(peak, now)) {
        }
    }
    void request_finished() { concurrent_requests.fetch_sub(1); }

    /// The stats.json document.
    std::string to_json() const {
        std::string out = "{\n  \"requests\": {";
        for (std::size_t i = 0; i < requests.size(); ++i) {
            out += (i ? ", \"" : "\"") + std::string(operation_names[i]) +
                   "\": " + std::to_string(requests[i].load());
        }
        out += "},\n  \"tls_handshakes\": " + std::to_string(tls_handshakes.load());
        out += ",\n  \"tls_resumptions\": " + std::to_string(tls_resumptions.load());
        out +=
            ",\n  \"peak_concurrent_requests\": " + std::to_string(peak_concurrent_requests.load());
        out += ",\n  \"throttled_requests\": " + std::to_string(throttled_requests.load());
        out += ",\n  \"faults\": {";
        for (std::size_t i = 0; i < faults.size(); ++i) {
            out += (i ? ", \"" : "\"") + std::string(fault_names[i]) +
                   "\": " + std::to_string(faults[i].load());
        }
        out += "},\n  \"signature_failures\": " + std::to_string(signature_failures.load());
        out +=
            ",\n  \"authentication_failures\": " + std::to_string(authentication_failures.load());
        out += "\n}\n";
        return out;
    }
};

} // namespace glue_sim
