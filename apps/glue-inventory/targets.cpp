#include "targets.hpp"

namespace glue_cli {

std::vector<glue_inventory::target> build_targets(const std::vector<std::string>& accounts,
                                                  const std::vector<std::string>& regions,
                                                  const std::vector<std::string>& catalog_ids) {
    std::vector<glue_inventory::target> targets;
    targets.reserve(accounts.size() * regions.size() *
                    std::max<std::size_t>(catalog_ids.size(), 1));
    for (const auto& account : accounts) {
        for (const auto& region : regions) {
            if (catalog_ids.empty()) {
                targets.push_back({account, region, std::nullopt});
                continue;
            }
            for (const auto& catalog : catalog_ids) {
                targets.push_back({account, region, catalog});
            }
        }
    }
    return targets;
}

} // namespace glue_cli
