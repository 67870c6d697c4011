// The scan's events as store rows: each connection as its NDJSON record (the line `scan`
// writes), each target's outcome after its records.
#pragma once

#include "store/store_writer.hpp"

#include <glue_inventory/model.hpp>
#include <glue_inventory/target.hpp>
#include <string>
#include <vector>

namespace glue_cli::store {

/// The rows of one page.
void feed_page(store_writer& writer, const glue_inventory::target& t,
               const std::vector<glue_inventory::connection>& connections);

/// How a target ended (`error_code` and `message` as the scan reports a failure: AWS error
/// messages are already redacted by the client).
void feed_target(store_writer& writer, const glue_inventory::target& t, bool complete,
                 const std::string& error_code, const std::string& message);

} // namespace glue_cli::store
