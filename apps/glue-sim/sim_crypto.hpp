// Small crypto helpers of glue-sim: HMAC-SHA256, random bytes, base64url, hex, a fast
// non-cryptographic hash for deterministic data generation.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace glue_sim {

using digest = std::array<std::uint8_t, 32>;

digest hmac_sha256(std::string_view key, std::string_view data);

/// Cryptographically random bytes (server keys, temporary access key ids).
std::string random_bytes(std::size_t n);

/// RFC 4648 base64url without padding.
std::string base64url_encode(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);

/// Lower-case hex.
std::string hex(std::string_view bytes);

/// Constant-time comparison (MACs, signatures).
bool equal_constant_time(std::string_view a, std::string_view b);

/// splitmix64: one step of a tiny, good-enough PRNG; also a 64-bit mixer.
constexpr std::uint64_t mix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30U)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27U)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31U);
}

/// FNV-1a over `s`, starting from `h`: combines strings into a seed.
constexpr std::uint64_t hash_string(std::string_view s, std::uint64_t h = 0xcbf29ce484222325ULL) {
    for (char c : s) {
        h ^= static_cast<std::uint8_t>(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

} // namespace glue_sim
