// Runs a scan: an io_context, a client, a scan_stream, the writers and the progress line.
#pragma once

#include "scan_setup.hpp"

namespace glue_cli {

/// Scans what `setup` describes and returns the exit status of the CLI contract: 0 every target
/// complete, 2 some failed (the others complete, their records written), 1 nothing scanned
/// (the client could not be made, the accounts could not be listed, an output failed).
/// Prints errors, progress and the summary on stderr.
int run_scan(const scan_setup& setup);

} // namespace glue_cli
