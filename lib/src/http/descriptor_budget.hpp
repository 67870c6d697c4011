// How many connections the process's descriptor limit allows (`ulimit -n`, RLIMIT_NOFILE). A
// pool allowed more connections than descriptors fails its connects with EMFILE, and whatever
// else needs a descriptor (the output file, a signal pipe, a DNS socket) fails with it; capped
// below the limit, a scan with a high concurrency queues for connections and runs slower.
#pragma once

#include <cstddef>
#include <cstdint>

namespace glue_inventory::http {

/// Descriptors left for everything but the pool's connections: stdio, output and errors files,
/// the event loop's own (epoll, eventfd, timerfd, signal pipe), DNS sockets, credential files.
inline constexpr std::size_t reserved_descriptors = 32;

/// Connections that fit under a soft descriptor limit of `soft_limit`: the limit less
/// reserved_descriptors, at least 1.
std::size_t connections_within(std::uint64_t soft_limit);

/// connections_within() of this process's soft RLIMIT_NOFILE, read now; SIZE_MAX when there is
/// no limit or it cannot be read.
std::size_t connections_within_descriptor_limit();

} // namespace glue_inventory::http
