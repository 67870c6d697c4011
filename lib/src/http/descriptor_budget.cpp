#include "http/descriptor_budget.hpp"

#include <algorithm>
#include <limits>
#include <sys/resource.h>

namespace glue_inventory::http {

std::size_t connections_within(std::uint64_t soft_limit) {
    if (soft_limit <= reserved_descriptors) {
        return 1;
    }
    const auto room = soft_limit - reserved_descriptors;
    return static_cast<std::size_t>(
        std::min<std::uint64_t>(room, std::numeric_limits<std::size_t>::max()));
}

std::size_t connections_within_descriptor_limit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) {
        return std::numeric_limits<std::size_t>::max();
    }
    return connections_within(static_cast<std::uint64_t>(limit.rlim_cur));
}

} // namespace glue_inventory::http
