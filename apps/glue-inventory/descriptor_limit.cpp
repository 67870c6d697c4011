#include "descriptor_limit.hpp"

#include <sys/resource.h>

namespace glue_cli {

std::string descriptor_limit_error(std::uint64_t soft_limit) {
    if (soft_limit >= minimum_descriptors) {
        return {};
    }
    return "glue-inventory: the open-file limit (ulimit -n) is " + std::to_string(soft_limit) +
           "; a scan needs at least " + std::to_string(minimum_descriptors) +
           " (its files, the event loop and one connection). Raise it, e.g. `ulimit -n 1024`";
}

std::string ensure_minimum_descriptors() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY ||
        limit.rlim_cur >= minimum_descriptors) {
        return {};
    }
    if (limit.rlim_max == RLIM_INFINITY || limit.rlim_max >= minimum_descriptors) {
        rlimit raised = limit;
        raised.rlim_cur = minimum_descriptors;
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) {
            return {};
        }
    }
    return descriptor_limit_error(static_cast<std::uint64_t>(limit.rlim_cur));
}

} // namespace glue_cli
