// Internal: the canonical request of SigV4 (task 2 of the algorithm), shared by the signer and
// the verifier so both sides canonicalise the same way.
#pragma once

#include "sigv4/signer.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace glue_inventory::sigv4::detail {

/// Where the signed-headers list ("host;x-amz-date") sits inside an appended canonical request.
struct signed_headers_span {
    std::size_t offset = 0;
    std::size_t length = 0;
};

/// Appends the canonical request to `out`:
///   method \n canonical path \n canonical query \n canonical headers \n signed headers \n hash
/// `headers` may come in any order and case; every one of them is signed. Headers that share a
/// name (in any case) become one line, their values joined with ',' in the order given.
/// `path` is the path as sent on the wire; each byte outside the unreserved set is
/// percent-encoded again, as every service but S3 expects. With `normalize_path`, empty, "."
/// and ".." segments are resolved first.
signed_headers_span append_canonical_request(std::string& out, std::string_view method,
                                             std::string_view path, std::string_view query,
                                             std::span<const header_ref> headers,
                                             std::string_view payload_hash, bool normalize_path);

/// True when the two header names are equal ignoring ASCII case.
bool header_name_equal(std::string_view a, std::string_view b) noexcept;

} // namespace glue_inventory::sigv4::detail
