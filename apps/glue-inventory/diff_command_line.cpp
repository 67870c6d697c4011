#include "diff_command_line.hpp"

#include "store/store_url.hpp"

#include <CLI/CLI.hpp>

namespace glue_cli {

namespace {

std::string fail_text(std::string_view flag, std::string_view what) {
    return "glue-inventory: " + std::string(flag) + ": " + std::string(what);
}

} // namespace

CLI::App* add_diff_subcommand(CLI::App& app, raw_diff_flags& raw, diff_arguments& args) {
    auto* cmd = app.add_subcommand(
        "diff", "Compare two scans' NDJSON files: connections added, removed, changed (member "
                "paths, old and new values; secrets only as \"changed\")");
    cmd->allow_extras();
    cmd->footer(
        "Exit status: 0 the diff is complete (and, with --exit-code, nothing changed); 1 bad "
        "usage or an input that cannot be read; 2 the diff is incomplete: input lines skipped "
        "(named with file:line on stderr) or targets not compared (failed in a scan); 3 with "
        "--exit-code, connections were added, removed or changed. Precedence 1 > 2 > 3 > 0.");
    cmd->add_option("OLD", args.old_file, "The earlier scan's NDJSON (scan --format ndjson)");
    cmd->add_option("NEW", args.new_file, "The later scan's NDJSON");
    cmd->add_option("--store", raw.store,
                    "Diff two scans kept in this store (sqlite:PATH or postgresql://...) instead "
                    "of two files; their failed targets are \"not compared\"");
    cmd->add_option("--from", raw.from_scan,
                    "With --store: the earlier scan (--scan-id name or numeric id). Default: the "
                    "second-last complete scan");
    cmd->add_option("--to", raw.to_scan,
                    "With --store: the later scan. Default: the last complete scan");
    cmd->add_option("--old-errors", raw.old_errors,
                    "OLD scan's --errors file: its failed targets are reported \"not compared\", "
                    "never as removals");
    cmd->add_option("--new-errors", raw.new_errors, "NEW scan's --errors file (likewise)");
    cmd->add_option("--format", raw.format,
                    "ndjson, csv or table. Default: table on a terminal, else ndjson");
    cmd->add_option("--output", raw.output, "Write the changes to FILE instead of stdout");
    cmd->add_flag("--exit-code", args.exit_code,
                  "Exit 3 when connections were added, removed or changed (as git diff "
                  "--exit-code, whose 1 is our usage error)");
    return cmd;
}

std::string check_diff(const CLI::App& cmd, const raw_diff_flags& raw, diff_arguments& args) {
    const auto rest = cmd.remaining();
    if (!rest.empty()) {
        const auto& first = rest.front();
        if (!first.empty() && first.front() == '-') {
            return fail_text(first, "unknown option for 'diff' (see --help)");
        }
        return fail_text("diff", "unexpected argument '" + first + "' (see --help)");
    }
    auto given = [&](const char* name) { return cmd.count(name) > 0; };
    if (given("--store")) {
        if (!args.old_file.empty()) {
            return fail_text("--store", "cannot be combined with OLD and NEW files");
        }
        for (const char* flag : {"--old-errors", "--new-errors"}) {
            if (given(flag)) {
                return fail_text(flag, "cannot be combined with --store (the store keeps each "
                                       "scan's failed targets)");
            }
        }
        std::string why;
        if (!store::parse_store_url(raw.store, why)) {
            return fail_text("--store", why);
        }
        args.store = raw.store;
        for (auto [flag, value, out] : {std::tuple{"--from", &raw.from_scan, &args.from_scan},
                                        std::tuple{"--to", &raw.to_scan, &args.to_scan}}) {
            if (given(flag)) {
                if (value->empty()) {
                    return fail_text(flag, "must name a scan");
                }
                *out = *value;
            }
        }
    } else if (given("--from") || given("--to")) {
        return fail_text(given("--from") ? "--from" : "--to", "needs --store");
    } else if (args.old_file.empty() || args.new_file.empty()) {
        // CLI11's words, as when OLD and NEW were required options (before --store).
        return std::string("glue-inventory: ") + (args.old_file.empty() ? "OLD" : "NEW") +
               " is required";
    }
    if (given("--format")) {
        if (raw.format == "ndjson") {
            args.format = diff::change_format::ndjson;
        } else if (raw.format == "csv") {
            args.format = diff::change_format::csv;
        } else if (raw.format == "table") {
            args.format = diff::change_format::table;
        } else {
            return fail_text("--format", "'" + raw.format + "' is not ndjson, csv or table");
        }
    }
    for (auto [flag, value, out] : {std::tuple{"--old-errors", &raw.old_errors, &args.old_errors},
                                    std::tuple{"--new-errors", &raw.new_errors, &args.new_errors},
                                    std::tuple{"--output", &raw.output, &args.output_file}}) {
        if (given(flag)) {
            if (value->empty()) {
                return fail_text(flag, "must name a file");
            }
            *out = *value;
        }
    }
    return {};
}

} // namespace glue_cli
