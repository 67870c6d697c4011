// The audit rules GLUE-001..016 (docs/rules/, reference: audit-rules.md section 3): pure
// functions of a connection and the target it was read from. No I/O, no clock (the time of the
// audit is passed in), no output formatting: an embedding service evaluates the connections of
// its own scan with them, and the CLI's writers turn the results into ndjson, csv, table, SARIF,
// OCSF, ASFF and HTML.
//
// Never a secret in a result: evidence holds key names, booleans, enums, host names, ports,
// parameter names and timestamps; URLs only after redaction (userinfo and secret-named
// parameters replaced by REDACTED); never a secret's value, length or hash.
#pragma once

#include <chrono>
#include <glue_inventory/export.hpp>
#include <glue_inventory/model.hpp>
#include <glue_inventory/target.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace glue_inventory::audit {

/// Ordered from least to most severe, so that `a >= b` compares severities.
enum class severity { info, low, medium, high, critical };

/// "info", "low", "medium", "high", "critical".
GLUE_INVENTORY_API std::string_view to_string(severity s);
/// The inverse of to_string (case-insensitive); nullopt for anything else.
GLUE_INVENTORY_API std::optional<severity> parse_severity(std::string_view text);

/// The outcome of one rule on one connection. Only `fail` is a finding by default.
enum class status {
    fail,           // the connection breaks the rule
    pass,           // the connection satisfies the rule
    not_applicable, // the rule does not apply to this connection's type
    unknown,        // the rule cannot decide (a value the API hid, a URL that cannot be read)
};

/// "FAIL", "PASS", "NOT_APPLICABLE", "UNKNOWN".
GLUE_INVENTORY_API std::string_view to_string(status s);

/// What a rule is: its catalogue entry. The strings are static.
struct rule_info {
    std::string_view id;          // "GLUE-001": stable forever
    int version;                  // raised when the rule's logic changes
    std::string_view title;       // one line
    severity default_severity;    // a result may raise or lower it (the catalogue says when)
    std::string_view applies_to;  // the connection types, in words ("JDBC-family and MongoDB")
    std::string_view description; // what it checks and why, a paragraph
    std::string_view remediation; // what to do, a paragraph
    std::string_view help_uri;    // the rule's page in docs/rules/
};

/// Every rule, in ID order.
GLUE_INVENTORY_API std::span<const rule_info> rules();
/// The rule with this ID (exact, e.g. "GLUE-005"), or nullptr.
GLUE_INVENTORY_API const rule_info* find_rule(std::string_view id);

/// One piece of evidence: a name and a value that is never a secret. Lists are written as
/// comma-separated values.
using evidence_item = std::pair<std::string, std::string>;

/// One rule's result on one connection.
struct rule_result {
    const rule_info* rule = nullptr;
    audit::status status = audit::status::unknown;
    audit::severity severity = audit::severity::info; // the rule's, raised or lowered by context
    std::string message;                 // one sentence about this connection, no secret
    std::vector<evidence_item> evidence; // in a stable order
};

/// The connection a result is about, named as every output format names it.
struct resource {
    std::string arn;        // arn:<partition>:glue:<region>:<catalog owner>:connection/<Name>
    std::string partition;  // aws, aws-cn, aws-us-gov, aws-iso, ...
    std::string account_id; // the catalog's owner (the CatalogId), not the caller
    std::string region;
    std::string catalog_id;
    std::string name;
    std::string connection_type; // empty when absent
    std::optional<timestamp> last_updated_time;
    std::optional<int> connection_schema_version;
};

/// The resource of connection `c` read through target `t`. The partition comes from the region
/// (the embedded partitions table).
GLUE_INVENTORY_API resource describe(const connection& c, const target& t);
/// As describe, into `out`, whose strings keep their capacity (an audit describes every
/// connection with a finding: this one allocates nothing once warmed up).
GLUE_INVENTORY_API void describe_into(const connection& c, const target& t, resource& out);

/// hex(sha256(rule_id, NUL, arn)): the same across runs and tool versions; suppressions and
/// baselines key on it.
GLUE_INVENTORY_API std::string fingerprint(std::string_view rule_id, std::string_view arn);
/// As fingerprint, into `out` (its capacity reused: one fingerprint per finding).
GLUE_INVENTORY_API void fingerprint_into(std::string_view rule_id, std::string_view arn,
                                         std::string& out);

/// The limits and the clock of one audit.
struct audit_options {
    timestamp now{};                             // the time of the audit (UTC)
    std::chrono::days stale_after{90};           // GLUE-013: validation older than this
    std::chrono::days max_credential_age{90};    // GLUE-014: inline credential older
    std::chrono::hours in_progress_too_long{24}; // GLUE-012: IN_PROGRESS for longer
};

/// Runs every rule on `c` and appends one result per rule (in ID order) to `out`. Pure: the same
/// inputs always give the same results.
GLUE_INVENTORY_API void evaluate(const connection& c, const target& t, const audit_options& options,
                                 std::vector<rule_result>& out);

/// As evaluate, but `out` is resized to one result per rule and its elements are overwritten in
/// place: their strings and evidence vectors keep their capacity, so that a loop over many
/// connections with one vector allocates nothing once it has warmed up.
GLUE_INVENTORY_API void evaluate_into(const connection& c, const target& t,
                                      const audit_options& options, std::vector<rule_result>& out);

/// How a finding compares with the baseline (--baseline: the findings NDJSON of an earlier
/// audit), keyed by fingerprint.
enum class baseline_state {
    none,      // no baseline was given
    new_,      // not in the baseline
    unchanged, // in the baseline too
    absent,    // in the baseline, gone now (written after the others, from the baseline's line)
};

/// One result as the outputs carry it: what it is about, what it found, and how the user's
/// suppressions and baseline classify it.
struct finding {
    audit::resource resource;
    rule_result result;
    std::string fingerprint;        // fingerprint(rule id, resource.arn)
    bool suppressed = false;        // matched an unexpired suppression entry
    std::string suppression_reason; // that entry's reason
    audit::baseline_state baseline = baseline_state::none;
};

/// A URL with its userinfo and the values of secret-named parameters replaced by "REDACTED";
/// anything that does not parse as a URL comes back with every "user:pass@" form redacted.
GLUE_INVENTORY_API std::string redact_url(std::string_view url);

/// Free text (StatusReason): URLs inside it redacted as above, `password=...`-like pairs
/// redacted, control characters replaced by spaces, cut to at most `max_bytes` on a UTF-8
/// boundary (with "..." when cut).
GLUE_INVENTORY_API std::string redact_text(std::string_view text, std::size_t max_bytes = 512);

} // namespace glue_inventory::audit
