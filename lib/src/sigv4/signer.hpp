// AWS Signature Version 4, header variant, as pure functions: no clock, no I/O.
// The time is an argument; the caller reads the clock.
#pragma once

#include "sigv4/amz_date.hpp"
#include "sigv4/crypto.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace glue_inventory::sigv4 {

/// The identity that signs. Views: the caller keeps the strings alive during the call.
/// session_token is empty for long-term credentials.
struct credentials_ref {
    std::string_view access_key_id;
    std::string_view secret_access_key;
    std::string_view session_token;
};

/// One header as it will be sent (name in any case, value untrimmed).
struct header_ref {
    std::string_view name;
    std::string_view value;
};

/// The parts of an HTTP request that SigV4 covers.
struct request_ref {
    std::string_view method;             // "POST"
    std::string_view path;               // "/": as sent on the wire, before normalisation
    std::string_view query;              // without '?', may be empty
    std::span<const header_ref> headers; // must include Host; X-Amz-Date is added by sign()
    std::string_view payload;            // the body bytes
};

/// Where and when the request is signed.
struct scope {
    std::string_view region;       // "us-east-1"
    std::string_view service;      // "glue", "sts", "organizations"
    std::chrono::sys_seconds time; // the request time (X-Amz-Date)
};

struct options {
    /// Resolve "." and ".." segments and empty segments in the path before signing. Every
    /// service but S3 expects it.
    bool normalize_path = true;
    /// Sign without the session token: sign() still returns it, and the caller sends it
    /// unsigned (the suite's "post-sts-header-after" case). Off for every real service.
    bool omit_session_token = false;
    /// Add x-amz-content-sha256 (the payload's hash) as a signed header. S3 needs it; Glue, STS
    /// and Organizations do not, so it is off: one header less to hash and send.
    bool sign_body = false;
};

/// A derived signing key: HMAC chain of the secret over date, region, service, "aws4_request".
using signing_key = std::array<std::uint8_t, 32>;

/// The headers sign() produces; the caller adds the non-empty ones to the request it sends.
struct signature_headers {
    std::string x_amz_date; // "20150830T123600Z"
    /// credentials_ref::session_token itself (a view: no copy of the secret), empty when the
    /// credentials have none.
    std::string_view x_amz_security_token;
    std::string x_amz_content_sha256; // empty unless options::sign_body
    std::string
        authorization; // "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=..."
};

// Each step of the algorithm, exposed because the official suite checks each one.

/// The canonical request of `req` with the headers sign() adds (X-Amz-Date, the session token
/// unless omitted, x-amz-content-sha256 with options::sign_body). Every header of `req` is
/// signed: pass only the ones that must not change in transit (not User-Agent, which proxies
/// rewrite), and neither X-Amz-Date nor X-Amz-Security-Token.
std::string canonical_request(const request_ref& req, const scope& sc, const credentials_ref& creds,
                              const options& opt = {});

/// "AWS4-HMAC-SHA256\n<X-Amz-Date>\n<date>/<region>/<service>/aws4_request\n<hex SHA-256>".
std::string string_to_sign(std::string_view canonical_request, const scope& sc);

/// The signing key for the scope's date, region and service (four HMACs: derive once a day and
/// reuse, see signing_key_cache).
signing_key derive_signing_key(std::string_view secret_access_key, const scope& sc);

/// Lower-case hex HMAC-SHA256 of the string to sign under the signing key.
std::string signature_hex(const signing_key& key, std::string_view string_to_sign);

/// The whole algorithm, with a key the caller derived (or took from a signing_key_cache).
signature_headers sign(const request_ref& req, const scope& sc, const credentials_ref& creds,
                       const signing_key& key, const options& opt = {});

/// sign() into `out`, every field replaced, reusing its strings' storage: a caller that signs
/// request after request keeps one and allocates nothing once it has grown.
void sign(const request_ref& req, const scope& sc, const credentials_ref& creds,
          const signing_key& key, signature_headers& out, const options& opt = {});

} // namespace glue_inventory::sigv4
