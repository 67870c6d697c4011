// Where a connection goes: (scheme, host, port), the key of the connection pool.
#pragma once

#include <cstdint>
#include <string>

namespace glue_inventory::http {

struct origin {
    bool tls = true; // https; false for http (local emulators)
    std::string host;
    std::uint16_t port = 443;

    bool operator==(const origin&) const = default;

    /// The Host header value: the port appears only when it is not the scheme's default.
    /// An IPv6 literal gets its brackets back.
    std::string host_header() const {
        const bool default_port = tls ? port == 443 : port == 80;
        const std::string name = host.find(':') != std::string::npos ? "[" + host + "]" : host;
        return default_port ? name : name + ":" + std::to_string(port);
    }
};

struct origin_hash {
    std::size_t operator()(const origin& o) const noexcept {
        return std::hash<std::string>{}(o.host) ^ (std::size_t{o.port} << 1) ^ (o.tls ? 1u : 0u);
    }
};

} // namespace glue_inventory::http
