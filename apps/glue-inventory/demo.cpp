#include "demo.hpp"

#include "audit/audit_runner.hpp"
#include "child_process.hpp"
#include "scan_runner.hpp"
#include "scan_setup.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <simdjson.h>
#include <unistd.h>

namespace glue_cli {
namespace {

namespace fs = std::filesystem;

/// Longest wait for glue-sim's ready.json.
constexpr std::chrono::seconds sim_ready_timeout{30};

fs::path own_directory(const char* argv0) {
    std::error_code ec;
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) {
        exe = fs::absolute(argv0, ec);
    }
    return exe.parent_path();
}

std::string find_glue_sim(const demo_arguments& args, const char* argv0) {
    if (args.glue_sim) {
        return *args.glue_sim;
    }
    if (const char* env = std::getenv("GLUE_SIM"); env && *env) {
        return env;
    }
    return (own_directory(argv0) / ".." / "glue-sim" / "glue-sim").lexically_normal().string();
}

/// What the demo reads from glue-sim's ready.json.
struct sim_ready {
    std::string endpoint_url;
    std::string ca_bundle;
    std::string access_key_id;
    std::string secret_access_key;
    std::vector<std::string> regions;
};

sim_ready read_ready(const std::string& path) {
    simdjson::dom::parser parser;
    simdjson::dom::element doc = parser.load(path); // throws simdjson_error on a bad file
    sim_ready r;
    r.endpoint_url = std::string(std::string_view(doc["endpoint_url"]));
    r.ca_bundle = std::string(std::string_view(doc["ca_bundle"]));
    r.access_key_id = std::string(std::string_view(doc["access_key_id"]));
    r.secret_access_key = std::string(std::string_view(doc["secret_access_key"]));
    for (auto region : doc["regions"].get_array()) {
        r.regions.emplace_back(std::string_view(region));
    }
    return r;
}

/// Rules named in the demo's closing lines (the most frequent first).
constexpr std::size_t demo_top_rules = 5;

/// The demo's last step: `audit --input RECORDS --output findings.ndjson --report
/// html:audit.html --report sarif:audit.sarif`, then a few lines: findings by severity and rule,
/// and where the reports are. The demo's exit status stays the scan's (findings are the point
/// of a demo, not a failure), unless the audit itself could not run.
int audit_demo(const std::string& dir, const std::string& records) {
    audit_arguments args;
    args.input = records;
    args.format = audit::finding_format::ndjson;
    args.scan.output_file = dir + "/findings.ndjson";
    args.reports = {{audit::finding_format::html, dir + "/audit.html"},
                    {audit::finding_format::sarif, dir + "/audit.sarif"}};
    const auto now =
        std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
    std::string error;
    const glue_inventory::environment no_environment =
        [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
    auto setup = audit::make_audit_setup(args, {}, no_environment, {},
                                         "glue-inventory audit --input " + records, now, error);
    if (!setup) {
        std::cerr << error << "\n";
        return exit_usage;
    }
    std::cerr << "glue-inventory demo: auditing the records (rules GLUE-001..016)\n";
    const auto outcome = audit::run_audit(*setup);
    if (outcome.status == exit_usage || outcome.status == exit_incomplete) {
        return outcome.status;
    }
    std::string by_severity;
    for (int i = 4; i >= 0; --i) {
        const auto n = outcome.summary.findings_by_severity[static_cast<std::size_t>(i)];
        by_severity += (by_severity.empty() ? "" : ", ") + std::to_string(n) + " " +
                       std::string(glue_inventory::audit::to_string(
                           static_cast<glue_inventory::audit::severity>(i)));
    }
    std::vector<std::pair<std::size_t, std::string>> rules;
    for (const auto& [id, n] : outcome.findings_by_rule) {
        rules.emplace_back(n, id);
    }
    std::sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::string top;
    for (std::size_t i = 0; i < rules.size() && i < demo_top_rules; ++i) {
        const auto* rule = glue_inventory::audit::find_rule(rules[i].second);
        top += "  " + rules[i].second + "  " + std::to_string(rules[i].first) + "  " +
               (rule ? std::string(rule->title) : std::string()) + "\n";
    }
    std::cout << "\nAudit of " << outcome.summary.connections_evaluated
              << " connections: " << by_severity << "\nMost frequent rules:\n"
              << top << "Reports: " << dir << "/audit.html (open in a browser), " << dir
              << "/audit.sarif (GitHub code scanning), " << dir
              << "/findings.ndjson (every finding)\n"
              << std::flush;
    return exit_clean;
}

} // namespace

int run_demo(const demo_arguments& args, const char* argv0) {
    const std::string sim_program = find_glue_sim(args, argv0);
    std::string dir = (fs::temp_directory_path() / "glue-inventory-demo-XXXXXX").string();
    if (::mkdtemp(dir.data()) == nullptr) {
        std::cerr << "glue-inventory: demo: cannot create a directory under "
                  << fs::temp_directory_path() << "\n";
        return 1;
    }
    const std::string state_dir = dir + "/glue-sim";
    const std::string records = dir + "/connections.ndjson";
    std::cerr << "glue-inventory demo: starting " << sim_program << " (" << demo_accounts
              << " accounts x 4 regions; state and log in " << dir << ")\n";
    try {
        child_process sim(sim_program,
                          {"--state-dir", state_dir, "--host", "127.0.0.1", "--port", "0",
                           "--accounts", std::to_string(demo_accounts), "--regions", demo_regions,
                           "--role-name", demo_role_name},
                          dir + "/glue-sim.log");
        if (!wait_for_file(state_dir + "/ready.json", sim, sim_ready_timeout)) {
            std::cerr << "glue-inventory: demo: glue-sim did not become ready (see " << dir
                      << "/glue-sim.log)\n";
            return 1;
        }
        const auto ready = read_ready(state_dir + "/ready.json");

        // The same path as `scan --org --role-name NAME --regions ... --endpoint-url URL
        // --ca-bundle FILE --output FILE`, with glue-sim's keys as the base identity. The
        // user's AWS environment is not consulted: the demo talks only to its simulator.
        scan_arguments scan;
        scan.org = true;
        scan.role_name = demo_role_name;
        scan.regions = ready.regions;
        scan.endpoint_url = ready.endpoint_url;
        scan.ca_bundle = ready.ca_bundle;
        scan.format = output_format::ndjson;
        scan.output_file = records;
        scan.progress = args.progress;
        glue_inventory::client_options base;
        base.identity.static_credentials =
            glue_inventory::credentials{ready.access_key_id, ready.secret_access_key, {}, {}};
        base.home_region = ready.regions.empty() ? "us-east-1" : ready.regions.front();
        const glue_inventory::environment no_environment =
            [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
        terminal_state terminals;
        terminals.stdout_is_terminal = ::isatty(STDOUT_FILENO) == 1;
        terminals.stderr_is_terminal = ::isatty(STDERR_FILENO) == 1;
        std::string error;
        auto setup = make_scan_setup(scan, std::move(base), no_environment, terminals, error);
        if (!setup) {
            std::cerr << error << "\n";
            return 1;
        }
        setup->preview_rows = demo_table_rows;
        const int status = run_scan(*setup);
        sim.stop();
        std::cerr << "glue-inventory demo: every record is in " << records
                  << " (NDJSON); glue-sim stopped\n";
        if (status != exit_clean) {
            return status;
        }
        return audit_demo(dir, records);
    } catch (const std::exception& e) {
        std::cerr << "glue-inventory: demo: " << e.what() << "\n";
        return 1;
    }
}

} // namespace glue_cli
