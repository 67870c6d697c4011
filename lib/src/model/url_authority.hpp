// The authority of an absolute http(s) URL ("host", "host:port", "[v6]", "[v6]:port"), split
// once for both readers of URLs: endpoint URLs (endpoints/parse_url) and the credential
// sources' URIs (credentials/http_uri). Each maps the error to its own words. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace glue_inventory {

enum class authority_error {
    none,
    user_info,      // "user:pass@host": credentials in a URL are never accepted
    ipv6_unclosed,  // "[::1"
    after_ipv6,     // "[::1]x"
    ipv6_malformed, // a character that is not hex, ':' or '.'
    host_malformed, // a character outside letters, digits, '-', '.', '_'
    no_host,        // empty
    bad_port,       // not a number from 1 to 65535
};

struct url_authority {
    std::string_view host; // without the brackets of an IPv6 address
    bool host_is_ipv6 = false;
    std::optional<std::uint16_t> port; // when written
};

/// Splits `text` (the part between "scheme://" and the path) into `out`. Checks, in this
/// order: user info, the IPv6 brackets, the host's characters, an empty host, the port.
authority_error parse_url_authority(std::string_view text, url_authority& out);

} // namespace glue_inventory
