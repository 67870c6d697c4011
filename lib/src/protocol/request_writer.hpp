// AWS JSON 1.1 request bodies.
#pragma once

#include <glue_inventory/model.hpp>
#include <string>

namespace glue_inventory::protocol {

/// Appends the GetConnections body for `req` to `out`: only present members, in the model's
/// order, strings escaped per RFC 8259 (control characters as \u00XX, UTF-8 passed through).
void write_get_connections_request(const get_connections_request& req, std::string& out);

} // namespace glue_inventory::protocol
