// A reader of the JDBC and MongoDB URLs that Glue connections hold (JDBC_CONNECTION_URL,
// CONNECTION_URL): the engine, the hosts and ports, the parameters with their names, and whether
// the URL carries userinfo. Enough for the TLS table and the credential rules, no more: it never
// resolves, decodes or validates anything, and works on views into the caller's string (no
// allocation, so that the rules run at a million connections a second).
//
// Parameter syntaxes: pg/mysql/mariadb/redshift and MongoDB `?k=v&k=v`; SQL Server `;k=v`;
// Oracle descriptors `(K=V)` and `tcps://`, plus the thin driver's `?k=v`; DB2 `/db:k=v;k=v;`.
#pragma once

#include "audit/fixed_buffer.hpp"

#include <cstddef>
#include <span>
#include <string_view>

namespace glue_inventory::audit::detail {

enum class url_engine {
    postgresql, // jdbc:postgresql:
    mysql,      // jdbc:mysql:
    mariadb,    // jdbc:mariadb:
    sqlserver,  // jdbc:sqlserver:
    oracle,     // jdbc:oracle:thin: / jdbc:oracle:oci:
    redshift,   // jdbc:redshift:
    db2,        // jdbc:db2:
    mongodb,    // mongodb:// and mongodb+srv://
    other_jdbc, // jdbc:<anything else>: (read generically: hosts after //, ?&; parameters)
};

/// "postgresql", "mysql", ..., "mongodb"; "other" for other_jdbc.
std::string_view to_string(url_engine e);

/// The most parameters a URL may have: real URLs carry a handful; a URL with more is read as
/// unreadable (UNKNOWN) rather than judged on a prefix of its parameters.
inline constexpr std::size_t max_url_parameters = 48;
/// The most hosts (replica sets, failover lists, descriptor ADDRESS_LISTs) a URL may name.
inline constexpr std::size_t max_url_hosts = 16;

struct url_parameter {
    std::string_view name;  // as written
    std::string_view value; // as written (Oracle descriptors: the leaf values only)
};

struct url_host {
    std::string_view host; // without brackets for IPv6 literals
    std::string_view port; // empty when absent
};

struct parsed_url {
    url_engine engine = url_engine::other_jdbc;
    std::string_view scheme;            // "jdbc:postgresql", "mongodb+srv", "jdbc:saphana"
    bool srv = false;                   // mongodb+srv: TLS on by default
    bool has_userinfo = false;          // "user@", "user:pass@" (Oracle "user/pass@")
    bool userinfo_has_password = false; // ':' in the userinfo (Oracle: '/')
    bool oracle_tcps = false;           // tcps:// or (PROTOCOL=TCPS)
    bool oracle_tcp = false;            // an explicit tcp:// or (PROTOCOL=TCP)
    fixed_buffer<url_host, max_url_hosts> host_list;
    fixed_buffer<url_parameter, max_url_parameters> parameter_list;

    std::span<const url_host> hosts() const { return host_list.view(); }
    std::span<const url_parameter> parameters() const { return parameter_list.view(); }
    /// The first parameter named `name` (ignoring case), or nullptr.
    const url_parameter* find(std::string_view name) const;
};

/// Reads `url` (blanks around it ignored) into `out` (reset first). False when it is not a JDBC
/// or MongoDB URL, or exceeds max_url_parameters / max_url_hosts.
bool read_url(std::string_view url, parsed_url& out);

/// The hosts of "h1:p1,h2:p2" (KAFKA_BOOTSTRAP_SERVERS, a URL's host list) into `out`; IPv6
/// literals in brackets or bare. False when there are more than max_url_hosts.
bool read_host_list(std::string_view list, parsed_url& out);

} // namespace glue_inventory::audit::detail
