// The targets of a scan: accounts x regions x catalogs. Pure.
#pragma once

#include <glue_inventory/target.hpp>
#include <string>
#include <vector>

namespace glue_cli {

/// Every (account, region, catalog) in that nesting order, so that one account's targets are
/// neighbours. With no catalog IDs each target reads the account's own catalog (catalog_id
/// absent, as the API defaults); with catalog IDs every account reads each of them.
std::vector<glue_inventory::target> build_targets(const std::vector<std::string>& accounts,
                                                  const std::vector<std::string>& regions,
                                                  const std::vector<std::string>& catalog_ids);

} // namespace glue_cli
