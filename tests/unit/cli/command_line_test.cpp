// glue-inventory's command line: what each flag becomes, and the one-line errors of bad input.
#include "command_line.hpp"

#include <boost/test/unit_test.hpp>

using glue_cli::command_line;
using glue_cli::parse_command_line;

namespace {
command_line scan(std::vector<std::string> args) {
    args.insert(args.begin(), {"glue-inventory", "scan"});
    return parse_command_line(args);
}
} // namespace

BOOST_AUTO_TEST_CASE(version_prints_the_project_version) {
    const auto cl = parse_command_line({"glue-inventory", "--version"});
    BOOST_TEST((cl.what == command_line::action::print_and_exit));
    BOOST_TEST(cl.text == "glue-inventory 1.2.0\n");
}

BOOST_AUTO_TEST_CASE(scan_help_lists_the_contract_flags) {
    const auto cl = scan({"--help"});
    BOOST_TEST((cl.what == command_line::action::print_and_exit));
    for (const char* flag : {"--accounts",
                             "--org",
                             "--role-name",
                             "--external-id",
                             "--role-session-name",
                             "--regions",
                             "--all-regions",
                             "--catalog-ids",
                             "--connection-type",
                             "--match-criteria",
                             "--schema-version",
                             "--max-results",
                             "--show-passwords",
                             "--format",
                             "--output",
                             "--errors",
                             "--concurrency",
                             "--max-attempts",
                             "--retry-mode",
                             "--endpoint-url",
                             "--ca-bundle",
                             "--profile",
                             "--progress",
                             "--no-progress"}) {
        BOOST_TEST(cl.text.find(flag) != std::string::npos, flag);
    }
}

BOOST_AUTO_TEST_CASE(every_scan_flag_lands_in_its_field) {
    const auto cl = scan({"--accounts",
                          "111122223333,444455556666",
                          "--role-name",
                          "Reader",
                          "--external-id",
                          "ext",
                          "--role-session-name",
                          "audit",
                          "--regions=us-east-1,eu-west-1",
                          "--catalog-ids",
                          "a,b",
                          "--connection-type",
                          "JDBC",
                          "--match-criteria",
                          "x,y",
                          "--schema-version",
                          "2",
                          "--max-results",
                          "1000",
                          "--show-passwords",
                          "--format",
                          "csv",
                          "--output",
                          "out.csv",
                          "--errors",
                          "err.ndjson",
                          "--concurrency",
                          "8",
                          "--max-attempts",
                          "5",
                          "--retry-mode",
                          "adaptive",
                          "--endpoint-url",
                          "https://127.0.0.1:8443",
                          "--ca-bundle",
                          "ca.pem",
                          "--profile",
                          "dev",
                          "--no-progress"});
    BOOST_TEST_REQUIRE((cl.what == command_line::action::scan), cl.text);
    const auto& a = cl.scan;
    BOOST_TEST(a.accounts == (std::vector<std::string>{"111122223333", "444455556666"}));
    BOOST_TEST(a.role_name == "Reader");
    BOOST_TEST(a.external_id.value() == "ext");
    BOOST_TEST(a.role_session_name.value() == "audit");
    BOOST_TEST(a.regions == (std::vector<std::string>{"us-east-1", "eu-west-1"}));
    BOOST_TEST(a.catalog_ids == (std::vector<std::string>{"a", "b"}));
    BOOST_TEST(a.connection_type.value() == "JDBC");
    BOOST_TEST(a.match_criteria.value() == (std::vector<std::string>{"x", "y"}));
    BOOST_TEST(a.schema_version.value() == 2);
    BOOST_TEST(a.max_results.value() == 1000);
    BOOST_TEST(a.show_passwords);
    BOOST_TEST((a.format.value() == glue_cli::output_format::csv));
    BOOST_TEST(a.output_file.value() == "out.csv");
    BOOST_TEST(a.errors_file.value() == "err.ndjson");
    BOOST_TEST(a.concurrency.value() == 8u);
    BOOST_TEST(a.max_attempts.value() == 5);
    BOOST_TEST((a.retry_mode.value() == glue_cli::retry_choice::adaptive));
    BOOST_TEST(a.endpoint_url.value() == "https://127.0.0.1:8443");
    BOOST_TEST(a.ca_bundle.value() == "ca.pem");
    BOOST_TEST(a.profile.value() == "dev");
    BOOST_TEST((a.progress == glue_cli::progress_choice::off));
}

BOOST_AUTO_TEST_CASE(without_flags_everything_is_left_to_the_environment) {
    const auto cl = scan({});
    BOOST_TEST_REQUIRE((cl.what == command_line::action::scan));
    BOOST_TEST(cl.scan.accounts.empty());
    BOOST_TEST(!cl.scan.org);
    BOOST_TEST(!cl.scan.format.has_value());
    BOOST_TEST(!cl.scan.max_attempts.has_value());
    BOOST_TEST(!cl.scan.show_passwords);
    BOOST_TEST((cl.scan.progress == glue_cli::progress_choice::automatic));
}

