// The audit's output formats. Like record_writer, a finding writer only appends text to a buffer
// (the caller decides when it goes out), and it sees each finding once, as it is evaluated:
// a format that needs its summary first or its findings grouped (HTML, SARIF) may hold the
// findings, never the connections.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <glue_inventory/audit.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace glue_cli::audit {

namespace ga = glue_inventory::audit;

/// What a report says about the run that made it.
struct report_info {
    std::string tool_version;            // "1.2.0"
    glue_inventory::timestamp started{}; // UTC
    std::string arguments;               // the command line, secrets redacted
    bool include_pass = false;           // PASS / NOT_APPLICABLE / UNKNOWN are written too
};

/// The totals of a run, known at its end.
struct audit_summary {
    std::size_t connections_evaluated = 0;
    std::array<std::size_t, 5> findings_by_severity{}; // indexed by ga::severity; FAIL only
    std::size_t suppressed = 0;                        // FAIL findings suppressed
    std::size_t new_findings = 0;                      // baseline_state::new_
    std::size_t unchanged_findings = 0;
    std::size_t absent_findings = 0; // in the baseline, gone now
    std::size_t targets_total = 0;
    std::size_t targets_failed = 0;
    bool interrupted = false;
    std::vector<std::string> expired_suppressions; // descriptions of entries past their date
};

class finding_writer {
public:
    virtual ~finding_writer() = default;
    /// Text before the first finding.
    virtual void begin(const report_info& info, std::string& out) {
        (void)info;
        (void)out;
    }
    /// One finding (a FAIL, or any status with --include-pass; absent baseline findings too).
    virtual void write(const ga::finding& f, std::string& out) = 0;
    /// Text after the last finding, with the run's totals.
    virtual void end(const audit_summary& summary, std::string& out) {
        (void)summary;
        (void)out;
    }

    /// Where end() hands `out` once it holds a batch (the writer copies its spilled text back,
    /// more than should sit in memory); the callee writes and clears it. Unset (the unit
    /// tests), everything stays in `out`.
    void set_drain(std::function<void(std::string&)> drain) { drain_ = std::move(drain); }

protected:
    /// Hands `out` to the drain if it holds a batch.
    void maybe_drain(std::string& out) {
        if (drain_ && out.size() >= drain_batch_bytes) {
            drain_(out);
        }
    }

private:
    /// The batch maybe_drain() hands over (output_batch_bytes of the scan).
    static constexpr std::size_t drain_batch_bytes = 256 * 1024;
    std::function<void(std::string&)> drain_;
};

/// The formats of --format and --report.
enum class finding_format { table, ndjson, csv, sarif, ocsf, asff, html };

/// "table", "ndjson", ...; parse_finding_format is its inverse (nullopt-like: returns false).
std::string_view to_string(finding_format f);
bool parse_finding_format(std::string_view text, finding_format& out);

/// A writer for `format`.
std::unique_ptr<finding_writer> make_finding_writer(finding_format format);

} // namespace glue_cli::audit
