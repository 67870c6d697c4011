// The command line of glue-inventory, parsed into plain structs. Pure: no file is read and
// nothing is printed here, so every case is a unit test (tests/unit/cli).
#pragma once

#include "account_file.hpp"         // parse_account_file
#include "audit/finding_writer.hpp" // finding_format
#include "shard.hpp"                // shard_request

#include <cstddef>
#include <glue_inventory/audit.hpp>
#include <optional>
#include <string>
#include <vector>

// The diff command's arguments (its parsing lives in diff_command_line.cpp).
#include "diff_command_line.hpp"

namespace glue_cli {

enum class output_format { ndjson, json, csv, table };
enum class progress_choice {
    automatic, // when stderr is a terminal
    on,        // --progress
    off,       // --no-progress
};
enum class retry_choice { standard, adaptive };

/// `glue-inventory scan` exactly as docs/DESIGN.md's "CLI contract" lists its flags. An absent
/// optional means "not given on the command line" (the environment or a default decides).
struct scan_arguments {
    std::vector<std::string> accounts;            // --accounts ID,ID (checked: 12 digits each)
    std::optional<std::string> accounts_file;     // --accounts @FILE (read when the scan is set up)
    bool org = false;                             // --org
    std::optional<shard_request> shard;           // --shard I/N | auto/N (shard.hpp)
    std::string role_name;                        // --role-name
    std::optional<std::string> external_id;       // --external-id
    std::optional<std::string> role_session_name; // --role-session-name
    std::vector<std::string> regions;             // --regions R,R (checked: known regions)
    bool all_regions = false;                     // --all-regions
    std::vector<std::string> catalog_ids;         // --catalog-ids ID,ID
    std::optional<std::string> connection_type;   // --connection-type
    std::optional<std::vector<std::string>> match_criteria; // --match-criteria A,B
    std::optional<int> schema_version;                      // --schema-version 1|2
    std::optional<int> max_results;                         // --max-results 1..1000
    bool show_passwords = false;                            // --show-passwords
    std::optional<output_format> format;                    // --format
    std::optional<std::string> output_file;                 // --output
    std::optional<std::string> errors_file;                 // --errors
    std::optional<std::size_t> concurrency;                 // --concurrency N (>= 1)
    std::optional<int> max_attempts;                        // --max-attempts N (1..100)
    std::optional<retry_choice> retry_mode;                 // --retry-mode
    std::optional<std::string> endpoint_url;                // --endpoint-url
    std::optional<std::string> ca_bundle;                   // --ca-bundle
    std::optional<std::string> profile;                     // --profile
    progress_choice progress = progress_choice::automatic;  // --progress | --no-progress
    std::optional<std::string> store;   // --store sqlite:PATH | postgresql://... (store/)
    std::optional<std::string> scan_id; // --scan-id NAME: the stored scan's name (needs --store)
    bool verbose = false;               // --verbose
};

/// `glue-inventory audit`: scan's target-selection, identity, request, endpoint, retry,
/// concurrency, --errors and progress flags (in `scan`; its `format` is unused), or --input.
struct audit_arguments {
    scan_arguments scan;                         // --output lands in scan.output_file
    std::optional<std::string> input;            // --input FILE, "-" for stdin
    std::optional<audit::finding_format> format; // --format
    struct report {
        audit::finding_format format;
        std::string path;
        bool operator==(const report&) const = default;
    };
    std::vector<report> reports;         // --report FORMAT:FILE, in the order given
    std::vector<std::string> rules;      // --rules: the rule IDs the globs select
    std::vector<std::string> skip_rules; // --skip-rules: likewise
    std::optional<glue_inventory::audit::severity> min_severity; // --min-severity
    bool include_pass = false;                                   // --include-pass
    std::optional<std::string> suppressions_file;                // --suppressions
    std::optional<std::string> baseline_file;                    // --baseline
    /// --fail-on; absent: `none` (the findings never decide the exit status).
    std::optional<glue_inventory::audit::severity> fail_on = glue_inventory::audit::severity::high;
    bool fail_on_new = false;                   // --fail-on-new
    std::optional<int> stale_after_days;        // --stale-after DAYS
    std::optional<int> max_credential_age_days; // --max-credential-age DAYS
    bool list_rules = false;                    // --list-rules
};

/// Largest --stale-after and --max-credential-age: 100 years.
inline constexpr int max_audit_days = 36'500;

/// The exit statuses of `audit` (README and `audit --help` say the same).
inline constexpr int exit_clean = 0;
inline constexpr int exit_usage = 1;
inline constexpr int exit_incomplete = 2;
inline constexpr int exit_findings = 3;
inline constexpr int exit_interrupted = 130;

inline constexpr const char* audit_exit_status_help =
    "Exit status: 0 clean; 3 a finding that is not suppressed is at or above --fail-on (default "
    "high), or a finding is new with --fail-on-new; 2 incomplete: some targets failed or some "
    "--input lines were malformed (an incomplete audit never looks clean); 1 bad usage or "
    "configuration; 130 interrupted (SIGINT, SIGTERM). When several apply, the first of "
    "1, 130, 2, 3 wins.";

/// `glue-inventory demo`.
struct demo_arguments {
    std::optional<std::string> glue_sim; // --glue-sim PATH (else GLUE_SIM, else beside us)
    progress_choice progress = progress_choice::automatic;
};

struct command_line {
    enum class action {
        scan,
        audit,
        list_rules, // audit --list-rules: print the rule catalogue, exit 0
        demo,
        diff,           // glue-inventory diff OLD NEW (diff_command_line.hpp)
        print_and_exit, // --help or --version: print `text` on stdout, exit 0
        fail,           // bad usage: print `text` (one line) on stderr, exit 1
    };
    action what = action::fail;
    scan_arguments scan;
    audit_arguments audit;
    demo_arguments demo;
    diff_arguments diff; // diff
    std::string text;
};

/// Largest --max-results (GetConnections' own limit).
inline constexpr int max_results_limit = 1000;
/// Largest --max-attempts (AWS_MAX_ATTEMPTS has the same limit).
inline constexpr int max_attempts_limit = 100;

/// Parses argv (argv[0] is the program). Errors are one line that starts with
/// "glue-inventory: " and names the flag and the value.
command_line parse_command_line(const std::vector<std::string>& argv);

} // namespace glue_cli
