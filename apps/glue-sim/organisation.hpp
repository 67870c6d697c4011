// The organisation glue-sim serves: accounts (the first is the management account), regions,
// Data Catalogs and their connections, either generated from a seed or loaded from a fixture.
//
// Catalog IDs: an account's default catalog is its account ID. --catalogs-per-account N adds
// N-1 catalogs named "<account>:catalog-<k>" (k = 1..N-1), scanned with CatalogId set to that
// text. The account that owns a catalog is the text before the first ':'.
//
// Fixture format (JSON; see tests/data/fixtures/small-org.json):
//   {
//     "regions": ["us-east-1", ...],
//     "accounts": [                          // the first is the management account
//       {"Id": "111122223333", "Name": "...", "Email": "...", "Status": "ACTIVE" | "SUSPENDED",
//        "Catalogs": [
//          {"CatalogId": "111122223333",       // the default catalog; others "<id>:<name>"
//           "SharedWith": ["444455556666"],    // accounts that may read it (optional)
//           "Regions": {"us-east-1": {"ConnectionList": [ ...API shape... ]}}}]}]
//   }
// Connections are in GetConnections' own JSON shape (timestamps as epoch seconds) and are
// served exactly, in file order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <glue_inventory/model.hpp>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace glue_sim {

struct account_info {
    std::string id;
    std::string name;
    std::string email;
    std::string status; // ACTIVE | SUSPENDED
};

struct generator_options {
    std::uint64_t seed = 1;
    std::size_t accounts = 10;
    std::vector<std::string> regions{"us-east-1", "eu-west-1"};
    std::size_t connections_per_target = 20;
    std::size_t catalogs_per_account = 1;
};

enum class catalog_access { ok, access_denied, not_found };

class organisation {
public:
    /// Generated: `accounts` ACTIVE accounts plus one SUSPENDED account (listed last).
    static organisation generated(const generator_options& options);
    /// Loaded from a fixture file; throws std::runtime_error naming what is wrong.
    static organisation from_fixture(const std::string& path);

    /// All accounts, the management account first.
    const std::vector<account_info>& accounts() const { return accounts_; }
    const std::vector<std::string>& regions() const { return regions_; }
    const std::string& management_account() const { return accounts_.front().id; }
    const account_info* find_account(std::string_view id) const;

    /// Every catalog ID of an account (its default catalog first).
    std::vector<std::string> catalogs_of(std::string_view account) const;

    /// May `caller` read `catalog_id`?
    catalog_access resolve_catalog(std::string_view caller, std::string_view catalog_id) const;

    std::size_t connection_count(std::string_view catalog_id, std::string_view region) const;

    /// Connection `index` of a target: a generated one is written into `scratch`, a fixture's
    /// is returned from where it is stored.
    const glue_inventory::connection& connection_at(std::string_view catalog_id,
                                                    std::string_view region, std::size_t index,
                                                    glue_inventory::connection& scratch) const;

private:
    struct fixture_catalog {
        std::vector<std::string> shared_with;
        std::map<std::string, std::vector<glue_inventory::connection>, std::less<>> regions;
    };

    bool generated_ = true;
    generator_options options_;
    std::vector<account_info> accounts_;
    std::vector<std::string> regions_;
    std::map<std::string, fixture_catalog, std::less<>> fixture_catalogs_;
};

} // namespace glue_sim
