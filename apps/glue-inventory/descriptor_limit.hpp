// The open-file limit checked before a scan starts. Below a handful of descriptors the event
// loop cannot even make its signal pipe, and Asio's own words ("signal_set_service pipe: Too many
// open files") say nothing of `ulimit -n`; here the error names the limit and the fix. Above the
// floor, the library's pool keeps its connections within the limit on its own.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace glue_cli {

/// Descriptors a scan needs at the least: stdio (3), the event loop (epoll, eventfd, timerfd,
/// the signal pipe's 2), --output and --errors, a store's files or socket, DNS and one
/// connection. Measured on glue-sim with --output and --errors: 12 without a store, 15 with
/// --store sqlite; the rest is room for a PostgreSQL socket and the resolver's.
inline constexpr std::uint64_t minimum_descriptors = 20;

/// The error for a soft limit of `soft_limit` below minimum_descriptors, else empty. Pure.
std::string descriptor_limit_error(std::uint64_t soft_limit);

/// Reads RLIMIT_NOFILE; a soft limit below minimum_descriptors is raised to it when the hard
/// limit allows (as `ulimit -S -n 16` would). Returns descriptor_limit_error() of what is left,
/// empty when the limit is enough or cannot be read.
std::string ensure_minimum_descriptors();

} // namespace glue_cli
