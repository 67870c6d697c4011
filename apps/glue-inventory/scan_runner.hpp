// `glue-inventory scan`: the records of each page written as they arrive (and the demo's
// preview table), on the scan that scan_driver runs.
#pragma once

#include "scan_setup.hpp"
#include "store/store_options.hpp"

#include <optional>

namespace glue_cli {

/// Scans what `setup` describes and returns the exit status of the CLI contract: 0 every target
/// complete, 2 some failed (the others complete, their records written), 130 interrupted, 1
/// nothing scanned (the client could not be made, the accounts could not be listed, an output
/// failed).
/// Prints errors, progress and the summary on stderr. With `store`, the records and the targets'
/// outcomes also go to the store (a store that fails mid-scan: the other outputs stay complete,
/// the exit status is 1, as for any output that failed).
int run_scan(const scan_setup& setup, const std::optional<store::store_options>& store = {});

} // namespace glue_cli
