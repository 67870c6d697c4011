// One unit of a scan: the connections of one Data Catalog, seen from one account in one region.
#pragma once

#include <optional>
#include <string>

namespace glue_inventory {

struct target {
    std::string account_id;                // 12 digits: whose credentials sign the requests
    std::string region;                    // "eu-west-1"
    std::optional<std::string> catalog_id; // absent: the account's own catalog

    /// The catalog that is read: catalog_id, else the account ID (as the API defaults).
    const std::string& catalog() const { return catalog_id ? *catalog_id : account_id; }

    bool operator==(const target&) const = default;
};

} // namespace glue_inventory
