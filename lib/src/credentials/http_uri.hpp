// The absolute http(s) URIs the credential sources are configured with
// (AWS_EC2_METADATA_SERVICE_ENDPOINT, AWS_CONTAINER_CREDENTIALS_FULL_URI): split into the
// origin the I/O layer connects to and the request target. Unlike an endpoint URL, a
// container URI may carry a query ("/credentials?a=1"), which is kept.
#pragma once

#include "config_error.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace glue_inventory::creds {

struct http_uri {
    std::string scheme; // "http" or "https", lower-case
    std::string host;   // a name, an IPv4 address, or an IPv6 address without brackets
    bool host_is_ipv6 = false;
    std::uint16_t port = 0; // the explicit port, else 80 or 443
    bool explicit_port = false;
    std::string target = "/"; // path and query, at least "/"

    /// "http://host[:port]" as written back (IPv6 in brackets, the port when explicit).
    std::string origin() const;
    /// origin() + target, except that a bare "/" target is left out ("http://host").
    std::string text() const;
};

/// Parses an absolute http or https URI. Errors (each sentence starts with `what`):
/// "invalid uri character" for blanks and control characters, "URI did not specify a host" for
/// a relative reference ("/credentials") or an empty host, a scheme other than http/https, user
/// info, a fragment, a bad port.
config_result<http_uri> parse_http_uri(std::string_view text, std::string_view what);

} // namespace glue_inventory::creds
