// An audit's findings into the store: a finding_writer (the engine hands it every finding as to
// any output) that writes no text but a finding_row per finding, the finding itself as its
// NDJSON line (the ndjson format's, which never holds a secret).
#pragma once

#include "audit/finding_writer.hpp"
#include "store/store_writer.hpp"

#include <memory>

namespace glue_cli::store {

std::unique_ptr<audit::finding_writer> make_store_finding_writer(store_writer& writer);

} // namespace glue_cli::store
