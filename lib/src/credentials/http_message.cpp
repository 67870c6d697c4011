#include "http_message.hpp"

#include "model/ascii.hpp"

namespace glue_inventory::creds {
namespace {

const std::string* find_header(const std::vector<http_header>& headers, std::string_view name) {
    for (const auto& h : headers) {
        if (ascii_lower(h.name) == ascii_lower(name)) {
            return &h.value;
        }
    }
    return nullptr;
}

} // namespace

const std::string* http_request::header(std::string_view name) const {
    return find_header(headers, name);
}

const std::string* http_answer::header(std::string_view name) const {
    return find_header(headers, name);
}

} // namespace glue_inventory::creds
