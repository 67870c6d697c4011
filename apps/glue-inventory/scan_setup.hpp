// From the parsed command line and the environment to everything a scan needs: client options,
// where the accounts come from, regions, the request, the outputs. Every configuration error
// is found here, before any request is sent (exit status 1).
#pragma once

#include "command_line.hpp"
#include "shard.hpp"

#include <cstddef>
#include <glue_inventory/client_options.hpp>
#include <glue_inventory/model.hpp>
#include <optional>
#include <string>
#include <vector>

namespace glue_cli {

struct scan_setup {
    glue_inventory::client_options client;

    enum class account_source {
        listed,       // --accounts
        organization, // --org: the ACTIVE accounts of ListAccounts
        caller,       // the base identity's own account (GetCallerIdentity)
    };
    account_source accounts_from = account_source::caller;
    std::vector<std::string> accounts; // when listed
    /// --shard: scan only the accounts of this shard (shard.hpp); absent: every account.
    std::optional<shard_choice> shard;
    std::vector<std::string> regions;
    /// No region given or configured: the instance's, from IMDS, before the scan; regions is
    /// empty until then.
    bool region_from_instance_metadata = false;
    std::vector<std::string> catalog_ids;

    glue_inventory::get_connections_request request;
    std::size_t concurrency = 256;

    output_format format = output_format::ndjson;
    std::optional<std::string> output_file; // absent: stdout
    std::optional<std::string> errors_file; // absent: a text line per failure on stderr
    bool show_progress = false;
    bool verbose = false; // --verbose: the planned credential source on stderr before scanning
    /// When set, a table of the first `preview_rows` records also goes to stdout (the demo).
    std::optional<std::size_t> preview_rows;
};

/// Where a scan's terminals are (decides --format's and --progress's defaults).
struct terminal_state {
    bool stdout_is_terminal = false;
    bool stderr_is_terminal = false;
};

/// Builds the setup. `base` carries what the caller already knows (the demo's static
/// credentials); flags beat `getenv`, which beats the shared files. Reads the --accounts @FILE,
/// the --ca-bundle (to check it can be read) and the shared config files. On error returns
/// nullopt and one line in `error` naming the flag (or variable) and the value.
std::optional<scan_setup> make_scan_setup(const scan_arguments& args,
                                          glue_inventory::client_options base,
                                          const glue_inventory::environment& getenv,
                                          terminal_state terminals, std::string& error);

} // namespace glue_cli
