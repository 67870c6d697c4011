#include "endpoints/endpoint_resolver.hpp"
#include "model/ascii.hpp"
#include "model/url_authority.hpp"

#include <algorithm>

namespace glue_inventory::endpoints {

namespace {

constexpr std::uint16_t https_default_port = 443;
constexpr std::uint16_t http_default_port = 80;

// The path becomes the HTTP request target and the SigV4 canonical URI: a space, a control
// byte (CR, LF: request splitting) or a non-ASCII byte there cannot be sent as written.
bool is_path_char(char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte > 0x20 && byte < 0x7F;
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
        if (!std::all_of(parts.path.begin(), parts.path.end(), is_path_char)) {
            return std::nullopt;
        }
    }
    url_authority authority_parts;
    if (parse_url_authority(authority, authority_parts) != authority_error::none) {
        return std::nullopt;
    }
    if (authority_parts.port) {
        parts.port = *authority_parts.port;
    }
    parts.host = std::string(authority_parts.host);
    return parts;
}

} // namespace glue_inventory::endpoints
