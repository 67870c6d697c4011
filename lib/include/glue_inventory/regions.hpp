// Regions and partitions, from the partition table compiled into the library (the SDKs'
// partitions.json): nothing is read at run time.
#pragma once

#include <glue_inventory/export.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace glue_inventory {

/// Whether some partition lists `region` ("eu-west-1") as one of its real regions.
GLUE_INVENTORY_API bool is_known_region(std::string_view region);

/// The partition ("aws", "aws-cn", "aws-us-gov", ...) that lists `region`, else the first whose
/// region pattern matches it; nullopt when none does (never a fallback to "aws").
GLUE_INVENTORY_API std::optional<std::string> partition_of_region(std::string_view region);

/// The real regions of a partition, sorted, without pseudo-regions such as "aws-global".
/// Empty for an unknown partition.
GLUE_INVENTORY_API std::vector<std::string> partition_regions(std::string_view partition);

} // namespace glue_inventory
