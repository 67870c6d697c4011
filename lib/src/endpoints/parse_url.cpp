#include "endpoints/endpoint_resolver.hpp"
#include "model/ascii.hpp"

#include <charconv>

namespace glue_inventory::endpoints {

namespace {

constexpr std::uint16_t https_default_port = 443;
constexpr std::uint16_t http_default_port = 80;

bool is_host_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_';
}

bool is_ipv6_char(char c) {
    return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || (c >= '0' && c <= '9') || c == ':' ||
           c == '.';
}

// The path becomes the HTTP request target and the SigV4 canonical URI: a space, a control
// byte (CR, LF: request splitting) or a non-ASCII byte there cannot be sent as written.
bool is_path_char(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte > 0x20 && byte < 0x7F;
}

bool all_of(std::string_view s, bool (*pred)(char)) {
    for (const char c : s) {
        if (!pred(c)) {
            return false;
        }
    }
    return true;
}

} // namespace

std::optional<url_parts> parse_url(std::string_view url) {
    constexpr std::string_view separator = "://";
    const std::size_t scheme_end = url.find(separator);
    if (scheme_end == std::string_view::npos) {
        return std::nullopt;
    }
    url_parts parts;
    parts.scheme = ascii_lower(url.substr(0, scheme_end));
    if (parts.scheme == "https") {
        parts.port = https_default_port;
    } else if (parts.scheme == "http") {
        parts.port = http_default_port;
    } else {
        return std::nullopt;
    }

    std::string_view rest = url.substr(scheme_end + separator.size());
    if (rest.find_first_of("?#") != std::string_view::npos) {
        return std::nullopt;
    }
    const std::size_t path_start = rest.find('/');
    std::string_view authority = rest.substr(0, path_start);
    if (path_start != std::string_view::npos) {
        parts.path = std::string(rest.substr(path_start));
        if (!all_of(parts.path, is_path_char)) {
            return std::nullopt;
        }
    }
    if (authority.find('@') != std::string_view::npos) {
        return std::nullopt;
    }

    std::string_view host;
    std::string_view port;
    bool has_port = false;
    if (!authority.empty() && authority.front() == '[') {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos) {
            return std::nullopt;
        }
        host = authority.substr(1, close - 1);
        const std::string_view after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') {
                return std::nullopt;
            }
            has_port = true;
            port = after.substr(1);
        }
        if (host.empty() || !all_of(host, is_ipv6_char)) {
            return std::nullopt;
        }
    } else {
        const std::size_t colon = authority.find(':');
        host = authority.substr(0, colon);
        if (colon != std::string_view::npos) {
            has_port = true;
            port = authority.substr(colon + 1);
        }
        if (host.empty() || !all_of(host, is_host_char)) {
            return std::nullopt;
        }
    }
    if (has_port) {
        unsigned value = 0;
        const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
        if (port.empty() || ec != std::errc{} || end != port.data() + port.size() || value == 0 ||
            value > 65535U) {
            return std::nullopt;
        }
        parts.port = static_cast<std::uint16_t>(value);
    }
    parts.host = std::string(host);
    return parts;
}

} // namespace glue_inventory::endpoints
