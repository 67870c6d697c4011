// IP literal classification for GLUE-010 (data store at a public IP). Only literals: a host name
// is never resolved, so that an audit is deterministic and offline.
#pragma once

#include <string_view>

namespace glue_inventory::audit::detail {

enum class ip_class {
    not_an_ip,    // a host name (or anything that is not an IPv4/IPv6 literal)
    public_,      // outside every range below
    private_,     // 10/8, 172.16/12, 192.168/16
    cgnat,        // 100.64/10 (carrier-grade NAT, RFC 6598)
    loopback,     // 127/8, ::1
    link_local,   // 169.254/16, fe80::/10
    unspecified,  // 0/8, ::
    unique_local, // fc00::/7
};

/// "not_an_ip", "public", "private", "cgnat", "loopback", "link_local", "unspecified",
/// "unique_local".
std::string_view to_string(ip_class c);

/// The class of `host`: an IPv4 dotted quad or an IPv6 literal, with or without brackets, with
/// or without a ":port" (IPv6 with a port only in brackets) and an IPv6 zone ("%eth0").
/// IPv4-mapped IPv6 (::ffff:a.b.c.d) is classified as its IPv4 address.
ip_class classify_ip(std::string_view host);

} // namespace glue_inventory::audit::detail
