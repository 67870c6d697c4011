#include "http_uri.hpp"

#include "model/ascii.hpp"
#include "model/url_authority.hpp"

namespace glue_inventory::creds {
namespace {

constexpr std::uint16_t http_port = 80;
constexpr std::uint16_t https_port = 443;

// RFC 3986's characters, and '%' for escapes; anything else (a blank, a control character, a
// quote) makes the text no URI at all.
bool is_uri_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("-._~:/?#[]@!$&'()*+,;=%").find(c) != std::string_view::npos;
}

} // namespace

std::string http_uri::origin() const {
    std::string out = scheme + "://";
    out += host_is_ipv6 ? "[" + host + "]" : host;
    if (explicit_port) {
        out += ':' + std::to_string(port);
    }
    return out;
}

std::string http_uri::text() const {
    return target == "/" ? origin() : origin() + target;
}

config_result<http_uri> parse_http_uri(std::string_view text, std::string_view what) {
    auto fail = [&](std::string_view why) {
        return config_error{std::string(what) + ": " + std::string(why)};
    };
    for (char c : text) {
        if (!is_uri_char(c)) {
            return fail("invalid uri character");
        }
    }
    constexpr std::string_view separator = "://";
    const std::size_t scheme_end = text.find(separator);
    if (scheme_end == std::string_view::npos) {
        return fail("URI did not specify a host");
    }
    http_uri uri;
    uri.scheme = ascii_lower(text.substr(0, scheme_end));
    if (uri.scheme == "http") {
        uri.port = http_port;
    } else if (uri.scheme == "https") {
        uri.port = https_port;
    } else {
        return fail("the scheme must be http or https");
    }
    std::string_view rest = text.substr(scheme_end + separator.size());
    if (rest.find('#') != std::string_view::npos) {
        return fail("a URI with a fragment is not accepted");
    }
    const std::size_t authority_end = rest.find_first_of("/?");
    std::string_view authority = rest.substr(0, authority_end);
    if (authority_end != std::string_view::npos) {
        uri.target = std::string(rest.substr(authority_end));
        if (uri.target.front() == '?') {
            uri.target.insert(0, "/");
        }
    }
    url_authority parts;
    switch (parse_url_authority(authority, parts)) {
    case authority_error::none:
        break;
    case authority_error::user_info:
        return fail("a URI with user info is not accepted");
    case authority_error::ipv6_unclosed:
        return fail("an IPv6 host has no closing ']'");
    case authority_error::after_ipv6:
        return fail("unexpected text after the IPv6 host");
    case authority_error::ipv6_malformed:
        return fail("the IPv6 host is malformed");
    case authority_error::host_malformed:
        return fail("the host name is malformed");
    case authority_error::no_host:
        return fail("URI did not specify a host");
    case authority_error::bad_port:
        return fail("the port is not a number from 1 to 65535");
    }
    uri.host = ascii_lower(parts.host);
    uri.host_is_ipv6 = parts.host_is_ipv6;
    if (parts.port) {
        uri.port = *parts.port;
        uri.explicit_port = true;
    }
    return uri;
}

} // namespace glue_inventory::creds
