#include "sigv4/signer.hpp"

#include "sigv4/amz_date_format.hpp"
#include "sigv4/canonical_request.hpp"

#include <algorithm>
#include <array>
#include <openssl/crypto.h>
#include <vector>

namespace glue_inventory::sigv4 {

namespace {

constexpr std::string_view algorithm = "AWS4-HMAC-SHA256";
constexpr std::string_view scope_terminator = "aws4_request";

/// Requests with up to this many headers (the caller's plus the ones sign() adds) are gathered
/// on the stack; larger ones use the heap.
constexpr std::size_t inline_header_capacity = 16;

/// The hex of a SHA-256, without a heap allocation.
using hex_digest = std::array<char, 64>;

hex_digest hex_of(const digest& bytes) {
    constexpr std::string_view hex_digits = "0123456789abcdef";
    hex_digest out{};
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        out[2 * i] = hex_digits[bytes[i] >> 4U];
        out[2 * i + 1] = hex_digits[bytes[i] & 0x0fU];
    }
    return out;
}

std::string_view view(const hex_digest& hex) {
    return {hex.data(), hex.size()};
}

/// "20150830/us-east-1/glue/aws4_request"
void append_credential_scope(std::string& out, std::string_view amz_date, const scope& sc) {
    out += amz_date.substr(0, detail::date_stamp_length);
    out.push_back('/');
    out += sc.region;
    out.push_back('/');
    out += sc.service;
    out.push_back('/');
    out += scope_terminator;
}

void append_string_to_sign(std::string& out, std::string_view canonical, std::string_view amz_date,
                           const scope& sc) {
    out += algorithm;
    out.push_back('\n');
    out += amz_date;
    out.push_back('\n');
    append_credential_scope(out, amz_date, sc);
    out.push_back('\n');
    out += view(hex_of(sha256(canonical)));
}

/// Everything the canonical request of sign() is made of, gathered once.
class signing_input {
public:
    signing_input(const request_ref& req, const scope& sc, const credentials_ref& creds,
                  const options& opt)
        : amz_date_{detail::format_amz_date(sc.time)}, payload_hash_{hex_of(sha256(req.payload))} {
        const std::size_t count = req.headers.size() + 3;
        if (count > inline_headers_.size()) {
            heap_headers_.reserve(count);
        }
        for (const header_ref& h : req.headers) {
            add(h);
        }
        add({"x-amz-date", amz_date()});
        if (!creds.session_token.empty() && !opt.omit_session_token) {
            add({"x-amz-security-token", creds.session_token});
        }
        if (opt.sign_body) {
            add({"x-amz-content-sha256", payload_hash()});
        }
    }

    std::string_view amz_date() const { return {amz_date_.data(), amz_date_.size()}; }
    std::string_view payload_hash() const { return view(payload_hash_); }
    std::span<const header_ref> headers() const {
        if (!heap_headers_.empty()) {
            return heap_headers_;
        }
        return {inline_headers_.data(), inline_count_};
    }

    /// An upper bound of the canonical request's length, so it is built in one allocation.
    std::size_t canonical_size_hint(const request_ref& req) const {
        std::size_t size = req.method.size() + 3 * req.path.size() + 3 * req.query.size() + 96;
        for (const header_ref& h : headers()) {
            size += 2 * h.name.size() + h.value.size() + 3;
        }
        return size;
    }

private:
    void add(header_ref h) {
        if (heap_headers_.capacity() > 0) {
            heap_headers_.push_back(h);
        } else {
            inline_headers_[inline_count_++] = h;
        }
    }

    std::array<char, detail::amz_date_length> amz_date_;
    hex_digest payload_hash_;
    std::array<header_ref, inline_header_capacity> inline_headers_{};
    std::size_t inline_count_ = 0;
    std::vector<header_ref> heap_headers_;
};

} // namespace

std::string canonical_request(const request_ref& req, const scope& sc, const credentials_ref& creds,
                              const options& opt) {
    const signing_input input{req, sc, creds, opt};
    std::string out;
    out.reserve(input.canonical_size_hint(req));
    detail::append_canonical_request(out, req.method, req.path, req.query, input.headers(),
                                     input.payload_hash(), opt.normalize_path);
    return out;
}

std::string string_to_sign(std::string_view canonical_request, const scope& sc) {
    const auto date = detail::format_amz_date(sc.time);
    std::string out;
    out.reserve(algorithm.size() + date.size() + sc.region.size() + sc.service.size() + 96);
    append_string_to_sign(out, canonical_request, {date.data(), date.size()}, sc);
    return out;
}

signing_key derive_signing_key(std::string_view secret_access_key, const scope& sc) {
    const auto date = detail::format_amz_date(sc.time);
    std::string seed;
    seed.reserve(4 + secret_access_key.size());
    seed += "AWS4";
    seed += secret_access_key;
    const auto* seed_bytes = reinterpret_cast<const std::uint8_t*>(seed.data());
    digest key = hmac_sha256({seed_bytes, seed.size()},
                             std::string_view{date.data(), detail::date_stamp_length});
    // The copy of the secret does not outlive this function.
    OPENSSL_cleanse(seed.data(), seed.size());
    key = hmac_sha256(key, sc.region);
    key = hmac_sha256(key, sc.service);
    return hmac_sha256(key, scope_terminator);
}

std::string signature_hex(const signing_key& key, std::string_view string_to_sign) {
    return hex_encode(hmac_sha256(key, string_to_sign));
}

signature_headers sign(const request_ref& req, const scope& sc, const credentials_ref& creds,
                       const signing_key& key, const options& opt) {
    signature_headers out;
    sign(req, sc, creds, key, out, opt);
    return out;
}

void sign(const request_ref& req, const scope& sc, const credentials_ref& creds,
          const signing_key& key, signature_headers& out, const options& opt) {
    const signing_input input{req, sc, creds, opt};

    // Both texts live only within this call (no suspension point): one buffer of each per
    // thread, reused, instead of two allocations per request.
    thread_local std::string canonical;
    thread_local std::string to_sign;
    canonical.clear();
    to_sign.clear();
    canonical.reserve(input.canonical_size_hint(req));
    const auto signed_headers =
        detail::append_canonical_request(canonical, req.method, req.path, req.query,
                                         input.headers(), input.payload_hash(), opt.normalize_path);

    to_sign.reserve(algorithm.size() + sc.region.size() + sc.service.size() + 128);
    append_string_to_sign(to_sign, canonical, input.amz_date(), sc);
    const hex_digest signature = hex_of(hmac_sha256(key, to_sign));

    out.x_amz_date.assign(input.amz_date());
    out.x_amz_security_token = creds.session_token;
    out.x_amz_content_sha256.assign(opt.sign_body ? input.payload_hash() : std::string_view{});
    // The signed-headers list is read where the canonical request wrote it.
    const std::string_view signed_list{canonical.data() + signed_headers.offset,
                                       signed_headers.length};
    std::string& auth = out.authorization;
    auth.clear();
    auth.reserve(algorithm.size() + creds.access_key_id.size() + to_sign.size() +
                 signed_list.size() + 128);
    auth += algorithm;
    auth += " Credential=";
    auth += creds.access_key_id;
    auth.push_back('/');
    append_credential_scope(auth, input.amz_date(), sc);
    auth += ", SignedHeaders=";
    auth += signed_list;
    auth += ", Signature=";
    auth += view(signature);
}

} // namespace glue_inventory::sigv4
