// The hashing SigV4 needs (SHA-256, HMAC-SHA256), hex encoding and a constant-time compare,
// over OpenSSL 3 EVP. Other components use sha256_hex and hex_encode too.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace glue_inventory::sigv4 {

/// A SHA-256 or HMAC-SHA256 result.
using digest = std::array<std::uint8_t, 32>;

/// SHA-256 of `data`.
digest sha256(std::string_view data);

/// HMAC-SHA256 of `data` under `key`.
digest hmac_sha256(std::span<const std::uint8_t> key, std::string_view data);

/// Lower-case hex of `bytes`, appended to `out`.
void append_hex(std::string& out, std::span<const std::uint8_t> bytes);

/// Lower-case hex of `bytes`.
std::string hex_encode(std::span<const std::uint8_t> bytes);

/// Lower-case hex of the SHA-256 of `data` (64 characters): SigV4's payload hash.
std::string sha256_hex(std::string_view data);

/// True when a and b are equal; the time taken depends only on their lengths, so a forged
/// signature cannot be guessed byte by byte from response times.
bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

} // namespace glue_inventory::sigv4
