#include "endpoints/partitions.hpp"

#include "endpoints/embedded_data.hpp"
#include "endpoints/json_dom.hpp"

#include <algorithm>
#include <mutex>
#include <regex>
#include <simdjson.h>

namespace glue_inventory::endpoints::detail {

namespace {

partition read_partition(simdjson::dom::object obj) {
    partition p;
    p.id = std::string(as_string(member(obj, "id", "partition"), "partition id"));
    const std::string where = "partition " + p.id;
    auto outputs = as_object(member(obj, "outputs", where), where + " outputs");
    p.name = std::string(as_string(member(outputs, "name", where), where + " name"));
    p.dns_suffix = std::string(as_string(member(outputs, "dnsSuffix", where), where));
    p.dual_stack_dns_suffix =
        std::string(as_string(member(outputs, "dualStackDnsSuffix", where), where));
    p.implicit_global_region =
        std::string(as_string(member(outputs, "implicitGlobalRegion", where), where));
    p.supports_fips = as_bool(member(outputs, "supportsFIPS", where), where);
    p.supports_dual_stack = as_bool(member(outputs, "supportsDualStack", where), where);
    p.region_regex =
        std::string(as_string(member(obj, "regionRegex", where), where + " regionRegex"));
    for (auto [region, details] : as_object(member(obj, "regions", where), where + " regions")) {
        (void)details; // region-specific output overrides: none exist for these services
        p.listed_regions.emplace_back(region);
    }
    std::sort(p.listed_regions.begin(), p.listed_regions.end());
    p.compiled_ = std::make_shared<partition::compiled>();
    return p;
}

} // namespace

struct partition::compiled {
    std::once_flag once;
    std::regex regex;
    std::vector<std::string> real_regions;
};

namespace {

const partition::compiled& compiled_of(const partition& p) {
    std::call_once(p.compiled_->once, [&p] {
        try {
            p.compiled_->regex =
                std::regex(p.region_regex, std::regex::ECMAScript | std::regex::optimize);
        } catch (const std::regex_error& e) {
            // The embedded data is checked by the tests (every partition's real regions).
            throw_bad_data("partition " + p.id, std::string("bad regionRegex: ") + e.what());
        }
        for (const auto& region : p.listed_regions) { // sorted: real_regions is too
            if (std::regex_match(region, p.compiled_->regex)) {
                p.compiled_->real_regions.push_back(region);
            }
        }
    });
    return *p.compiled_;
}

} // namespace

bool partition::matches_region_regex(std::string_view region) const {
    return std::regex_match(region.begin(), region.end(), compiled_of(*this).regex);
}

const std::vector<std::string>& partition::real_regions() const {
    return compiled_of(*this).real_regions;
}

partition_table::partition_table(std::string_view partitions_json) {
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(simdjson::padded_string(partitions_json)).get(root) != simdjson::SUCCESS) {
        throw_bad_data("partitions.json", "not valid JSON");
    }
    for (auto entry :
         as_array(member(as_object(root, "partitions.json"), "partitions", "partitions.json"),
                  "partitions")) {
        partitions_.push_back(read_partition(as_object(entry, "partition")));
    }
    bool have_aws = false;
    for (std::size_t i = 0; i < partitions_.size(); ++i) {
        if (partitions_[i].id == "aws") {
            aws_index_ = i;
            have_aws = true;
        }
        for (const auto& region : partitions_[i].listed_regions) {
            listed_index_.emplace(region, i); // the first partition listing a region wins
        }
    }
    if (!have_aws) {
        throw_bad_data("partitions.json", "no \"aws\" partition");
    }
}

bool is_valid_region_name(std::string_view region) {
    constexpr std::size_t max_label = 63;
    if (region.empty() || region.size() > max_label || region.front() == '-' ||
        region.back() == '-') {
        return false;
    }
    for (const char c : region) {
        const bool alnum =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && c != '-') {
            return false;
        }
    }
    return true;
}

const partition* partition_table::find(std::string_view region) const {
    if (!is_valid_region_name(region)) {
        return nullptr;
    }
    if (auto it = listed_index_.find(region); it != listed_index_.end()) {
        return &partitions_[it->second];
    }
    for (const auto& p : partitions_) {
        if (p.matches_region_regex(region)) {
            return &p;
        }
    }
    return nullptr;
}

const partition& partition_table::for_rules(std::string_view region) const {
    const partition* p = find(region);
    return p != nullptr ? *p : partitions_[aws_index_];
}

const partition* partition_table::by_id(std::string_view id) const {
    for (const auto& p : partitions_) {
        if (p.id == id) {
            return &p;
        }
    }
    return nullptr;
}

const std::shared_ptr<const partition_table>& shared_embedded_partitions() {
    // Immutable after its thread-safe initialisation; parsed only if someone asks.
    static const auto table = std::make_shared<const partition_table>(data::partitions_json);
    return table;
}

const partition_table& embedded_partitions() {
    return *shared_embedded_partitions();
}

} // namespace glue_inventory::endpoints::detail
