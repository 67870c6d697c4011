// Parsing uses CLI11 (header-only, <CLI/CLI.hpp>, Debian's libcli11-dev) for the flag syntax
// (--flag value, --flag=value, help text); every value is then checked here, so that each
// error is one line naming the flag and the value, as scripts and people both need.
#include "command_line.hpp"

#include "store/store_flags.hpp" // --store, --scan-id

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <glue_inventory/audit_suppressions.hpp> // glob_match
#include <glue_inventory/regions.hpp>            // is_known_region
#include <glue_inventory/validation.hpp> // is_account_id, is_role_session_name, is_endpoint_url

namespace glue_cli {
namespace {

constexpr std::string_view program = "glue-inventory";

std::string fail_text(std::string_view flag, std::string_view what) {
    return std::string(program) + ": " + std::string(flag) + ": " + std::string(what);
}

/// Splits "a,b,c"; an empty item (",," or a trailing comma) is an error.
bool split_list(const std::string& text, std::vector<std::string>& out) {
    out.clear();
    std::size_t start = 0;
    for (;;) {
        const auto comma = text.find(',', start);
        auto item =
            text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (item.empty()) {
            return false;
        }
        out.push_back(std::move(item));
        if (comma == std::string::npos) {
            return true;
        }
        start = comma + 1;
    }
}

template <class Int>
bool parse_whole_number(const std::string& text, Int& out) {
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc{} && ptr == end && !text.empty();
}

/// Flags whose values are checked after CLI11 has matched them.
struct raw_scan_flags {
    std::string shard;
    std::string accounts, regions, catalog_ids, match_criteria, connection_type;
    std::string schema_version, max_results, format, concurrency, max_attempts, retry_mode;
    std::string external_id, role_session_name;
    std::string output, errors, endpoint_url, ca_bundle, profile;
    std::string store, scan_id;
};

/// Checks the values of the flags add_scan_flags registers, and --format as a record format
/// when `record_format` (scan's; the audit checks its own).
std::string check_scan(const CLI::App& cmd, const raw_scan_flags& raw, scan_arguments& a,
                       bool record_format) {
    auto given = [&](const char* name) { return cmd.count(name) > 0; };
    if (given("--accounts") && a.org) {
        return fail_text("--accounts", "cannot be combined with --org");
    }
    if (given("--regions") && a.all_regions) {
        return fail_text("--regions", "cannot be combined with --all-regions");
    }
    if (given("--progress") && given("--no-progress")) {
        return fail_text("--progress", "cannot be combined with --no-progress");
    }
    if (given("--accounts")) {
        if (!raw.accounts.empty() && raw.accounts.front() == '@') {
            a.accounts_file = raw.accounts.substr(1);
            if (a.accounts_file->empty()) {
                return fail_text("--accounts", "'@' must be followed by a file name");
            }
        } else {
            if (!split_list(raw.accounts, a.accounts)) {
                return fail_text("--accounts", "'" + raw.accounts + "' has an empty entry");
            }
            for (const auto& id : a.accounts) {
                if (!glue_inventory::is_account_id(id)) {
                    return fail_text("--accounts", "'" + id + "' is not a 12-digit account ID");
                }
            }
        }
    }
    if (given("--regions")) {
        if (!split_list(raw.regions, a.regions)) {
            return fail_text("--regions", "'" + raw.regions + "' has an empty entry");
        }
        for (const auto& r : a.regions) {
            if (!glue_inventory::is_known_region(r)) {
                return fail_text("--regions", "'" + r + "' is not a known AWS region");
            }
        }
    }
    if (given("--catalog-ids") && !split_list(raw.catalog_ids, a.catalog_ids)) {
        return fail_text("--catalog-ids", "'" + raw.catalog_ids + "' has an empty entry");
    }
    if (given("--shard")) {
        // With audit --input nothing is scanned, so there is nothing to share out.
        if (const auto* input = cmd.get_option_no_throw("--input"); input && input->count() > 0) {
            return fail_text("--shard", "cannot be combined with --input (the records are read "
                                        "from the file, nothing is scanned)");
        }
        std::string error;
        a.shard = parse_shard_flag(raw.shard, error);
        if (!a.shard) {
            return error;
        }
    }
    if (given("--role-name") && a.role_name.empty()) {
        return fail_text("--role-name", "the role name is empty");
    }
    if (given("--external-id")) {
        if (raw.external_id.empty()) {
            return fail_text("--external-id", "the external ID is empty");
        }
        a.external_id = raw.external_id;
    }
    if (given("--role-session-name")) {
        if (!glue_inventory::is_role_session_name(raw.role_session_name)) {
            return fail_text("--role-session-name",
                             "'" + raw.role_session_name +
                                 "' is not 2 to 64 of the characters A-Z a-z 0-9 _+=,.@-");
        }
        a.role_session_name = raw.role_session_name;
    }
    if ((given("--external-id") || given("--role-session-name")) && a.role_name.empty()) {
        return fail_text(given("--external-id") ? "--external-id" : "--role-session-name",
                         "needs --role-name");
    }
    if (given("--connection-type")) {
        if (raw.connection_type.empty()) {
            return fail_text("--connection-type", "the connection type is empty");
        }
        a.connection_type = raw.connection_type;
    }
    if (given("--match-criteria")) {
        std::vector<std::string> criteria;
        if (!split_list(raw.match_criteria, criteria)) {
            return fail_text("--match-criteria", "'" + raw.match_criteria + "' has an empty entry");
        }
        a.match_criteria = std::move(criteria);
    }
    if (given("--schema-version")) {
        int v = 0;
        if (!parse_whole_number(raw.schema_version, v) || (v != 1 && v != 2)) {
            return fail_text("--schema-version", "'" + raw.schema_version + "' is not 1 or 2");
        }
        a.schema_version = v;
    }
    if (given("--max-results")) {
        int v = 0;
        if (!parse_whole_number(raw.max_results, v) || v < 1 || v > max_results_limit) {
            return fail_text("--max-results", "'" + raw.max_results +
                                                  "' is not a whole number from 1 to " +
                                                  std::to_string(max_results_limit));
        }
        a.max_results = v;
    }
    if (record_format && given("--format")) {
        if (raw.format == "ndjson") {
            a.format = output_format::ndjson;
        } else if (raw.format == "json") {
            a.format = output_format::json;
        } else if (raw.format == "csv") {
            a.format = output_format::csv;
        } else if (raw.format == "table") {
            a.format = output_format::table;
        } else {
            return fail_text("--format", "'" + raw.format + "' is not ndjson, json, csv or table");
        }
    }
    if (given("--concurrency")) {
        std::size_t v = 0;
        if (!parse_whole_number(raw.concurrency, v) || v < 1) {
            return fail_text("--concurrency",
                             "'" + raw.concurrency + "' is not a whole number of at least 1");
        }
        a.concurrency = v;
    }
    if (given("--max-attempts")) {
        int v = 0;
        if (!parse_whole_number(raw.max_attempts, v) || v < 1 || v > max_attempts_limit) {
            return fail_text("--max-attempts", "'" + raw.max_attempts +
                                                   "' is not a whole number from 1 to " +
                                                   std::to_string(max_attempts_limit));
        }
        a.max_attempts = v;
    }
    if (given("--retry-mode")) {
        if (raw.retry_mode == "standard") {
            a.retry_mode = retry_choice::standard;
        } else if (raw.retry_mode == "adaptive") {
            a.retry_mode = retry_choice::adaptive;
        } else {
            return fail_text("--retry-mode",
                             "'" + raw.retry_mode + "' is not standard or adaptive");
        }
    }
    if (given("--endpoint-url")) {
        if (!glue_inventory::is_endpoint_url(raw.endpoint_url)) {
            // Quoted without its user information: "https://user:password@host" is refused,
            // and the password must not reach the terminal or a CI log.
            return fail_text("--endpoint-url",
                             "'" + glue_inventory::message_excerpt(raw.endpoint_url) +
                                 "' is not an http(s)://host[:port] URL");
        }
        a.endpoint_url = raw.endpoint_url;
    }
    // Paths and names that must merely not be empty.
    const std::pair<const char*, const std::string*> texts[] = {
        {"--output", &raw.output},
        {"--errors", &raw.errors},
        {"--ca-bundle", &raw.ca_bundle},
        {"--profile", &raw.profile},
    };
    for (const auto& [flag, value] : texts) {
        if (given(flag) && value->empty()) {
            return fail_text(flag, "the value is empty");
        }
    }
    if (given("--output")) {
        a.output_file = raw.output;
    }
    if (given("--errors")) {
        a.errors_file = raw.errors;
    }
    if (given("--ca-bundle")) {
        a.ca_bundle = raw.ca_bundle;
    }
    if (given("--profile")) {
        a.profile = raw.profile;
    }
    if (auto e = check_store_flags(given("--store"), raw.store, given("--scan-id"), raw.scan_id,
                                   a.store, a.scan_id);
        !e.empty()) {
        return e;
    }
    if (given("--progress")) {
        a.progress = progress_choice::on;
    } else if (given("--no-progress")) {
        a.progress = progress_choice::off;
    }
    return {};
}

/// The flags `scan` and `audit` share: target selection, identity, the request, endpoints,
/// retries, concurrency, the failures file and progress. Each command adds its own --format and
/// --output (their values differ).
void add_scan_flags(CLI::App& cmd, raw_scan_flags& raw, scan_arguments& a) {
    cmd.add_option("--accounts", raw.accounts,
                   "Accounts to scan: ID,ID or @FILE (one ID a line, # comments). Default: the "
                   "base identity's own account");
    cmd.add_flag("--org", a.org, "Scan every ACTIVE account of the organisation (ListAccounts)");
    cmd.add_option("--shard", raw.shard,
                   "Scan one share of the accounts: I/N (I from 0 to N-1), or auto/N with I from "
                   "JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX. An account's shard is "
                   "SHA-256(ID) mod N: stable, all its regions and catalogs in one shard");
    cmd.add_option("--role-name", a.role_name,
                   "Assume arn:<partition>:iam::<account>:role/NAME in each account");
    cmd.add_option("--external-id", raw.external_id, "ExternalId for AssumeRole");
    cmd.add_option("--role-session-name", raw.role_session_name,
                   "RoleSessionName for AssumeRole (default glue-inventory)");
    cmd.add_option("--regions", raw.regions,
                   "Regions R,R. Default: AWS_REGION, AWS_DEFAULT_REGION, else the profile's");
    cmd.add_flag("--all-regions", a.all_regions, "Every region of the home region's partition");
    cmd.add_option("--catalog-ids", raw.catalog_ids,
                   "Catalogs ID,ID read in every account. Default: each account's own");
    cmd.add_option("--connection-type", raw.connection_type, "Filter.ConnectionType");
    cmd.add_option("--match-criteria", raw.match_criteria, "Filter.MatchCriteria A,B");
    cmd.add_option("--schema-version", raw.schema_version,
                   "Filter.ConnectionSchemaVersion: 1 or 2");
    cmd.add_option("--max-results", raw.max_results, "MaxResults per page: 1 to 1000");
    cmd.add_flag("--show-passwords", a.show_passwords,
                 "Send HidePassword=false (passwords are hidden by default)");
    cmd.add_option("--errors", raw.errors,
                   "Write one NDJSON line per failed target to FILE instead of stderr");
    cmd.add_option("--concurrency", raw.concurrency, "Requests in flight at most (default 256)");
    cmd.add_option("--max-attempts", raw.max_attempts,
                   "Attempts per request, the first included (AWS_MAX_ATTEMPTS; default 3)");
    cmd.add_option("--retry-mode", raw.retry_mode, "standard or adaptive (AWS_RETRY_MODE)");
    cmd.add_option("--endpoint-url", raw.endpoint_url,
                   "Send Glue requests (and STS, Organizations unless AWS_ENDPOINT_URL_STS / "
                   "_ORGANIZATIONS are set) to this URL");
    cmd.add_option("--ca-bundle", raw.ca_bundle, "PEM file of trusted CAs (AWS_CA_BUNDLE)");
    cmd.add_option("--profile", raw.profile, "Profile of the shared files (AWS_PROFILE)");
    cmd.add_flag("--progress")
        ->description("Show progress on stderr even when it is not a terminal");
    cmd.add_flag("--no-progress")->description("Never show progress");
    add_store_flags(cmd, raw.store, raw.scan_id);
    cmd.add_flag("--verbose", a.verbose,
                 "Say on stderr which credential source supplies the base identity, before "
                 "scanning");
}

/// The audit's own flags whose values are checked after CLI11 has matched them.
struct raw_audit_flags {
    std::string input, rules, skip_rules, min_severity, fail_on, suppressions, baseline;
    std::string stale_after, max_credential_age;
    std::vector<std::string> reports;
};

void add_audit_flags(CLI::App& cmd, raw_scan_flags& raw, raw_audit_flags& f, audit_arguments& a) {
    cmd.add_option("--input", f.input,
                   "Audit the NDJSON records of an earlier scan (FILE, or - for stdin) instead "
                   "of scanning: no credentials, no request");
    cmd.add_option("--format", raw.format,
                   "table, ndjson, csv, sarif, ocsf, asff or html. Default: table on a terminal, "
                   "else ndjson");
    cmd.add_option("--output", raw.output, "Write the findings to FILE instead of stdout");
    cmd.add_option("--report", f.reports,
                   "Also write FORMAT to FILE (repeatable): --report sarif:audit.sarif --report "
                   "html:audit.html");
    cmd.add_option("--rules", f.rules,
                   "Evaluate only these rules: ID,ID; * and ? match any text / one character "
                   "(GLUE-00?)");
    cmd.add_option("--skip-rules", f.skip_rules, "Evaluate every rule but these: ID,ID or globs");
    cmd.add_option("--min-severity", f.min_severity,
                   "Write findings of at least this severity: info, low, medium, high, critical");
    cmd.add_flag("--include-pass", a.include_pass,
                 "Write PASS, NOT_APPLICABLE and UNKNOWN results too (compliance formats)");
    cmd.add_option("--suppressions", f.suppressions,
                   "JSON file of accepted findings (rule, account, region, catalog, name regex, "
                   "reason, expires); suppressed findings are written, marked, and never fail "
                   "the run");
    cmd.add_option("--baseline", f.baseline,
                   "Findings NDJSON of an earlier audit: each finding is new or unchanged, and "
                   "those gone since are written as absent");
    cmd.add_option("--fail-on", f.fail_on,
                   "Exit 3 when a finding that is not suppressed is at least this severe: none, "
                   "info, low, medium, high, critical (default high)");
    cmd.add_flag("--fail-on-new", a.fail_on_new,
                 "Exit 3 when a finding is new (not in --baseline), whatever its severity");
    cmd.add_option("--stale-after", f.stale_after,
                   "GLUE-013: a validation older than DAYS is stale (default 90)");
    cmd.add_option("--max-credential-age", f.max_credential_age,
                   "GLUE-014: an inline credential older than DAYS fails (default 90)");
    cmd.add_flag("--list-rules", a.list_rules,
                 "Print every rule (id, severity, title, types, documentation) and exit");
}

bool parse_audit_format(std::string_view text, audit::finding_format& out) {
    return audit::parse_finding_format(text, out);
}

constexpr std::string_view audit_formats_text = "table, ndjson, csv, sarif, ocsf, asff or html";

/// The rules a list of IDs or globs selects; an entry that matches no rule is an error.
std::string select_rules(std::string_view flag, const std::string& text,
                         std::vector<std::string>& out) {
    std::vector<std::string> patterns;
    if (!split_list(text, patterns)) {
        return fail_text(flag, "'" + text + "' has an empty entry");
    }
    out.clear();
    for (const auto& pattern : patterns) {
        bool matched = false;
        for (const auto& rule : glue_inventory::audit::rules()) {
            if (glue_inventory::audit::glob_match(pattern, rule.id)) {
                matched = true;
                if (std::find(out.begin(), out.end(), rule.id) == out.end()) {
                    out.emplace_back(rule.id);
                }
            }
        }
        if (!matched) {
            return fail_text(flag, "'" + pattern + "' is not a rule (see --list-rules)");
        }
    }
    return {};
}

std::string parse_days(std::string_view flag, const std::string& text, std::optional<int>& out) {
    int v = 0;
    if (!parse_whole_number(text, v) || v < 0 || v > max_audit_days) {
        return fail_text(flag, "'" + text + "' is not a whole number of days from 0 to " +
                                   std::to_string(max_audit_days));
    }
    out = v;
    return {};
}

/// Flags of scan that choose what to read from AWS and how: meaningless with --input.
constexpr const char* scan_only_flags[] = {
    "--accounts",          "--org",
    "--role-name",         "--external-id",
    "--role-session-name", "--regions",
    "--all-regions",       "--catalog-ids",
    "--connection-type",   "--match-criteria",
    "--schema-version",    "--max-results",
    "--show-passwords",    "--errors",
    "--concurrency",       "--max-attempts",
    "--retry-mode",        "--endpoint-url",
    "--ca-bundle",         "--profile",
};

std::string check_audit(const CLI::App& cmd, const raw_scan_flags& raw, const raw_audit_flags& f,
                        audit_arguments& a) {
    auto given = [&](const char* name) { return cmd.count(name) > 0; };
    if (given("--input")) {
        if (f.input.empty()) {
            return fail_text("--input", "the value is empty");
        }
        for (const char* flag : scan_only_flags) {
            if (given(flag)) {
                return fail_text(flag, "cannot be combined with --input (the records are read "
                                       "from the file, nothing is scanned)");
            }
        }
        a.input = f.input;
    }
    if (given("--format")) {
        audit::finding_format format{};
        if (!parse_audit_format(raw.format, format)) {
            return fail_text("--format",
                             "'" + raw.format + "' is not " + std::string(audit_formats_text));
        }
        a.format = format;
    }
    for (const auto& report : f.reports) {
        const auto colon = report.find(':');
        audit::finding_format format{};
        if (colon == std::string::npos ||
            !parse_audit_format(std::string_view(report).substr(0, colon), format)) {
            return fail_text("--report", "'" + report + "' is not FORMAT:FILE with FORMAT one of " +
                                             std::string(audit_formats_text));
        }
        if (colon + 1 == report.size()) {
            return fail_text("--report", "'" + report + "' names no file");
        }
        a.reports.push_back({format, report.substr(colon + 1)});
    }
    if (given("--rules") && given("--skip-rules")) {
        return fail_text("--rules", "cannot be combined with --skip-rules");
    }
    if (given("--rules")) {
        if (auto e = select_rules("--rules", f.rules, a.rules); !e.empty()) {
            return e;
        }
    }
    if (given("--skip-rules")) {
        if (auto e = select_rules("--skip-rules", f.skip_rules, a.skip_rules); !e.empty()) {
            return e;
        }
    }
    if (given("--min-severity")) {
        a.min_severity = glue_inventory::audit::parse_severity(f.min_severity);
        if (!a.min_severity) {
            return fail_text("--min-severity",
                             "'" + f.min_severity + "' is not info, low, medium, high or critical");
        }
    }
    if (given("--fail-on")) {
        if (f.fail_on == "none") {
            a.fail_on.reset();
        } else if (auto s = glue_inventory::audit::parse_severity(f.fail_on)) {
            a.fail_on = *s;
        } else {
            return fail_text("--fail-on", "'" + f.fail_on +
                                              "' is not none, info, low, medium, high or critical");
        }
    }
    const std::pair<const char*, const std::string*> files[] = {
        {"--suppressions", &f.suppressions},
        {"--baseline", &f.baseline},
    };
    for (const auto& [flag, value] : files) {
        if (given(flag) && value->empty()) {
            return fail_text(flag, "the value is empty");
        }
    }
    if (given("--suppressions")) {
        a.suppressions_file = f.suppressions;
    }
    if (given("--baseline")) {
        a.baseline_file = f.baseline;
    }
    if (a.fail_on_new && !a.baseline_file) {
        return fail_text("--fail-on-new", "needs --baseline (new is relative to a baseline)");
    }
    if (given("--stale-after")) {
        if (auto e = parse_days("--stale-after", f.stale_after, a.stale_after_days); !e.empty()) {
            return e;
        }
    }
    if (given("--max-credential-age")) {
        if (auto e =
                parse_days("--max-credential-age", f.max_credential_age, a.max_credential_age_days);
            !e.empty()) {
            return e;
        }
    }
    return {};
}

/// The first unknown argument CLI11 left over, as an error line; empty when there is none.
std::string unknown_argument(const CLI::App& cmd, std::string_view where) {
    const auto rest = cmd.remaining();
    if (rest.empty()) {
        return {};
    }
    const auto& first = rest.front();
    // At the top level the line already starts with the program's name: not named twice.
    const bool top_level = where == program;
    if (!first.empty() && first.front() == '-') {
        return fail_text(first, top_level ? "unknown option (see --help)"
                                          : "unknown option for '" + std::string(where) +
                                                "' (see --help)");
    }
    if (top_level) {
        return std::string(program) + ": unexpected argument '" + first + "' (see --help)";
    }
    return fail_text(where, "unexpected argument '" + first + "' (see --help)");
}

} // namespace

command_line parse_command_line(const std::vector<std::string>& argv) {
    command_line out;
    CLI::App app{"Inventory of AWS Glue connections across accounts, regions and Data Catalogs",
                 std::string(program)};
    app.allow_extras();
    app.require_subcommand(0, 1);
    bool version = false;
    app.add_flag("--version", version, "Print \"glue-inventory <version>\" and exit");

    auto* scan =
        app.add_subcommand("scan", "Scan Glue connections (GetConnections) and print them");
    scan->allow_extras();
    raw_scan_flags raw;
    auto& a = out.scan;
    add_scan_flags(*scan, raw, a);
    scan->add_option("--format", raw.format,
                     "ndjson, json, csv or table. Default: table on a terminal, else ndjson");
    scan->add_option(
        "--output", raw.output,
        "Write records to FILE (whole lines, one write() per batch) instead of stdout");

    auto* audit = app.add_subcommand(
        "audit", "Audit Glue connections against the rules GLUE-001..016 and write findings");
    audit->allow_extras();
    audit->footer(std::string(audit_exit_status_help));
    raw_scan_flags audit_raw;
    raw_audit_flags audit_flags;
    add_scan_flags(*audit, audit_raw, out.audit.scan);
    add_audit_flags(*audit, audit_raw, audit_flags, out.audit);

    auto* demo = app.add_subcommand(
        "demo",
        "Start glue-sim (50 accounts x 4 regions), scan it with --org --role-name, stop it");
    demo->allow_extras();
    std::string glue_sim;
    demo->add_option("--glue-sim", glue_sim,
                     "The glue-sim executable (default: GLUE_SIM, else ../glue-sim/glue-sim "
                     "beside this program)");
    demo->add_flag("--progress")
        ->description("Show progress on stderr even when it is not a terminal");
    demo->add_flag("--no-progress")->description("Never show progress");

    // diff: its flags and checks live in diff_command_line.cpp.
    raw_diff_flags raw_diff;
    auto* diff = add_diff_subcommand(app, raw_diff, out.diff);

    std::vector<const char*> args;
    args.reserve(argv.size());
    for (const auto& s : argv) {
        args.push_back(s.c_str());
    }
    try {
        app.parse(static_cast<int>(args.size()), args.data());
    } catch (const CLI::CallForHelp&) {
        out.what = command_line::action::print_and_exit;
        out.text = app.help();
        return out;
    } catch (const CLI::CallForAllHelp&) {
        out.what = command_line::action::print_and_exit;
        out.text = app.help("", CLI::AppFormatMode::All);
        return out;
    } catch (const CLI::ParseError& e) {
        out.what = command_line::action::fail;
        // One prefix, whichever way CLI11 words its message.
        const std::string_view what = e.what();
        const std::string prefix = std::string(program) + ": ";
        out.text = what.starts_with(prefix) ? std::string(what) : prefix + std::string(what);
        return out;
    }
    if (version) {
        out.what = command_line::action::print_and_exit;
        out.text = std::string(program) + " " + GLUE_INVENTORY_VERSION + "\n";
        return out;
    }
    if (scan->parsed()) {
        if (auto e = unknown_argument(*scan, "scan"); !e.empty()) {
            out.text = std::move(e);
            return out;
        }
        if (auto e = check_scan(*scan, raw, a, true); !e.empty()) {
            out.text = std::move(e);
            return out;
        }
        out.what = command_line::action::scan;
        return out;
    }
    if (audit->parsed()) {
        if (auto e = unknown_argument(*audit, "audit"); !e.empty()) {
            out.text = std::move(e);
            return out;
        }
        if (out.audit.list_rules) {
            out.what = command_line::action::list_rules;
            return out;
        }
        if (auto e = check_scan(*audit, audit_raw, out.audit.scan, false); !e.empty()) {
            out.text = std::move(e);
            return out;
        }
        if (auto e = check_audit(*audit, audit_raw, audit_flags, out.audit); !e.empty()) {
            out.text = std::move(e);
            return out;
        }
        out.what = command_line::action::audit;
        return out;
    }
    if (demo->parsed()) {
        if (auto e = unknown_argument(*demo, "demo"); !e.empty()) {
            out.text = std::move(e);
            return out;
        }
        if (demo->count("--progress") > 0 && demo->count("--no-progress") > 0) {
            out.text = fail_text("--progress", "cannot be combined with --no-progress");
            return out;
        }
        if (demo->count("--glue-sim") > 0) {
            out.demo.glue_sim = glue_sim;
        }
        out.demo.progress = demo->count("--progress") > 0      ? progress_choice::on
                            : demo->count("--no-progress") > 0 ? progress_choice::off
                                                               : progress_choice::automatic;
        out.what = command_line::action::demo;
        return out;
    }
    if (diff->parsed()) { // diff
        out.text = check_diff(*diff, raw_diff, out.diff);
        out.what = out.text.empty() ? command_line::action::diff : command_line::action::fail;
        return out;
    }
    if (auto e = unknown_argument(app, "glue-inventory"); !e.empty()) {
        out.text = std::move(e);
        return out;
    }
    out.text = std::string(program) + ": a command is required: scan, audit or demo (see --help)";
    return out;
}

} // namespace glue_cli
