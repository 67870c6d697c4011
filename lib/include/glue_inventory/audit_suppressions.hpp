// What a user says about findings before an audit sees them: suppressions (findings accepted, for
// a reason, until a date) and a baseline (the findings of an earlier audit). Both are pure: the
// text of the file in, matching out; the caller reads the files, before any request.
//
// Suppressions are JSON, not YAML: simdjson is already a dependency, and JSON has no implicit
// typing (YAML 1.1 reads an unquoted account ID 012345678901 as an octal number, `no` as false,
// 2027-01-31 as a date object). The file:
//
//   {"suppressions": [
//     {"rule": "GLUE-01?", "account": "123456789012", "region": "eu-*", "catalog": "*",
//      "name": "^legacy-", "reason": "decommissioned in Q1, ticket SEC-1234",
//      "expires": "2027-03-31"}
//   ]}
//
// rule, account, region and catalog are globs (* any text, ? one character; absent = any);
// name is an ECMAScript regular expression searched in the connection's name (anchor it with ^
// and $ for an exact match); reason is mandatory; expires (YYYY-MM-DD, UTC) is the last day the
// entry suppresses. An entry must name at least one of rule, account, region, catalog, name:
// an entry that matches everything is refused rather than silencing a whole audit.
#pragma once

#include <chrono>
#include <cstddef>
#include <glue_inventory/audit.hpp>
#include <glue_inventory/export.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace glue_inventory::audit {

/// True when `text` matches `pattern` as a whole: '*' matches any text (empty too), '?' any one
/// byte, everything else itself (case-sensitive).
GLUE_INVENTORY_API bool glob_match(std::string_view pattern, std::string_view text);

/// One entry of a suppressions file.
struct suppression {
    std::string rule = "*";                // glob on the rule ID
    std::string account = "*";             // glob on the catalog owner's account ID
    std::string region = "*";              // glob
    std::string catalog = "*";             // glob on the catalog ID
    std::optional<std::string> name_regex; // ECMAScript, searched in the connection name
    std::string reason;
    std::optional<std::chrono::sys_days> expires; // the last day it suppresses (UTC)
    std::size_t index = 0;                        // 1-based position in the file's list
    std::size_t line = 0;                         // 1-based line of the file where the entry starts
};

/// "entry 3 (line 12, rule GLUE-005, account 123456789012, expired 2026-01-31): reason".
GLUE_INVENTORY_API std::string describe(const suppression& s);

/// Limits of a suppressions file.
inline constexpr std::size_t max_suppressions_bytes = 4 * 1024 * 1024; // the file
inline constexpr std::size_t max_suppression_entries = 10'000;         // entries in it
/// Longest connection name a `name` pattern is searched in (Glue allows 255). std::regex's
/// matcher recurses once per character, so a pattern such as "tmp-.*" over a name of some
/// hundred thousand characters (a hostile server, an edited --input file) overflows the stack;
/// a longer name is never suppressed by name, so its findings stay reported.
inline constexpr std::size_t max_name_pattern_subject_bytes = 4096;

/// The entries of one file, their regular expressions compiled, split at `now` into those that
/// suppress and those past their date.
class GLUE_INVENTORY_API suppression_set {
public:
    suppression_set();
    ~suppression_set();
    suppression_set(suppression_set&&) noexcept;
    suppression_set& operator=(suppression_set&&) noexcept;

    /// Parses the file's text. On error returns nullopt and one line in `error` naming the file
    /// and the line (or the entry) and what is wrong.
    static std::optional<suppression_set> parse(std::string_view json, std::string_view file_name,
                                                timestamp now, std::string& error);

    /// The first unexpired entry that matches this rule on this resource, or nullptr.
    const suppression* match(std::string_view rule_id, const resource& r) const;

    /// Marks `f` suppressed (with the entry's reason) when it is a FAIL that an unexpired entry
    /// matches; anything else is left as it is.
    void apply(finding& f) const;

    std::size_t size() const;
    /// The entries whose `expires` is before the day of `now`: they no longer suppress.
    const std::vector<suppression>& expired() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// A baseline's limits: its file, and one line of it.
inline constexpr std::size_t max_baseline_bytes = 1024 * 1024 * 1024;
inline constexpr std::size_t max_baseline_line_bytes = 1024 * 1024;

/// The FAIL findings of an earlier audit (its ndjson output), keyed by fingerprint. Each finding
/// of this audit is classified against it; what is left at the end is absent (gone since).
class GLUE_INVENTORY_API baseline {
public:
    baseline();
    ~baseline();
    baseline(baseline&&) noexcept;
    baseline& operator=(baseline&&) noexcept;

    /// Reads the NDJSON findings: Fingerprint, RuleId and Arn are required on each line;
    /// RuleVersion, Severity, Title, Message, Partition, AccountId, Region, CatalogId, Name,
    /// ConnectionType and LastUpdatedTime are kept when present (to write the absent finding);
    /// a line whose Status is not FAIL or whose BaselineState is absent is skipped (it was not
    /// a finding then). Blank lines are skipped. On error returns nullopt and one line in
    /// `error` naming the file and the line.
    static std::optional<baseline> parse(std::string_view ndjson, std::string_view file_name,
                                         std::string& error);

    /// unchanged when the fingerprint is in the baseline (and marks it seen), else new_.
    baseline_state classify(std::string_view fingerprint);

    /// The baseline's findings not seen by classify, in the baseline's order, each with
    /// baseline_state::absent.
    std::vector<finding> absent() const;

    std::size_t size() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

} // namespace glue_inventory::audit
