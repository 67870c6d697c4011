// The bytes of one signed AWS request: SigV4 over (Host, Content-Type, X-Amz-Target, body) at a
// given time, then the HTTP/1.1 request text. No I/O and no clock read: the caller passes the
// signing time (its clock plus the endpoint's learnt offset).
#pragma once

#include "sigv4/signing_key_cache.hpp"

#include <chrono>
#include <glue_inventory/client.hpp>
#include <memory>
#include <string>
#include <string_view>

namespace glue_inventory::client_detail {

/// Where a request goes and what it carries; views that outlive build_request().
struct request_parts {
    std::string_view host_header;    // "host" or "host:port"
    std::string_view path;           // "/" at least
    std::string_view signing_region; // the endpoint's
    std::string_view signing_name;   // the endpoint's service name for SigV4
    std::string_view content_type;
    std::string_view amz_target; // empty: no X-Amz-Target (the query protocol)
    std::string_view body;
    std::string_view user_agent;
};

/// Replaces `out` with the request, signed with `creds` at `when` (the derived key comes from
/// `keys`; `creds_owner`, when `creds` are a shared immutable object such as the client's cached
/// credentials, lets `keys` find it without hashing the secret). False when a header value would
/// carry a line break or another control character (from the credentials or the user agent):
/// nothing may be sent then.
bool build_request(const request_parts& parts, const credentials& creds,
                   std::chrono::sys_seconds when, sigv4::signing_key_cache& keys, std::string& out,
                   const std::shared_ptr<const void>& creds_owner = nullptr);

} // namespace glue_inventory::client_detail