BOOST_AUTO_TEST_CASE(an_accounts_file_is_named_with_an_at_sign) {
    const auto cl = scan({"--accounts", "@ids.txt"});
    BOOST_TEST_REQUIRE((cl.what == command_line::action::scan));
    BOOST_TEST(cl.scan.accounts_file.value() == "ids.txt");
    BOOST_TEST(cl.scan.accounts.empty());
}

BOOST_AUTO_TEST_CASE(bad_input_gives_one_line_naming_the_flag_and_the_value) {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--accounts", "12345"},
         "glue-inventory: --accounts: '12345' is not a 12-digit account ID"},
        {{"--accounts", "111122223333,"}, "glue-inventory: --accounts: '111122223333,'"},
        {{"--regions", "us-east-1,mars-north-1"},
         "glue-inventory: --regions: 'mars-north-1' is not a known AWS region"},
        {{"--max-results", "0"}, "glue-inventory: --max-results: '0'"},
        {{"--max-results", "1001"}, "glue-inventory: --max-results: '1001'"},
        {{"--max-results", "ten"}, "glue-inventory: --max-results: 'ten'"},
        {{"--schema-version", "3"}, "glue-inventory: --schema-version: '3' is not 1 or 2"},
        {{"--format", "xml"}, "glue-inventory: --format: 'xml'"},
        {{"--retry-mode", "legacy"}, "glue-inventory: --retry-mode: 'legacy'"},
        {{"--concurrency", "0"}, "glue-inventory: --concurrency: '0'"},
        {{"--max-attempts", "0"}, "glue-inventory: --max-attempts: '0'"},
        {{"--endpoint-url", "ftp://x"}, "glue-inventory: --endpoint-url: 'ftp://x'"},
        {{"--accounts", "111122223333", "--org"},
         "glue-inventory: --accounts: cannot be combined with --org"},
        {{"--regions", "us-east-1", "--all-regions"},
         "glue-inventory: --regions: cannot be combined with --all-regions"},
        {{"--progress", "--no-progress"},
         "glue-inventory: --progress: cannot be combined with --no-progress"},
        {{"--bogus"}, "glue-inventory: --bogus: unknown option"},
        {{"--external-id", "x"}, "glue-inventory: --external-id: needs --role-name"},
    };
    for (const auto& [args, expected] : cases) {
        const auto cl = scan(args);
        BOOST_TEST((cl.what == command_line::action::fail), expected);
        BOOST_TEST(cl.text.rfind(expected, 0) == 0u, cl.text << " should start with " << expected);
        BOOST_TEST(cl.text.find('\n') == std::string::npos, cl.text);
    }
}

