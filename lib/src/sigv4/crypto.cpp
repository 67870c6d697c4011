#include "sigv4/crypto.hpp"

#include <memory>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <stdexcept>

namespace glue_inventory::sigv4 {

namespace {

// Algorithms are fetched once: OpenSSL 3 would otherwise look them up by name on every call,
// which costs more than hashing a whole request. The fetched objects are immutable and may be
// shared by threads; they live until exit.
const EVP_MD* sha256_algorithm() {
    static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (md == nullptr) {
        throw std::runtime_error("OpenSSL provides no SHA256 digest");
    }
    return md;
}

EVP_MAC* hmac_algorithm() {
    static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (mac == nullptr) {
        throw std::runtime_error("OpenSSL provides no HMAC");
    }
    return mac;
}

struct mac_ctx_deleter {
    void operator()(EVP_MAC_CTX* ctx) const noexcept { EVP_MAC_CTX_free(ctx); }
};

constexpr std::string_view hex_digits = "0123456789abcdef";

} // namespace

digest sha256(std::string_view data) {
    digest out{};
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), out.data(), &length, sha256_algorithm(), nullptr) !=
            1 ||
        length != out.size()) {
        throw std::runtime_error("SHA-256 failed in OpenSSL");
    }
    return out;
}

digest hmac_sha256(std::span<const std::uint8_t> key, std::string_view data) {
    std::unique_ptr<EVP_MAC_CTX, mac_ctx_deleter> ctx{EVP_MAC_CTX_new(hmac_algorithm())};
    // The digest is named by a fetched object's name: OSSL_PARAM wants a mutable char*.
    char digest_name[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
        OSSL_PARAM_construct_end()};
    digest out{};
    std::size_t length = 0;
    if (!ctx || EVP_MAC_init(ctx.get(), key.data(), key.size(), params) != 1 ||
        EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char*>(data.data()),
                       data.size()) != 1 ||
        EVP_MAC_final(ctx.get(), out.data(), &length, out.size()) != 1 || length != out.size()) {
        throw std::runtime_error("HMAC-SHA256 failed in OpenSSL");
    }
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
