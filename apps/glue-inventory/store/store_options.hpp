// What --store and --scan-id ask for, with the scan's identity (name, arguments with secrets
// redacted, tool version, start time, shard).
#pragma once

#include "command_line.hpp"
#include "store/store_rows.hpp"
#include "store/store_url.hpp"

#include <optional>
#include <string>
#include <vector>

namespace glue_cli::store {

struct store_options {
    store_url url;
    scan_identity identity;
};

/// The command line as the store keeps it: the values of --external-id and the password of
/// --store replaced by REDACTED.
std::string redacted_arguments(const std::vector<std::string>& argv);

/// nullopt when `args` has no --store. The scan is named --scan-id, else
/// "<start time>-<8 random hex digits>".
std::optional<store_options> make_store_options(const scan_arguments& args,
                                                const std::vector<std::string>& argv);

/// Makes the stored scan this process's shard of a sharded scan (--shard I/N): every shard
/// process must name the same scan, so --scan-id is required when N > 1. Returns an error line,
/// or empty.
std::string set_shard(store_options& options, unsigned index, unsigned count, bool scan_id_given);

} // namespace glue_cli::store
