// The order in which the scan starts its targets. Pure.
#pragma once

#include <algorithm>
#include <cstddef>
#include <glue_inventory/target.hpp>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace glue_inventory::scan_detail {

/// Indices of `targets`, round-robin over their accounts: the first target of every account (in
/// the order the accounts first appear), then the second of every account, and so on. Taken
/// in this order, concurrent requests need the credentials of many accounts at once, so their
/// role assumptions overlap, instead of each account's regions waiting for its role in turn.
inline std::vector<std::size_t> start_order(const std::vector<target>& targets) {
    std::unordered_map<std::string_view, std::size_t> seen; // targets of each account so far
    std::vector<std::pair<std::size_t, std::size_t>> keyed; // (rank within its account, index)
    keyed.reserve(targets.size());
    for (std::size_t i = 0; i < targets.size(); ++i) {
        keyed.emplace_back(seen[targets[i].account_id]++, i);
    }
    std::sort(keyed.begin(), keyed.end());
    std::vector<std::size_t> order;
    order.reserve(keyed.size());
    for (const auto& [rank, index] : keyed) {
        order.push_back(index);
    }
    return order;
}

} // namespace glue_inventory::scan_detail
