// `glue-inventory diff OLD NEW`: its flags, parsed into a plain struct. Registered by
// command_line.cpp (add_diff_subcommand) and checked here, so that the diff's command line
// lives in one file.
#pragma once

#include "diff/change_format_kind.hpp"

#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace glue_cli {

/// The exit status of `diff --exit-code` when the inputs differ. Not 1, which is bad usage in
/// every command of this tool (git diff's 1), nor 2, an incomplete diff (malformed input lines
/// or targets not compared); 3, like audit's "found what --fail-on asked for".
inline constexpr int diff_exit_changes = 3;

struct diff_arguments {
    std::string old_file;                      // OLD: NDJSON written by scan
    std::string new_file;                      // NEW
    std::optional<std::string> old_errors;     // --old-errors FILE (scan's --errors)
    std::optional<std::string> new_errors;     // --new-errors FILE
    std::optional<diff::change_format> format; // --format ndjson|csv|table
    std::optional<std::string> output_file;    // --output FILE
    bool exit_code = false;                    // --exit-code
    std::optional<std::string> store;          // --store URL: diff two stored scans instead
    std::optional<std::string> from_scan;      // --from SCAN (name or id; default: the
    std::optional<std::string> to_scan;        // --to SCAN    last two complete scans)
};

/// What CLI11 matched before the checks.
struct raw_diff_flags {
    std::string format;
    std::string old_errors;
    std::string new_errors;
    std::string output;
    std::string store;
    std::string from_scan;
    std::string to_scan;
};

/// Adds the `diff` subcommand to `app`; the values land in `raw` and `args`.
CLI::App* add_diff_subcommand(CLI::App& app, raw_diff_flags& raw, diff_arguments& args);

/// Checks what `add_diff_subcommand` matched; an error line (naming the flag) or empty.
std::string check_diff(const CLI::App& cmd, const raw_diff_flags& raw, diff_arguments& args);

} // namespace glue_cli
