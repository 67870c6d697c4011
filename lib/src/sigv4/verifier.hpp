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

/// nullopt when the header is not a well-formed SigV4 Authorization header: another algorithm,
/// a missing or repeated component, a credential scope without five parts ending in
/// "aws4_request", signed headers not in lower case or not sorted, or a signature that is not
/// 64 lower-case hex digits.
std::optional<parsed_authorization> parse_authorization(std::string_view header_value);

enum class verdict {
    ok,
    malformed,             // "host" is not among the signed headers
    signed_header_missing, // a header named in SignedHeaders is not in the request
    scope_mismatch,        // the credential scope's date, region or service is not the expected
    signature_mismatch,    // the request, the secret or the time differ from what was signed
};

/// The verdict's name ("ok", "signature_mismatch", ...), for logs and error messages.
std::string_view to_string(verdict v) noexcept;

/// Recomputes the signature over the headers the client listed in SignedHeaders (taken from
/// `req.headers`, the request's headers as received, in order) and compares in constant time.
/// `secret_access_key` is the secret of auth.access_key_id. `expected` is where the server
/// runs (its region and service) and the request's X-Amz-Date, which the caller parsed
/// (parse_amz_date) and checked against its clock. The path is normalised, as for every
/// service but S3.
verdict verify(const parsed_authorization& auth, const request_ref& req,
               std::string_view secret_access_key, const scope& expected);

} // namespace glue_inventory::sigv4
