// The audit of a stream of connections: each connection through the rules as it arrives, the
// selected results through the suppressions and the baseline, each finding written at once to
// every output. Holds no connection: memory is flat in their number (the baseline's findings
// and the writers' own needs aside). The I/O is only output_file's flush of whole buffers.
#pragma once

#include "audit/finding_writer.hpp"
#include "output_file.hpp"
#include "shard.hpp"

#include <cstddef>
#include <glue_inventory/audit.hpp>
#include <glue_inventory/audit_suppressions.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace glue_cli::audit {

/// What the command line decides about an audit (pure values).
struct audit_config {
    ga::audit_options options;      // now = the start of the audit
    std::vector<std::string> rules; // the rules to evaluate; empty: every rule
    std::optional<ga::severity> min_severity;
    bool include_pass = false;
    std::optional<ga::severity> fail_on; // absent: none
    bool fail_on_new = false;
    /// --shard: the baseline's findings in other shards' accounts are not this audit's to call
    /// absent (the account is the catalog owner's, the scanned one unless --catalog-ids).
    std::optional<shard_choice> shard;
};

/// One place findings go: --output (or stdout) or a --report.
struct audit_output {
    std::string name; // for errors: "--output" or "--report sarif:audit.sarif"
    output_file file;
    std::unique_ptr<finding_writer> writer;
    std::string buffer;
};

/// The exit status of an audit from what happened, by the precedence 1 > 130 > 2 > 3 > 0.
int audit_exit_status(bool usage_error, bool interrupted, bool incomplete, bool findings_fail);

/// The summary lines on stderr: connections evaluated, findings by severity, suppressed, the
/// baseline's new/unchanged/absent (when `with_baseline`), the expired suppressions, targets
/// failed. Each line starts with "glue-inventory: audit: ".
std::string summary_text(const audit_summary& s, bool with_baseline);

/// `audit --list-rules`: a line per rule: id, severity, title, types, documentation link.
std::string rules_listing();

class audit_engine {
public:
    /// `suppressions` and `base` may be null (no --suppressions, no --baseline); they and
    /// `outputs` must outlive the engine.
    audit_engine(audit_config config, const ga::suppression_set* suppressions, ga::baseline* base,
                 std::vector<audit_output>& outputs);

    /// Every output's text before the first finding.
    void begin(const report_info& info);
    /// The rules on one connection; its findings written to every output's buffer (flushed
    /// once it holds output_batch_bytes).
    void evaluate(const glue_inventory::connection& c, const glue_inventory::target& t);
    /// Writes every buffer.
    void flush();
    /// The absent findings of the baseline (unless the audit was incomplete: what it did not
    /// read cannot be called gone), then every output's end with the totals, flushed.
    /// `failed` are the targets that failed: baseline findings of their catalogs are not absent.
    void finish(std::size_t targets_total, const std::vector<glue_inventory::target>& failed,
                bool interrupted, bool incomplete_input);

    const audit_summary& summary() const { return summary_; }
    /// Unsuppressed FAIL findings written, by rule ID.
    const std::map<std::string, std::size_t>& findings_by_rule() const { return by_rule_; }
    /// A finding decides exit status 3 (--fail-on, --fail-on-new).
    bool findings_fail() const { return findings_fail_; }
    /// The first output error, "--report sarif:a.sarif: cannot write ...", empty if none.
    std::string error() const;

private:
    bool selected(const ga::rule_info* rule) const;
    void write(const ga::finding& f);
    void count(const ga::finding& f);

    audit_config config_;
    const ga::suppression_set* suppressions_;
    ga::baseline* baseline_;
    std::vector<audit_output>& outputs_;
    std::vector<bool> selected_; // by position in ga::rules()
    std::vector<ga::rule_result> results_;
    ga::finding current_; // the finding being written (reused: see evaluate)
    audit_summary summary_;
    std::map<std::string, std::size_t> by_rule_;
    bool findings_fail_ = false;
};

} // namespace glue_cli::audit
