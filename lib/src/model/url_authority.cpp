#include "model/url_authority.hpp"

#include <algorithm>
#include <charconv>

namespace glue_inventory {
namespace {

bool is_host_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_';
}

bool is_ipv6_char(char c) {
    return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || (c >= '0' && c <= '9') || c == ':' ||
           c == '.';
}

} // namespace

authority_error parse_url_authority(std::string_view text, url_authority& out) {
    out = {};
    if (text.find('@') != std::string_view::npos) {
        return authority_error::user_info;
    }
    std::string_view host = text;
    std::optional<std::string_view> port;
    if (!text.empty() && text.front() == '[') {
        const std::size_t close = text.find(']');
        if (close == std::string_view::npos) {
            return authority_error::ipv6_unclosed;
        }
        host = text.substr(1, close - 1);
        const std::string_view after = text.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') {
                return authority_error::after_ipv6;
            }
            port = after.substr(1);
        }
        if (!std::all_of(host.begin(), host.end(), is_ipv6_char)) {
            return authority_error::ipv6_malformed;
        }
        out.host_is_ipv6 = true;
    } else {
        const std::size_t colon = text.find(':');
        if (colon != std::string_view::npos) {
            host = text.substr(0, colon);
            port = text.substr(colon + 1);
        }
        if (!std::all_of(host.begin(), host.end(), is_host_char)) {
            return authority_error::host_malformed;
        }
    }
    if (host.empty()) {
        return authority_error::no_host;
    }
    out.host = host;
    if (port) {
        unsigned value = 0;
        const char* const first = port->data();
        const char* const last = first + port->size();
        const auto [end, ec] = std::from_chars(first, last, value);
        if (port->empty() || ec != std::errc{} || end != last || value == 0 || value > 65535U) {
            return authority_error::bad_port;
        }
        out.port = static_cast<std::uint16_t>(value);
    }
    return authority_error::none;
}

} // namespace glue_inventory
