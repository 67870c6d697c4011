// Before any OpenSSL header: see sha256_of().
#define OPENSSL_SUPPRESS_DEPRECATED

#include "sigv4/crypto.hpp"

#include <algorithm>
#include <array>
#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <stdexcept>

namespace glue_inventory::sigv4 {

namespace {

/// SHA-256's block size: HMAC pads its key to it.
constexpr std::size_t sha256_block_size = 64;

constexpr std::string_view hex_digits = "0123456789abcdef";

/// SHA-256 over the concatenation of `parts`, with OpenSSL's SHA256_* functions: the same block
/// code as EVP (SHA-NI where the CPU has it) without EVP's per-hash costs. OpenSSL 3 deprecates
/// them in favour of EVP, whose every EVP_DigestInit_ex2 allocates and frees a provider context,
/// looks its parameters up by name and dispatches through the provider: ~1,000 instructions a
/// hash (callgrind, W5) beside a block's few dozen with SHA-NI, and signing a request makes
/// five. They remain in OpenSSL 3 (only a build configured with no-deprecated drops them).
template <std::size_t N>
digest sha256_of(const std::array<std::string_view, N>& parts) {
    SHA256_CTX ctx;
    digest out{};
    bool ok = SHA256_Init(&ctx) == 1;
    for (const std::string_view part : parts) {
        ok = ok && SHA256_Update(&ctx, part.data(), part.size()) == 1;
    }
    ok = ok && SHA256_Final(out.data(), &ctx) == 1;
    // The state holds what was hashed (the HMAC's padded key among it).
    OPENSSL_cleanse(&ctx, sizeof ctx);
    if (!ok) {
        throw std::runtime_error("SHA-256 failed in OpenSSL");
    }
    return out;
}

std::string_view bytes_of(std::span<const std::uint8_t> b) {
    return {reinterpret_cast<const char*>(b.data()), b.size()};
}

} // namespace

digest sha256(std::string_view data) {
    return sha256_of(std::array{data});
}

// HMAC (RFC 2104) over two SHA-256 runs. OpenSSL 3's EVP_MAC costs about 1.4 us per call here
// (a context, a digest fetched by name and three digest contexts), as much as the rest of
// signing a request. The suite and the AWS documentation's key-derivation example check it.
digest hmac_sha256(std::span<const std::uint8_t> key, std::string_view data) {
    std::array<std::uint8_t, sha256_block_size> pad{};
    if (key.size() > pad.size()) {
        const digest hashed = sha256(bytes_of(key));
        std::copy(hashed.begin(), hashed.end(), pad.begin());
    } else {
        std::copy(key.begin(), key.end(), pad.begin());
    }
    for (std::uint8_t& b : pad) {
        b ^= 0x36U; // ipad
    }
    digest inner = sha256_of(std::array{bytes_of(pad), data});
    for (std::uint8_t& b : pad) {
        b ^= 0x36U ^ 0x5cU; // from ipad to opad
    }
    const digest out = sha256_of(std::array{bytes_of(pad), bytes_of(inner)});
    // The padded key is as secret as the key.
    OPENSSL_cleanse(pad.data(), pad.size());
    OPENSSL_cleanse(inner.data(), inner.size());
    return out;
}

void append_hex(std::string& out, std::span<const std::uint8_t> bytes) {
    const std::size_t start = out.size();
    out.resize(start + 2 * bytes.size());
    char* p = out.data() + start;
    for (const std::uint8_t b : bytes) {
        *p++ = hex_digits[b >> 4U];
        *p++ = hex_digits[b & 0x0fU];
    }
}

std::string hex_encode(std::span<const std::uint8_t> bytes) {
    std::string out;
    append_hex(out, bytes);
    return out;
}

std::string sha256_hex(std::string_view data) {
    return hex_encode(sha256(data));
}

bool constant_time_equal(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace glue_inventory::sigv4
