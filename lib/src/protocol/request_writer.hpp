// AWS JSON 1.1 request bodies.
#pragma once

#include <glue_inventory/model.hpp>
#include <string>

namespace glue_inventory::protocol {

/// Appends the GetConnections body for `req` to `out`: only present members, in the model's
/// order, strings escaped as write_json_string does (control characters as \u00XX, valid UTF-8
/// passed through, invalid UTF-8 bytes as U+FFFD).
void write_get_connections_request(const get_connections_request& req, std::string& out);

} // namespace glue_inventory::protocol
