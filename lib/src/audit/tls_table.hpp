// The URL TLS table of audit-rules.md section 3 (GLUE-001/002): what a JDBC or MongoDB URL says
// about TLS, per driver. Parameter names and values are compared ignoring case.
//
// Per engine: TLS forced / verification off / TLS off.
// - postgresql: sslmode=require|verify-ca|verify-full, ssl=true (= verify-full) /
//   sslmode=require|allow|prefer, sslfactory=*NonValidatingFactory / sslmode=disable, ssl=false
//   (allow and prefer are opportunistic: not forced).
// - mysql: sslMode=REQUIRED|VERIFY_CA|VERIFY_IDENTITY, useSSL=true with requireSSL=true /
//   sslMode=REQUIRED|PREFERRED, verifyServerCertificate=false / sslMode=DISABLED, useSSL=false.
// - mariadb: sslMode=trust|verify-ca|verify-full, useSsl=true / sslMode=trust,
//   trustServerCertificate=true / sslMode=disable, useSsl=false.
// - sqlserver: encrypt=true|mandatory|strict / trustServerCertificate=true /
//   encrypt=false|optional|no (absent: the driver's default differs by version, not assumed).
// - oracle: tcps:// or (PROTOCOL=TCPS) / oracle.net.ssl_server_dn_match=false,
//   (SSL_SERVER_DN_MATCH=FALSE) / tcp:// or (PROTOCOL=TCP).
// - redshift: ssl=true, sslmode=verify-ca|verify-full|require / sslmode=require,
//   SSLFactory=*NonValidatingFactory, ssl_insecure=true / ssl=false, sslmode=disable (neither
//   ssl nor sslmode: "driver default", which is TLS but not enforced).
// - db2: sslConnection=true / - / sslConnection=false.
// - mongodb: tls=true, ssl=true, mongodb+srv / tlsAllowInvalidCertificates,
//   tlsAllowInvalidHostnames, tlsInsecure (and their ssl* twins) = true / tls=false, ssl=false.
//
// MySQL: an explicit sslMode overrides the legacy useSSL/requireSSL/verifyServerCertificate
// (Connector/J 8). Where a URL both forces and disables TLS, it counts as disabled: the audit
// never passes on a contradiction.
#pragma once

#include "audit/fixed_buffer.hpp"
#include "audit/url_reader.hpp"

#include <span>
#include <string_view>

namespace glue_inventory::audit::detail {

enum class url_tls {
    forced,         // the URL makes the driver refuse a connection without TLS
    disabled,       // the URL turns TLS off explicitly
    unspecified,    // nothing forces it (opportunistic modes included)
    driver_default, // Redshift 2.x without ssl/sslmode: the driver's default is TLS, not enforced
};

/// "forced", "disabled", "unspecified", "driver_default".
std::string_view to_string(url_tls t);

/// What the URL says. The names are views of the URL's parameter names (or "tcps"/"tcp" for an
/// Oracle tcps:// address), in URL order.
struct tls_reading {
    static constexpr std::size_t max_names = 8;
    url_tls tls = url_tls::unspecified;
    bool verification_off = false;
    bool engine_known = true; // false for other_jdbc: the table has no row for it
    fixed_buffer<std::string_view, max_names> tls_name_list;          // decided tls
    fixed_buffer<std::string_view, max_names> verification_name_list; // turned checks off

    std::span<const std::string_view> tls_names() const { return tls_name_list.view(); }
    std::span<const std::string_view> verification_names() const {
        return verification_name_list.view();
    }
};

tls_reading read_tls(const parsed_url& url);

} // namespace glue_inventory::audit::detail
