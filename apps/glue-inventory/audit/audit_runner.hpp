// `glue-inventory audit`: the setup (every configuration error before any request: the
// suppressions and baseline files are read and checked here), then the connections of a scan
// (scan_driver) or of --input NDJSON through the audit_engine.
#pragma once

#include "audit/audit_engine.hpp"
#include "command_line.hpp"
#include "scan_setup.hpp"
#include "store/store_options.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace glue_cli::audit {

struct audit_setup {
    std::optional<scan_setup> scan;   // absent with --input
    std::optional<std::string> input; // --input path, "-" for stdin
    audit_config config;
    std::optional<ga::suppression_set> suppressions;
    std::optional<ga::baseline> baseline;
    finding_format format = finding_format::ndjson;
    std::optional<std::string> output_file; // absent: stdout
    std::vector<audit_arguments::report> reports;
    report_info info;
    /// --store: the scan's records and targets (when it scans) and the findings are kept there.
    std::optional<store::store_options> store;
};

/// Builds the setup: the scan's (unless --input), the rule selection, the files of
/// --suppressions and --baseline read and parsed, `now` as the audit's time. On error returns
/// nullopt and one line in `error`.
std::optional<audit_setup> make_audit_setup(const audit_arguments& args,
                                            glue_inventory::client_options base,
                                            const glue_inventory::environment& getenv,
                                            terminal_state terminals, std::string arguments,
                                            glue_inventory::timestamp now, std::string& error);

/// The command line as a report shows it: the arguments joined by spaces, the value of
/// --external-id replaced by REDACTED.
std::string report_arguments(const std::vector<std::string>& argv);

/// What an audit did.
struct audit_outcome {
    int status = exit_usage;
    audit_summary summary;
    std::map<std::string, std::size_t> findings_by_rule; // unsuppressed FAIL findings
};

/// Runs the audit; prints errors and the summary on stderr.
audit_outcome run_audit(audit_setup& setup);

} // namespace glue_cli::audit
