#include "protocol/json_text.hpp"

#include <charconv>
#include <system_error>

namespace glue_inventory::protocol {

void write_json_integer(std::int64_t value, std::string& out) {
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

} // namespace glue_inventory::protocol
