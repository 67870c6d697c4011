// glue-inventory: the command-line tool. main() only dispatches; each idea has its own file:
// command_line (parsing), scan_setup (configuration), targets, the record writers
// (ndjson_format, csv_format, table_format), failure_report, progress_text, output_file,
// scan_driver (a scan for scan and audit), scan_runner, audit/ (engine, runner, formats), demo,
// child_process.
#include "audit/audit_runner.hpp"
#include "command_line.hpp"
#include "demo.hpp"
#include "descriptor_limit.hpp"
#include "diff_runner.hpp"
#include "scan_runner.hpp"
#include "scan_setup.hpp"

#include <iostream>
#include <unistd.h>

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv, argv + argc);
    const auto cl = glue_cli::parse_command_line(args);
    switch (cl.what) {
    case glue_cli::command_line::action::diff:
        return glue_cli::run_diff(cl.diff,
                                  {::isatty(STDOUT_FILENO) == 1, ::isatty(STDERR_FILENO) == 1});
    case glue_cli::command_line::action::print_and_exit:
        std::cout << cl.text << std::flush;
        return 0;
    case glue_cli::command_line::action::fail:
        std::cerr << cl.text << "\n";
        return 1;
    case glue_cli::command_line::action::demo:
        return glue_cli::run_demo(cl.demo, argv[0]);
    case glue_cli::command_line::action::list_rules:
        std::cout << glue_cli::audit::rules_listing() << std::flush;
        return 0;
    case glue_cli::command_line::action::scan:
    case glue_cli::command_line::action::audit:
        break;
    }
    if (const auto limit_error = glue_cli::ensure_minimum_descriptors(); !limit_error.empty()) {
        std::cerr << limit_error << "\n";
        return 1;
    }
    glue_cli::terminal_state terminals;
    terminals.stdout_is_terminal = ::isatty(STDOUT_FILENO) == 1;
    terminals.stderr_is_terminal = ::isatty(STDERR_FILENO) == 1;
    std::string error;
    if (cl.what == glue_cli::command_line::action::audit) {
        // The time of the audit is its start: every rule that looks at an age uses it.
        const auto now =
            std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
        auto setup = glue_cli::audit::make_audit_setup(
            cl.audit, {}, glue_inventory::process_environment(), terminals,
            glue_cli::audit::report_arguments(args), now, error);
        if (!setup) {
            std::cerr << error << "\n";
            return 1;
        }
        setup->store = glue_cli::store::make_store_options(cl.audit.scan, args);
        if (setup->store && setup->scan && setup->scan->shard) {
            error = glue_cli::store::set_shard(*setup->store, setup->scan->shard->index,
                                               setup->scan->shard->count,
                                               cl.audit.scan.scan_id.has_value());
            if (!error.empty()) {
                std::cerr << error << "\n";
                return 1;
            }
        }
        return glue_cli::audit::run_audit(*setup).status;
    }
    const auto setup = glue_cli::make_scan_setup(cl.scan, {}, glue_inventory::process_environment(),
                                                 terminals, error);
    if (!setup) {
        std::cerr << error << "\n";
        return 1;
    }
    auto store = glue_cli::store::make_store_options(cl.scan, args);
    if (store && setup->shard) {
        error = glue_cli::store::set_shard(*store, setup->shard->index, setup->shard->count,
                                           cl.scan.scan_id.has_value());
        if (!error.empty()) {
            std::cerr << error << "\n";
            return 1;
        }
    }
    return glue_cli::run_scan(*setup, store);
}
