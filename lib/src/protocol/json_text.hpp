// The smallest pieces of JSON output shared by every writer of this component.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace glue_inventory::protocol {

/// Appends `"key":` (the key is one of our own ASCII member names: no escaping needed).
inline void write_json_key(std::string_view key, std::string& out) {
    out += '"';
    out += key;
    out += "\":";
}

/// Appends a decimal integer.
void write_json_integer(std::int64_t value, std::string& out);

} // namespace glue_inventory::protocol
