// The limits of the HTTP layer. Every field has a unit, a default and says what zero means.
#pragma once

#include <chrono>
#include <cstddef>
#include <glue_inventory/export.hpp>
#include <string>

namespace glue_inventory {

struct http_options {
    /// Time to open a TCP connection (DNS excluded). Zero is not allowed.
    std::chrono::milliseconds connect_timeout{5'000};
    /// Time for the TLS handshake. Zero is not allowed.
    std::chrono::milliseconds tls_handshake_timeout{5'000};
    /// Time for one request: writing it and reading the whole response. Zero is not allowed.
    std::chrono::milliseconds request_timeout{30'000};
    /// An idle pooled connection idle this long is closed instead of reused (AWS front ends
    /// drop idle connections after about a minute). Zero: never reused. Not negative.
    std::chrono::milliseconds idle_ttl{30'000};
    /// How long a DNS answer is reused. Zero: every new connection resolves. Not negative.
    std::chrono::milliseconds dns_ttl{60'000};
    /// How long a new TLS connection waits, while the first connection to its origin is on its
    /// first exchange, for the session that exchange brings (TLS 1.3 tickets come with the first
    /// answer), to resume it rather than pay a full handshake (decoding and verifying the
    /// server's certificates is most of a handshake's cost). Zero: never wait. Not negative.
    std::chrono::milliseconds session_wait{1'000};
    /// Connections open to one (scheme, host, port) at most; callers beyond wait in a queue.
    /// At least 1.
    std::size_t max_connections_per_host = 256;
    /// Connections open in all at most; callers beyond wait in a queue. At least 1. Both limits
    /// are lowered to the process's descriptor limit (`ulimit -n`) less 32, read when the client
    /// is made, so that a high concurrency queues instead of running out of descriptors. An open
    /// TLS connection, busy or idle in the pool, keeps its ~35 kB of TLS record buffers (kept
    /// rather than allocated again for every request).
    std::size_t max_connections = 1024;
    /// The largest response body accepted (bytes); a larger one fails with errc::body_too_large.
    /// At least 1.
    std::size_t max_body_bytes = 64 * 1024 * 1024;
    /// PEM file of trusted CAs that replaces the system store (AWS_CA_BUNDLE, --ca-bundle).
    /// Empty: the system store.
    std::string ca_bundle;
};

/// What is wrong with `o`: the first field outside its documented range, named with its value
/// ("http_options::max_connections_per_host must be at least 1 (got 0)"). Empty when every field
/// is in range. The client's constructor throws it (boost::system::system_error with
/// errc::invalid_argument).
GLUE_INVENTORY_API std::string options_error(const http_options& o);

} // namespace glue_inventory
