#include "client/request_builder.hpp"

#include "http/request_text.hpp"
#include "sigv4/signer.hpp"

#include <iterator>

namespace glue_inventory::client_detail {

bool build_request(const request_parts& parts, const credentials& creds,
                   std::chrono::sys_seconds when, sigv4::signing_key_cache& keys, std::string& out,
                   const std::shared_ptr<const void>& creds_owner) {
    const sigv4::scope scope{parts.signing_region, parts.signing_name, when};
    const sigv4::header_ref signed_headers[] = {{"host", parts.host_header},
                                                {"content-type", parts.content_type},
                                                {"x-amz-target", parts.amz_target}};
    const std::size_t n_signed = parts.amz_target.empty() ? 2 : 3;
    const auto key = keys.get(creds.secret_access_key, scope, creds_owner);
    // The headers are copied into `out` before this returns (no suspension point): one set per
    // thread, reused, instead of three allocations per request. The session token is not among
    // them (a view of `creds`).
    thread_local sigv4::signature_headers sig;
    sigv4::sign(
        sigv4::request_ref{"POST", parts.path, "", std::span(signed_headers, n_signed), parts.body},
        scope, {creds.access_key_id, creds.secret_access_key, creds.session_token}, key, sig);

    const http::header_field fields[] = {
        {"Host", parts.host_header},
        {"Content-Type", parts.content_type},
        {"X-Amz-Target", parts.amz_target},
        {"X-Amz-Date", sig.x_amz_date},
        {"X-Amz-Security-Token", sig.x_amz_security_token},
        {"Authorization", sig.authorization},
        {"User-Agent", parts.user_agent},
    };
    // Fields with no value (no X-Amz-Target for the query protocol, no token for long-term
    // keys) are left out.
    http::header_field present[std::size(fields)];
    std::size_t n_present = 0;
    for (const auto& f : fields) {
        if (!f.value.empty()) {
            present[n_present++] = f;
        }
    }
    out.clear();
    const bool written =
        http::write_request("POST", parts.path, std::span(present, n_present), parts.body, out);
    sig.x_amz_security_token = {}; // a view of `creds`: not kept past this call
    return written;
}

} // namespace glue_inventory::client_detail