BOOST_AUTO_TEST_CASE(no_command_is_bad_usage) {
    const auto cl = parse_command_line({"glue-inventory"});
    BOOST_TEST((cl.what == command_line::action::fail));
    BOOST_TEST(cl.text.find("scan, audit or demo") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(account_files_allow_comments_and_blank_lines) {
    std::string error;
    const auto ids = glue_cli::parse_account_file(
        "# production\n111122223333\n\n  444455556666  # analytics\r\n#777788889999\n", "ids.txt",
        error);
    BOOST_TEST(error.empty());
    BOOST_TEST(ids == (std::vector<std::string>{"111122223333", "444455556666"}));
}

BOOST_AUTO_TEST_CASE(a_bad_line_of_an_account_file_is_named) {
    std::string error;
    const auto ids = glue_cli::parse_account_file("111122223333\n12345\n", "ids.txt", error);
    BOOST_TEST(ids.empty());
    BOOST_TEST(error ==
               "glue-inventory: --accounts: @ids.txt line 2: '12345' is not a 12-digit account ID");
}

namespace {
command_line audit(std::vector<std::string> args) {
    args.insert(args.begin(), {"glue-inventory", "audit"});
    return parse_command_line(args);
}
} // namespace

BOOST_AUTO_TEST_CASE(audit_takes_every_scan_selection_flag_and_its_own) {
    const auto cl = audit({"--accounts",
                           "111122223333",
                           "--role-name",
                           "Reader",
                           "--regions",
                           "eu-west-1",
                           "--catalog-ids",
                           "a",
                           "--connection-type",
                           "JDBC",
                           "--show-passwords",
                           "--concurrency",
                           "8",
                           "--max-attempts",
                           "5",
                           "--retry-mode",
                           "adaptive",
                           "--endpoint-url",
                           "https://127.0.0.1:8443",
                           "--errors",
                           "e.ndjson",
                           "--no-progress",
                           "--format",
                           "sarif",
                           "--output",
                           "a.sarif",
                           "--report",
                           "html:a.html",
                           "--report=ocsf:a.ocsf",
                           "--rules",
                           "GLUE-00?,GLUE-016",
                           "--min-severity",
                           "medium",
                           "--include-pass",
                           "--suppressions",
                           "s.json",
                           "--baseline",
                           "b.ndjson",
                           "--fail-on",
                           "critical",
                           "--fail-on-new",
                           "--stale-after",
                           "30",
                           "--max-credential-age",
                           "365"});
    BOOST_TEST_REQUIRE((cl.what == command_line::action::audit), cl.text);
    const auto& a = cl.audit;
    BOOST_TEST(a.scan.accounts == std::vector<std::string>{"111122223333"});
    BOOST_TEST(a.scan.role_name == "Reader");
    BOOST_TEST(a.scan.regions == std::vector<std::string>{"eu-west-1"});
    BOOST_TEST(a.scan.catalog_ids == std::vector<std::string>{"a"});
    BOOST_TEST(*a.scan.connection_type == "JDBC");
    BOOST_TEST(a.scan.show_passwords);
    BOOST_TEST(*a.scan.concurrency == 8u);
    BOOST_TEST(*a.scan.max_attempts == 5);
    BOOST_TEST((*a.scan.retry_mode == glue_cli::retry_choice::adaptive));
    BOOST_TEST(*a.scan.endpoint_url == "https://127.0.0.1:8443");
    BOOST_TEST(*a.scan.errors_file == "e.ndjson");
    BOOST_TEST((a.scan.progress == glue_cli::progress_choice::off));
    BOOST_TEST(!a.scan.format.has_value()); // the audit's --format is its own
    BOOST_TEST((*a.format == glue_cli::audit::finding_format::sarif));
    BOOST_TEST(*a.scan.output_file == "a.sarif");
    BOOST_TEST_REQUIRE(a.reports.size() == 2u);
    BOOST_TEST((a.reports[0].format == glue_cli::audit::finding_format::html));
    BOOST_TEST(a.reports[0].path == "a.html");
    BOOST_TEST((a.reports[1].format == glue_cli::audit::finding_format::ocsf));
    BOOST_TEST(a.reports[1].path == "a.ocsf");
    const std::vector<std::string> rules = {"GLUE-001", "GLUE-002", "GLUE-003", "GLUE-004",
                                            "GLUE-005", "GLUE-006", "GLUE-007", "GLUE-008",
                                            "GLUE-009", "GLUE-016"};
    BOOST_TEST(a.rules == rules);
    BOOST_TEST((*a.min_severity == glue_inventory::audit::severity::medium));
    BOOST_TEST(a.include_pass);
    BOOST_TEST(*a.suppressions_file == "s.json");
    BOOST_TEST(*a.baseline_file == "b.ndjson");
    BOOST_TEST((*a.fail_on == glue_inventory::audit::severity::critical));
    BOOST_TEST(a.fail_on_new);
    BOOST_TEST(*a.stale_after_days == 30);
    BOOST_TEST(*a.max_credential_age_days == 365);
}

BOOST_AUTO_TEST_CASE(audit_defaults_fail_on_high_and_none_disables_it) {
    const auto plain = audit({"--input", "records.ndjson"});
    BOOST_TEST_REQUIRE((plain.what == command_line::action::audit), plain.text);
    BOOST_TEST((*plain.audit.fail_on == glue_inventory::audit::severity::high));
    BOOST_TEST(*plain.audit.input == "records.ndjson");
    BOOST_TEST(!plain.audit.format.has_value());
    const auto none = audit({"--input", "-", "--fail-on", "none"});
    BOOST_TEST_REQUIRE((none.what == command_line::action::audit), none.text);
    BOOST_TEST(!none.audit.fail_on.has_value());
    BOOST_TEST(*none.audit.input == "-");
}

BOOST_AUTO_TEST_CASE(audit_list_rules_and_help) {
    const auto list = audit({"--list-rules"});
    BOOST_TEST((list.what == command_line::action::list_rules));
    const auto help = audit({"--help"});
    BOOST_TEST((help.what == command_line::action::print_and_exit));
    for (const char* flag : {"--input",        "--format",
                             "--output",       "--report",
                             "--rules",        "--skip-rules",
                             "--min-severity", "--include-pass",
                             "--suppressions", "--baseline",
                             "--fail-on",      "--fail-on-new",
                             "--stale-after",  "--max-credential-age",
                             "--list-rules",   "--accounts",
                             "--org",          "--role-name",
                             "--regions",      "--endpoint-url",
                             "--concurrency",  "Exit status: 0 clean; 3"}) {
        BOOST_TEST(help.text.find(flag) != std::string::npos, flag);
    }
}

BOOST_AUTO_TEST_CASE(audit_bad_usage_is_one_line_naming_the_flag) {
    const std::pair<std::vector<std::string>, std::string> cases[] = {
        {{"--rules", "GLUE-999"}, "glue-inventory: --rules: 'GLUE-999' is not a rule"},
        {{"--skip-rules", "GLUE-005,,GLUE-006"}, "glue-inventory: --skip-rules: "},
        {{"--rules", "GLUE-001", "--skip-rules", "GLUE-002"},
         "glue-inventory: --rules: cannot be combined with --skip-rules"},
        {{"--format", "json"}, "glue-inventory: --format: 'json' is not table, ndjson"},
        {{"--report", "sarif"}, "glue-inventory: --report: 'sarif' is not FORMAT:FILE"},
        {{"--report", "pdf:a.pdf"}, "glue-inventory: --report: 'pdf:a.pdf' is not FORMAT:FILE"},
        {{"--report", "html:"}, "glue-inventory: --report: 'html:' names no file"},
        {{"--min-severity", "severe"}, "glue-inventory: --min-severity: 'severe'"},
        {{"--fail-on", "warning"}, "glue-inventory: --fail-on: 'warning' is not none, info"},
        {{"--fail-on-new"}, "glue-inventory: --fail-on-new: needs --baseline"},
        {{"--stale-after", "-1"}, "glue-inventory: --stale-after: '-1' is not a whole number"},
        {{"--max-credential-age", "x"}, "glue-inventory: --max-credential-age: 'x'"},
        {{"--input", "a.ndjson", "--org"},
         "glue-inventory: --org: cannot be combined with --input"},
        {{"--input", ""}, "glue-inventory: --input: the value is empty"},
        {{"--baseline", ""}, "glue-inventory: --baseline: the value is empty"},
        {{"--regions", "mars-1"}, "glue-inventory: --regions: 'mars-1' is not a known AWS region"},
        {{"--bogus"}, "glue-inventory: --bogus: unknown option for 'audit'"},
    };
    for (const auto& [args, expected] : cases) {
        const auto cl = audit(args);
        BOOST_TEST((cl.what == command_line::action::fail), expected);
        BOOST_TEST(cl.text.rfind(expected, 0) == 0, cl.text + " | expected " + expected);
        BOOST_TEST(cl.text.find('\n') == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(scan_keeps_its_own_formats) {
    BOOST_TEST((scan({"--format", "sarif"}).what == command_line::action::fail));
    BOOST_TEST((scan({"--report", "sarif:a"}).what == command_line::action::fail));
    const auto cl = scan({"--format", "json"});
    BOOST_TEST((*cl.scan.format == glue_cli::output_format::json));
}

BOOST_AUTO_TEST_CASE(every_usage_error_names_the_program_once) {
    const auto top = parse_command_line({"glue-inventory", "frobnicate"});
    BOOST_TEST((top.what == command_line::action::fail));
    BOOST_TEST(top.text == "glue-inventory: unexpected argument 'frobnicate' (see --help)");
    // Errors of every origin: ours at each level, and CLI11's own (a flag without its value).
    const std::vector<std::vector<std::string>> cases = {
        {"glue-inventory", "frobnicate"},         {"glue-inventory", "--frobnicate"},
        {"glue-inventory", "scan", "extra"},      {"glue-inventory", "scan", "--frobnicate"},
        {"glue-inventory", "scan", "--accounts"}, {"glue-inventory", "demo", "--glue-sim"},
        {"glue-inventory", "demo", "extra"},      {"glue-inventory"},
    };
    for (const auto& args : cases) {
        const auto cl = parse_command_line(args);
        BOOST_TEST((cl.what == command_line::action::fail), cl.text);
        BOOST_TEST(cl.text.starts_with("glue-inventory: "), cl.text);
        BOOST_TEST(cl.text.find("glue-inventory: glue-inventory") == std::string::npos, cl.text);
        BOOST_TEST(cl.text.find("glue-inventory", 1) == std::string::npos, cl.text);
    }
}

BOOST_AUTO_TEST_CASE(a_refused_endpoint_url_is_quoted_without_its_password) {
    const auto cl = scan({"--endpoint-url", "https://auditor:hunter2@glue.example.com"});
    BOOST_TEST((cl.what == command_line::action::fail));
    BOOST_TEST(cl.text == "glue-inventory: --endpoint-url: 'https://***@glue.example.com' is not "
                          "an http(s)://host[:port] URL");
    // A line break in the value does not break the error line either.
    const auto broken = scan({"--endpoint-url", "https://u:p@h\nx"});
    BOOST_TEST(broken.text.find('\n') == std::string::npos, broken.text);
    BOOST_TEST(broken.text.find("u:p") == std::string::npos, broken.text);
}
