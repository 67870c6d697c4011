#include "endpoints/endpoint_resolver.hpp"

#include <glue_inventory/regions.hpp>

namespace glue_inventory {

bool is_known_region(std::string_view region) {
    return endpoints::is_known_region(region);
}

std::optional<std::string> partition_of_region(std::string_view region) {
    return endpoints::partition_of_region(region);
}

std::vector<std::string> partition_regions(std::string_view partition) {
    return endpoints::partition_regions(partition);
}

} // namespace glue_inventory
