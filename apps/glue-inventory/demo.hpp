// `glue-inventory demo`: a whole scan of a simulated organisation, on this machine.
#pragma once

#include "command_line.hpp"

namespace glue_cli {

/// Accounts and regions of the simulated organisation.
inline constexpr int demo_accounts = 50;
inline constexpr const char* demo_regions = "us-east-1,us-west-2,eu-west-1,ap-northeast-1";
/// The role glue-sim accepts and the demo assumes in every account.
inline constexpr const char* demo_role_name = "GlueInventoryReader";
/// Rows of the table shown on stdout (every record goes to the NDJSON file).
inline constexpr std::size_t demo_table_rows = 20;

/// Starts glue-sim (args.glue_sim, else $GLUE_SIM, else ../glue-sim/glue-sim beside this
/// executable) on an ephemeral loopback port, scans it with --org --role-name through the same
/// code as `scan`, prints the first rows and the summary, writes every record to an NDJSON
/// file in a new temporary directory, stops glue-sim, then audits the records (`audit --input`)
/// and prints the findings by severity, the most frequent rules and where the HTML and SARIF
/// reports are. Returns the scan's exit status (or the audit's, if it could not run).
int run_demo(const demo_arguments& args, const char* argv0);

} // namespace glue_cli
