// `glue-inventory scan`: the records of each page written as they arrive (and the demo's
// preview table), on the scan that scan_driver runs.
#pragma once

#include "scan_setup.hpp"

namespace glue_cli {

/// Scans what `setup` describes and returns the exit status of the CLI contract: 0 every target
/// complete, 2 some failed (the others complete, their records written), 130 interrupted, 1
/// nothing scanned (the client could not be made, the accounts could not be listed, an output
/// failed).
/// Prints errors, progress and the summary on stderr.
int run_scan(const scan_setup& setup);

} // namespace glue_cli
