#include "audit/ip_class.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <cstdint>
#include <cstring>

namespace glue_inventory::audit::detail {

namespace {

// INET6_ADDRSTRLEN plus a zone: longer text cannot be a literal.
constexpr std::size_t max_literal = 64;

ip_class classify_v4(const std::uint8_t* a) {
    if (a[0] == 10 || (a[0] == 172 && (a[1] & 0xF0U) == 16) || (a[0] == 192 && a[1] == 168)) {
        return ip_class::private_;
    }
    if (a[0] == 100 && (a[1] & 0xC0U) == 64) {
        return ip_class::cgnat;
    }
    if (a[0] == 127) {
        return ip_class::loopback;
    }
    if (a[0] == 169 && a[1] == 254) {
        return ip_class::link_local;
    }
    if (a[0] == 0) {
        return ip_class::unspecified;
    }
    return ip_class::public_;
}

ip_class classify_v6(const std::uint8_t* a) {
    static constexpr std::array<std::uint8_t, 12> mapped_prefix = {0, 0, 0, 0, 0,    0,
                                                                   0, 0, 0, 0, 0xFF, 0xFF};
    if (std::memcmp(a, mapped_prefix.data(), mapped_prefix.size()) == 0) {
        return classify_v4(a + 12);
    }
    bool zero_prefix = true;
    for (int i = 0; i < 15; ++i) {
        zero_prefix = zero_prefix && a[i] == 0;
    }
    if (zero_prefix && a[15] == 1) {
        return ip_class::loopback;
    }
    if (zero_prefix && a[15] == 0) {
        return ip_class::unspecified;
    }
    if ((a[0] & 0xFEU) == 0xFC) {
        return ip_class::unique_local;
    }
    if (a[0] == 0xFE && (a[1] & 0xC0U) == 0x80) {
        return ip_class::link_local;
    }
    return ip_class::public_;
}

} // namespace

std::string_view to_string(ip_class c) {
    switch (c) {
    case ip_class::not_an_ip:
        return "not_an_ip";
    case ip_class::public_:
        return "public";
    case ip_class::private_:
        return "private";
    case ip_class::cgnat:
        return "cgnat";
    case ip_class::loopback:
        return "loopback";
    case ip_class::link_local:
        return "link_local";
    case ip_class::unspecified:
        return "unspecified";
    case ip_class::unique_local:
        break;
    }
    return "unique_local";
}

ip_class classify_ip(std::string_view host) {
    bool bracketed = false;
    if (!host.empty() && host.front() == '[') {
        const auto close = host.find(']');
        if (close == std::string_view::npos) {
            return ip_class::not_an_ip;
        }
        host = host.substr(1, close - 1);
        bracketed = true;
    }
    const auto colons = static_cast<std::size_t>(std::count(host.begin(), host.end(), ':'));
    if (!bracketed && colons == 1) {
        host = host.substr(0, host.find(':')); // IPv4 or name with a port
    }
    if (const auto zone = host.find('%'); zone != std::string_view::npos && colons > 1) {
        host = host.substr(0, zone);
    }
    if (host.empty() || host.size() >= max_literal) {
        return ip_class::not_an_ip;
    }
    std::array<char, max_literal> text{};
    std::memcpy(text.data(), host.data(), host.size());
    std::array<std::uint8_t, 16> bytes{};
    if (host.find(':') == std::string_view::npos) {
        return inet_pton(AF_INET, text.data(), bytes.data()) == 1 ? classify_v4(bytes.data())
                                                                  : ip_class::not_an_ip;
    }
    return inet_pton(AF_INET6, text.data(), bytes.data()) == 1 ? classify_v6(bytes.data())
                                                               : ip_class::not_an_ip;
}

} // namespace glue_inventory::audit::detail
