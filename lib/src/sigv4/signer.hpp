// AWS Signature Version 4, header variant, as pure functions: no clock, no I/O.
// The time is an argument; the caller reads the clock.
#pragma once

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
    std::string_view path;               // "/" ; raw, before normalisation
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
    bool normalize_path = true; // S3 is the only service that signs paths as they are
    bool omit_session_token =
        false; // sign without the token, add it after (the "sts-header-after" case)
};

/// A derived signing key: HMAC chain of the secret over date, region, service, "aws4_request".
using signing_key = std::array<std::uint8_t, 32>;

/// The headers sign() produces; the caller adds them to the request it sends.
struct signature_headers {
    std::string x_amz_date;           // "20150830T123600Z"
    std::string x_amz_security_token; // empty when the credentials have no session token
    std::string
        authorization; // "AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=..."
};

// Each step of the algorithm, exposed because the official suite checks each one.
std::string canonical_request(const request_ref& req, const scope& sc, const credentials_ref& creds,
                              const options& opt = {});
std::string string_to_sign(std::string_view canonical_request, const scope& sc);
signing_key derive_signing_key(std::string_view secret_access_key, const scope& sc);
std::string signature_hex(const signing_key& key, std::string_view string_to_sign);

/// The whole algorithm, with a key the caller derived (or took from a signing_key_cache).
signature_headers sign(const request_ref& req, const scope& sc, const credentials_ref& creds,
                       const signing_key& key, const options& opt = {});

} // namespace glue_inventory::sigv4
