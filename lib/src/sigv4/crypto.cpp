#include "sigv4/crypto.hpp"

#include <algorithm>
#include <memory>
#include <openssl/crypto.h>
#include <openssl/evp.h>
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

struct md_ctx_deleter {
    void operator()(EVP_MD_CTX* ctx) const noexcept { EVP_MD_CTX_free(ctx); }
};

/// One digest context per thread, reused by every hash the thread makes: a context made and
/// freed per hash costs two allocations, and signing a request makes three hashes (payload,
/// canonical request, HMAC). Each use initialises it anew, so nothing carries over.
EVP_MD_CTX* thread_md_ctx() {
    thread_local const std::unique_ptr<EVP_MD_CTX, md_ctx_deleter> ctx{EVP_MD_CTX_new()};
    if (!ctx) {
        throw std::runtime_error("OpenSSL could not make a digest context");
    }
    return ctx.get();
}

/// SHA-256's block size: HMAC pads its key to it.
constexpr std::size_t sha256_block_size = 64;

constexpr std::string_view hex_digits = "0123456789abcdef";

} // namespace

digest sha256(std::string_view data) {
    digest out{};
    unsigned int length = 0;
    EVP_MD_CTX* ctx = thread_md_ctx();
    if (EVP_DigestInit_ex2(ctx, sha256_algorithm(), nullptr) != 1 ||
        EVP_DigestUpdate(ctx, data.data(), data.size()) != 1 ||
        EVP_DigestFinal_ex(ctx, out.data(), &length) != 1 || length != out.size()) {
        throw std::runtime_error("SHA-256 failed in OpenSSL");
    }
    return out;
}

// HMAC (RFC 2104) over EVP digests with one reused context. OpenSSL 3's EVP_MAC costs about
// 1.4 us per call here (a context, a digest fetched by name and three digest contexts), as much
// as the rest of signing a request; this costs two SHA-256 runs. The suite and the AWS
// documentation's key-derivation example check it.
digest hmac_sha256(std::span<const std::uint8_t> key, std::string_view data) {
    std::array<std::uint8_t, sha256_block_size> pad{};
    if (key.size() > pad.size()) {
        const digest hashed = sha256({reinterpret_cast<const char*>(key.data()), key.size()});
        std::copy(hashed.begin(), hashed.end(), pad.begin());
    } else {
        std::copy(key.begin(), key.end(), pad.begin());
    }
    for (std::uint8_t& b : pad) {
        b ^= 0x36U; // ipad
    }
    EVP_MD_CTX* ctx = thread_md_ctx();
    digest inner{};
    digest out{};
    unsigned int inner_length = 0;
    unsigned int out_length = 0;
    bool ok = EVP_DigestInit_ex2(ctx, sha256_algorithm(), nullptr) == 1 &&
              EVP_DigestUpdate(ctx, pad.data(), pad.size()) == 1 &&
              EVP_DigestUpdate(ctx, data.data(), data.size()) == 1 &&
              EVP_DigestFinal_ex(ctx, inner.data(), &inner_length) == 1;
    for (std::uint8_t& b : pad) {
        b ^= 0x36U ^ 0x5cU; // from ipad to opad
    }
    ok = ok && EVP_DigestInit_ex2(ctx, sha256_algorithm(), nullptr) == 1 &&
         EVP_DigestUpdate(ctx, pad.data(), pad.size()) == 1 &&
         EVP_DigestUpdate(ctx, inner.data(), inner.size()) == 1 &&
         EVP_DigestFinal_ex(ctx, out.data(), &out_length) == 1;
    // The padded key is as secret as the key.
    OPENSSL_cleanse(pad.data(), pad.size());
    OPENSSL_cleanse(inner.data(), inner.size());
    if (!ok || out_length != out.size()) {
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
