#include "organisation.hpp"

#include "data_generator.hpp"
#include "protocol/response_parser.hpp"

#include <charconv>
#include <simdjson.h>
#include <stdexcept>

namespace glue_sim {

namespace {

std::string_view owner_of(std::string_view catalog_id) {
    return catalog_id.substr(0, catalog_id.find(':'));
}

std::string two_digits(std::size_t i) {
    std::string out = i < 10 ? "0" : "";
    out.append(std::to_string(i));
    return out;
}

[[noreturn]] void fixture_error(const std::string& path, const std::string& what) {
    throw std::runtime_error("fixture " + path + ": " + what);
}

std::string get_string(simdjson::dom::object obj, std::string_view key, const std::string& path,
                       bool required, std::string fallback = {}) {
    std::string_view value;
    auto field = obj[key];
    if (field.error() == simdjson::NO_SUCH_FIELD && !required) {
        return fallback;
    }
    if (field.get(value) != simdjson::SUCCESS) {
        fixture_error(path, std::string(1, '"').append(key).append("\" must be a string"));
    }
    return std::string(value);
}

} // namespace

organisation organisation::generated(const generator_options& options) {
    organisation org;
    org.generated_ = true;
    org.options_ = options;
    org.regions_ = options.regions;
    for (std::size_t i = 0; i <= options.accounts; ++i) {
        account_info a;
        a.id = generated_account_id(options.seed, i);
        const bool suspended = i == options.accounts;
        a.name = suspended ? "suspended-account"
                           : (i == 0 ? "management" : std::string("member-").append(two_digits(i)));
        a.email = std::string("aws+").append(a.id).append("@example.com");
        a.status = suspended ? "SUSPENDED" : "ACTIVE";
        org.accounts_.push_back(std::move(a));
    }
    return org;
}

organisation organisation::from_fixture(const std::string& path) {
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (auto error = parser.load(path).get(root); error) {
        fixture_error(path, simdjson::error_message(error));
    }
    organisation org;
    org.generated_ = false;
    simdjson::dom::array regions;
    if (root["regions"].get(regions) != simdjson::SUCCESS) {
        fixture_error(path, "\"regions\" must be an array of strings");
    }
    for (auto r : regions) {
        std::string_view region;
        if (r.get(region) != simdjson::SUCCESS) {
            fixture_error(path, "\"regions\" must be an array of strings");
        }
        org.regions_.emplace_back(region);
    }
    simdjson::dom::array accounts;
    if (root["accounts"].get(accounts) != simdjson::SUCCESS || accounts.size() == 0) {
        fixture_error(path, "\"accounts\" must be a non-empty array");
    }
    glue_inventory::protocol::response_parser connection_parser;
    for (auto a : accounts) {
        simdjson::dom::object account;
        if (a.get(account) != simdjson::SUCCESS) {
            fixture_error(path, "each account must be an object");
        }
        account_info info;
        info.id = get_string(account, "Id", path, true);
        info.name = get_string(account, "Name", path, false, info.id);
        info.email = get_string(account, "Email", path, false,
                                std::string("aws+").append(info.id).append("@example.com"));
        info.status = get_string(account, "Status", path, false, "ACTIVE");
        simdjson::dom::array catalogs;
        auto catalogs_field = account["Catalogs"];
        if (catalogs_field.error() != simdjson::NO_SUCH_FIELD) {
            if (catalogs_field.get(catalogs) != simdjson::SUCCESS) {
                fixture_error(path, "account " + info.id + ": \"Catalogs\" must be an array");
            }
            for (auto c : catalogs) {
                simdjson::dom::object catalog;
                if (c.get(catalog) != simdjson::SUCCESS) {
                    fixture_error(path, "account " + info.id + ": each catalog must be an object");
                }
                const std::string id = get_string(catalog, "CatalogId", path, true);
                if (owner_of(id) != info.id) {
                    fixture_error(path, "catalog " + id + " is not owned by account " + info.id);
                }
                fixture_catalog fc;
                simdjson::dom::array shared;
                if (catalog["SharedWith"].get(shared) == simdjson::SUCCESS) {
                    for (auto s : shared) {
                        std::string_view who;
                        if (s.get(who) != simdjson::SUCCESS) {
                            fixture_error(path, "catalog " + id + ": SharedWith holds strings");
                        }
                        fc.shared_with.emplace_back(who);
                    }
                }
                simdjson::dom::object by_region;
                if (catalog["Regions"].get(by_region) == simdjson::SUCCESS) {
                    for (auto [region, page] : by_region) {
                        // Each region's value is a GetConnections response body: parse it
                        // with the client's own parser, so the fixture's shape is the API's.
                        std::string body = simdjson::minify(page);
                        body.append(glue_inventory::protocol::response_parser::padding(), ' ');
                        const std::string_view text(
                            body.data(),
                            body.size() - glue_inventory::protocol::response_parser::padding());
                        glue_inventory::get_connections_page parsed;
                        glue_inventory::protocol::parse_error error;
                        if (!connection_parser.parse_get_connections(text, parsed, error)) {
                            fixture_error(path, "catalog " + id + " region " + std::string(region) +
                                                    ": " + error.what + " at " + error.where);
                        }
                        fc.regions[std::string(region)] = std::move(parsed.connections);
                    }
                }
                org.fixture_catalogs_[id] = std::move(fc);
            }
        }
        org.accounts_.push_back(std::move(info));
    }
    return org;
}

const account_info* organisation::find_account(std::string_view id) const {
    for (const auto& a : accounts_) {
        if (a.id == id) {
            return &a;
        }
    }
    return nullptr;
}

std::vector<std::string> organisation::catalogs_of(std::string_view account) const {
    std::vector<std::string> out;
    if (generated_) {
        out.emplace_back(account);
        for (std::size_t k = 1; k < options_.catalogs_per_account; ++k) {
            out.push_back(std::string(account) + ":catalog-" + std::to_string(k));
        }
        return out;
    }
    for (const auto& [id, catalog] : fixture_catalogs_) {
        if (owner_of(id) == account) {
            if (id == account) {
                out.insert(out.begin(), id);
            } else {
                out.push_back(id);
            }
        }
    }
    return out;
}

catalog_access organisation::resolve_catalog(std::string_view caller,
                                             std::string_view catalog_id) const {
    const std::string_view owner = owner_of(catalog_id);
    if (generated_) {
        if (owner != caller) {
            return catalog_access::access_denied;
        }
        if (catalog_id == owner) {
            return catalog_access::ok;
        }
        constexpr std::string_view prefix = ":catalog-";
        const std::string_view rest = catalog_id.substr(owner.size());
        if (!rest.starts_with(prefix)) {
            return catalog_access::not_found;
        }
        const std::string_view digits = rest.substr(prefix.size());
        std::size_t k = 0;
        const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), k);
        const bool exact = ec == std::errc{} && ptr == digits.data() + digits.size();
        return exact && k >= 1 && k < options_.catalogs_per_account ? catalog_access::ok
                                                                    : catalog_access::not_found;
    }
    const auto it = fixture_catalogs_.find(catalog_id);
    if (owner != caller) {
        if (it != fixture_catalogs_.end()) {
            for (const auto& who : it->second.shared_with) {
                if (who == caller) {
                    return catalog_access::ok;
                }
            }
        }
        return catalog_access::access_denied;
    }
    if (it != fixture_catalogs_.end() || catalog_id == caller) {
        return catalog_access::ok; // an account's default catalog exists even when empty
    }
    return catalog_access::not_found;
}

std::size_t organisation::connection_count(std::string_view catalog_id,
                                           std::string_view region) const {
    if (generated_) {
        const account_info* owner = find_account(owner_of(catalog_id));
        if (owner == nullptr || owner->status != "ACTIVE") {
            return 0;
        }
        bool known_region = false;
        for (const auto& r : regions_) {
            known_region = known_region || r == region;
        }
        return known_region ? generated_count(target_seed(options_.seed, catalog_id, region),
                                              options_.connections_per_target)
                            : 0;
    }
    const auto it = fixture_catalogs_.find(catalog_id);
    if (it == fixture_catalogs_.end()) {
        return 0;
    }
    const auto r = it->second.regions.find(region);
    return r == it->second.regions.end() ? 0 : r->second.size();
}

const glue_inventory::connection&
organisation::connection_at(std::string_view catalog_id, std::string_view region, std::size_t index,
                            glue_inventory::connection& scratch) const {
    if (generated_) {
        generate_connection(target_seed(options_.seed, catalog_id, region), index, scratch);
        return scratch;
    }
    return fixture_catalogs_.find(catalog_id)->second.regions.find(region)->second.at(index);
}

} // namespace glue_sim
