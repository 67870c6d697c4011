// The partition table of botocore's partitions.json and the rules' aws.partition function.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace glue_inventory::endpoints::detail {

/// The same test botocore applies to a region before resolving (utils.validate_region_name): a
/// region becomes part of a host name, so it must be one DNS label (at most 63 letters, digits
/// and inner '-'). Also what keeps a region from std::regex, whose matcher recurses once per
/// character: a region of some thousand characters overflowed the stack (fuzz_endpoints).
bool is_valid_region_name(std::string_view region);

/// One partition: its outputs (what aws.partition returns to the rules) and its regions.
struct partition {
    std::string id;
    // outputs
    std::string name;
    std::string dns_suffix;
    std::string dual_stack_dns_suffix;
    std::string implicit_global_region;
    bool supports_fips = false;
    bool supports_dual_stack = false;
    // Which region names belong here when they are not listed (ECMAScript), as the data has it.
    std::string region_regex;
    // Every listed region, pseudo-regions such as "aws-global" included, sorted.
    std::vector<std::string> listed_regions;

    /// Whether `region` matches region_regex. The regex is compiled at the first question:
    /// libstdc++ compiles the eight partitions' regexes in ~4.7M instructions (~1.5 ms), a tenth
    /// of a one-account scan, and a scan usually needs one partition's, or none.
    bool matches_region_regex(std::string_view region) const;
    /// The listed regions that also match region_regex: the real ones, sorted (found at the
    /// first question).
    const std::vector<std::string>& real_regions() const;

    // The compiled regex and real_regions, made once (partitions are shared between threads).
    struct compiled;
    std::shared_ptr<compiled> compiled_;
};

class partition_table {
public:
    /// Parses partitions.json text. Throws std::runtime_error when it is malformed.
    explicit partition_table(std::string_view partitions_json);

    /// aws.partition of the endpoint rules: the partition that lists `region`, else the first
    /// whose regionRegex matches it, else "aws" (as the rules language specifies).
    const partition& for_rules(std::string_view region) const;

    /// As for_rules, but nullptr instead of the "aws" fallback, and for a region that is not
    /// is_valid_region_name().
    const partition* find(std::string_view region) const;

    /// The partition with this id, or nullptr.
    const partition* by_id(std::string_view id) const;

private:
    std::vector<partition> partitions_;
    std::map<std::string, std::size_t, std::less<>> listed_index_; // region -> partitions_ index
    std::size_t aws_index_ = 0;
};

/// The table of the embedded partitions.json, parsed on first use and immutable afterwards:
/// every resolver of the process shares it.
const std::shared_ptr<const partition_table>& shared_embedded_partitions();
const partition_table& embedded_partitions();

} // namespace glue_inventory::endpoints::detail
