// The server's side of SigV4, for glue-sim: parse an Authorization header and check it.
#pragma once

#include "sigv4/signer.hpp"

#include <optional>
#include <string>
#include <vector>

namespace glue_inventory::sigv4 {

/// "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request,
///  SignedHeaders=host;x-amz-date, Signature=hex" taken apart.
struct parsed_authorization {
    std::string access_key_id;
    std::string date; // yyyymmdd of the credential scope
    std::string region;
    std::string service;
    std::vector<std::string> signed_headers; // lower case, in the header's order
    std::string signature;                   // 64 lower-case hex digits
};

/// nullopt when the header is not a well-formed SigV4 Authorization header.
std::optional<parsed_authorization> parse_authorization(std::string_view header_value);

enum class verdict { ok, malformed, signed_header_missing, scope_mismatch, signature_mismatch };

/// Recomputes the signature over the headers the client listed in SignedHeaders (taken from
/// `all_headers`) and compares in constant time. `secret_access_key` is the secret of
/// auth.access_key_id; `time` is the request's X-Amz-Date.
verdict verify(const parsed_authorization& auth, std::string_view method, std::string_view path,
               std::string_view query, std::span<const header_ref> all_headers,
               std::string_view payload, std::string_view secret_access_key,
               std::chrono::sys_seconds time);

} // namespace glue_inventory::sigv4
