// A server that misbehaves on every connection (--hostile MODE), to test that each step of a
// client is bounded by its deadline and fails with an error that names what happened. It speaks
// glue-sim's TLS (the same CA), so a client that trusts glue-sim really reaches the step tested.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string_view>

namespace glue_sim {

enum class hostile_mode {
    none,
    no_handshake,    // "no-handshake": accepts the TCP connection, never speaks TLS
    no_answer,       // "no-answer": TLS, reads the request, never answers
    trickle,         // "trickle": the real answer, one byte every trickle_interval
    endless_headers, // "endless-headers": a status line, then header lines without end
};

inline constexpr std::array<std::string_view, 5> hostile_mode_names = {
    "none", "no-handshake", "no-answer", "trickle", "endless-headers"};

inline std::optional<hostile_mode> parse_hostile_mode(std::string_view name) {
    for (std::size_t i = 0; i < hostile_mode_names.size(); ++i) {
        if (hostile_mode_names[i] == name) {
            return static_cast<hostile_mode>(i);
        }
    }
    return std::nullopt;
}

/// The pace of "trickle": one byte a second.
inline constexpr std::chrono::milliseconds trickle_interval{1'000};
/// How long a hostile connection is held open at most (silent or trickling), so that glue-sim
/// never keeps a socket for ever if its client has no deadline.
inline constexpr std::chrono::seconds hostile_hold_limit{600};
/// "endless-headers" writes header lines in blocks of this size, as fast as the client reads.
inline constexpr std::size_t endless_header_block = 4096;

} // namespace glue_sim
