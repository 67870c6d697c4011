// The command line of glue-inventory, parsed into plain structs. Pure: no file is read and
// nothing is printed here, so every case is a unit test (tests/unit/cli).
#pragma once

#include <cstddef>
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

/// `glue-inventory scan` exactly as DESIGN.md's "CLI contract" lists its flags. An absent
/// optional means "not given on the command line" (the environment or a default decides).
struct scan_arguments {
    std::vector<std::string> accounts;            // --accounts ID,ID (checked: 12 digits each)
    std::optional<std::string> accounts_file;     // --accounts @FILE (read when the scan is set up)
    bool org = false;                             // --org
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
};

/// `glue-inventory demo`.
struct demo_arguments {
    std::optional<std::string> glue_sim; // --glue-sim PATH (else GLUE_SIM, else beside us)
    progress_choice progress = progress_choice::automatic;
};

struct command_line {
    enum class action {
        scan,
        demo,
        diff,           // glue-inventory diff OLD NEW (diff_command_line.hpp)
        print_and_exit, // --help or --version: print `text` on stdout, exit 0
        fail,           // bad usage: print `text` (one line) on stderr, exit 1
    };
    action what = action::fail;
    scan_arguments scan;
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

/// Account IDs from the text of an --accounts @FILE: one ID per line; '#' starts a comment;
/// blank lines and surrounding spaces are ignored. On a line that is not a 12-digit ID, returns
/// an error naming the file and the line in `error`.
std::vector<std::string> parse_account_file(const std::string& text, const std::string& path,
                                            std::string& error);

} // namespace glue_cli
