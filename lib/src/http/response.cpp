#include "http/response.hpp"

#include <algorithm>

namespace glue_inventory::http {
namespace {

/// What an AWS answer's fields take here (RequestId, Date, Content-Type, Content-Length...).
constexpr std::size_t typical_fields_bytes = 256;

char lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) { return lower(x) == lower(y); });
}
} // namespace

std::string_view response::operator[](std::string_view name) const noexcept {
    std::string_view found;
    bool done = false;
    for_each_field([&](std::string_view n, std::string_view v) {
        if (!done && equal_ignoring_case(n, name)) {
            found = v;
            done = true;
        }
    });
    return found;
}

void response::add_field(std::string_view name, std::string_view value) {
    if (fields_.empty()) {
        fields_.reserve(typical_fields_bytes); // grown piecewise, it reallocates three times
    }
    fields_.append(name);
    fields_.push_back('\n');
    fields_.append(value);
    fields_.push_back('\n');
}

} // namespace glue_inventory::http
