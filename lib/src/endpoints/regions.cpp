// Questions about regions that the CLI asks before it resolves anything (--all-regions, checking
// --regions), answered from the embedded partitions.json.
#include "endpoints/endpoint_resolver.hpp"
#include "endpoints/partitions.hpp"

#include <algorithm>

namespace glue_inventory::endpoints {

std::vector<std::string> partition_regions(std::string_view partition_id) {
    const detail::partition* p = detail::embedded_partitions().by_id(partition_id);
    return p != nullptr ? p->real_regions() : std::vector<std::string>{};
}

std::optional<std::string> partition_of_region(std::string_view region) {
    const detail::partition* p = detail::embedded_partitions().find(region);
    if (p == nullptr) {
        return std::nullopt;
    }
    return p->id;
}

bool is_known_region(std::string_view region) {
    const detail::partition* p = detail::embedded_partitions().find(region);
    return p != nullptr &&
           std::binary_search(p->real_regions().begin(), p->real_regions().end(), region);
}

} // namespace glue_inventory::endpoints
