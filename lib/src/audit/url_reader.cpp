#include "audit/url_reader.hpp"

#include "audit/properties.hpp"

namespace glue_inventory::audit::detail {

namespace {

constexpr std::string_view npos_view{};

bool add_parameter(parsed_url& out, std::string_view name, std::string_view value) {
    name = trim(name);
    if (name.empty()) {
        return true;
    }
    return out.parameter_list.push_back({name, trim(value)});
}

bool add_host(parsed_url& out, std::string_view host, std::string_view port) {
    host = trim(host);
    if (host.empty()) {
        return true;
    }
    return out.host_list.push_back({host, trim(port)});
}

// One "host", "host:port", "[v6]", "[v6]:port" or bare "v6" entry.
bool read_one_host(std::string_view entry, parsed_url& out) {
    entry = trim(entry);
    if (const auto at = entry.rfind('@'); at != std::string_view::npos) {
        entry = entry.substr(at + 1); // a userinfo never becomes a host (nor evidence)
    }
    if (entry.empty()) {
        return true;
    }
    if (entry.front() == '[') {
        const auto close = entry.find(']');
        if (close == std::string_view::npos) {
            return add_host(out, entry.substr(1), {});
        }
        std::string_view rest = entry.substr(close + 1);
        return add_host(out, entry.substr(1, close - 1),
                        !rest.empty() && rest.front() == ':' ? rest.substr(1) : npos_view);
    }
    const auto colon = entry.find(':');
    if (colon != std::string_view::npos && entry.find(':', colon + 1) != std::string_view::npos) {
        return add_host(out, entry, {}); // a bare IPv6 literal: no port can be told apart
    }
    if (colon == std::string_view::npos) {
        return add_host(out, entry, {});
    }
    return add_host(out, entry.substr(0, colon), entry.substr(colon + 1));
}

// Parameters "k=v<sep>k=v" where any character of `separators` separates them. SQL Server
// values in braces ({a;b}) may hold separators.
bool read_parameters(std::string_view text, std::string_view separators, parsed_url& out) {
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t end = i;
        const auto eq = text.find('=', i);
        std::size_t value_start = std::string_view::npos;
        // The end of this parameter: the next separator, skipping a braced value.
        while (end < text.size() && separators.find(text[end]) == std::string_view::npos) {
            if (end == eq) {
                value_start = end + 1;
                if (value_start < text.size() && text[value_start] == '{') {
                    const auto close = text.find('}', value_start);
                    end = close == std::string_view::npos ? text.size() : close;
                    continue;
                }
            }
            ++end;
        }
        if (value_start != std::string_view::npos && value_start <= end) {
            if (!add_parameter(out, text.substr(i, eq - i),
                               text.substr(value_start, end - value_start))) {
                return false;
            }
        } else if (!add_parameter(out, text.substr(i, end - i), {})) {
            return false;
        }
        i = end + 1;
    }
    return true;
}

// The userinfo at the start of `authority` (what follows "//"), found as the redaction's scanner
// finds it (secret_scan.cpp), so that what one calls userinfo the other never reads as a host:
// everything up to the last '@' before the parameters begin (the first '?', ';' or '&' that a '='
// follows) or a blank. A password may hold '/', '?' or ':'. Returns the position just after the
// '@', or 0 when there is no userinfo.
std::size_t read_userinfo(std::string_view authority, parsed_url& out) {
    std::size_t limit = authority.size();
    for (std::size_t i = 0; i < authority.size(); ++i) {
        const char c = authority[i];
        if (c == ' ' || c == '\t' || c == '#' ||
            ((c == '?' || c == ';' || c == '&') &&
             authority.find('=', i) != std::string_view::npos)) {
            limit = i;
            break;
        }
    }
    const auto at = authority.substr(0, limit).rfind('@');
    if (at == std::string_view::npos) {
        return 0;
    }
    out.has_userinfo = true;
    out.userinfo_has_password = authority.substr(0, at).find(':') != std::string_view::npos;
    return at + 1;
}

// "//[userinfo@]hosts[/path][?params]" with the given parameter separators after '?'.
// `rest` starts just after the scheme's "//" (or is the whole remainder when there is none).
bool read_hierarchical(std::string_view rest, bool has_authority, std::string_view separators,
                       parsed_url& out) {
    if (has_authority) {
        rest = rest.substr(read_userinfo(rest, out));
    }
    std::string_view params;
    const auto q = rest.find('?');
    if (q != std::string_view::npos) {
        params = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    if (has_authority) {
        const auto end = find_any(rest, "/;");
        const std::string_view hosts = rest.substr(0, end);
        if (!read_host_list(hosts, out)) {
            return false;
        }
    }
    return read_parameters(params, separators, out);
}

bool read_sqlserver(std::string_view rest, parsed_url& out) {
    // jdbc:sqlserver://[serverName[\instanceName][:portNumber]][;property=value[;...]]
    if (rest.starts_with("//")) {
        rest.remove_prefix(2);
    }
    rest = rest.substr(read_userinfo(rest, out));
    const auto semi = rest.find(';');
    std::string_view server = rest.substr(0, semi);
    const auto backslash = server.find('\\');
    std::string_view port;
    if (const auto colon = server.rfind(':');
        colon != std::string_view::npos && server.find(':') == colon) {
        port = server.substr(colon + 1);
        server = server.substr(0, colon);
    }
    if (backslash != std::string_view::npos && backslash < server.size()) {
        server = server.substr(0, backslash);
    }
    if (!server.empty() && server.front() == '[') {
        if (!read_one_host(rest.substr(0, semi), out)) {
            return false;
        }
    } else if (!add_host(out, server, port)) {
        return false;
    }
    if (semi == std::string_view::npos) {
        return true;
    }
    if (!read_parameters(rest.substr(semi + 1), ";", out)) {
        return false;
    }
    if (const auto* name = out.find("serverName"); name != nullptr && out.host_list.empty()) {
        const auto* p = out.find("portNumber");
        return add_host(out, name->value, p != nullptr ? p->value : npos_view);
    }
    return true;
}

// Oracle descriptors: every (K=V) whose V holds no '(' is a leaf parameter; HOST/PORT leaves
// name the addresses, PROTOCOL says tcp or tcps.
bool read_oracle_descriptor(std::string_view text, parsed_url& out) {
    std::string_view pending_host;
    for (std::size_t i = text.find('('); i != std::string_view::npos; i = text.find('(', i + 1)) {
        const auto eq = text.find('=', i);
        if (eq == std::string_view::npos) {
            break;
        }
        const auto close = text.find(')', eq);
        const auto open = text.find('(', eq);
        if (close == std::string_view::npos || (open != std::string_view::npos && open < close)) {
            continue; // not a leaf
        }
        const std::string_view name = trim(text.substr(i + 1, eq - i - 1));
        const std::string_view value = trim(text.substr(eq + 1, close - eq - 1));
        if (!add_parameter(out, name, value)) {
            return false;
        }
        if (iequals(name, "PROTOCOL")) {
            if (iequals(value, "TCPS")) {
                out.oracle_tcps = true;
            } else if (iequals(value, "TCP")) {
                out.oracle_tcp = true;
            }
        } else if (iequals(name, "HOST")) {
            if (!pending_host.empty() && !add_host(out, pending_host, {})) {
                return false;
            }
            pending_host = value;
        } else if (iequals(name, "PORT") && !pending_host.empty()) {
            if (!add_host(out, pending_host, value)) {
                return false;
            }
            pending_host = {};
        }
    }
    return pending_host.empty() || add_host(out, pending_host, {});
}

bool read_oracle(std::string_view rest, parsed_url& out) {
    // rest follows "jdbc:oracle:": "thin:[user[/pass]]@target" or "oci:...". Not Oracle's syntax
    // but seen in hand-made connections: "//host:port/service", read as a hierarchical URL.
    if (rest.starts_with("//")) {
        return read_hierarchical(rest.substr(2), true, "&", out);
    }
    const auto colon = rest.find(':');
    if (colon == std::string_view::npos) {
        return false;
    }
    rest = rest.substr(colon + 1);
    // The userinfo ends at the '@' that introduces the target: the first '@' before any '(' or
    // "//" (a descriptor or EZConnect target cannot precede it).
    const auto target_start = rest.find('(');
    const auto at = rest.substr(0, target_start).rfind('@');
    if (at == std::string_view::npos) {
        return false;
    }
    const std::string_view user = trim(rest.substr(0, at));
    if (!user.empty()) {
        out.has_userinfo = true;
        out.userinfo_has_password = user.find('/') != std::string_view::npos;
    }
    std::string_view target = trim(rest.substr(at + 1));
    std::string_view params;
    if (const auto q = target.find('?'); q != std::string_view::npos) {
        params = target.substr(q + 1);
        target = target.substr(0, q);
    }
    if (!read_parameters(params, "&", out)) {
        return false;
    }
    if (!target.empty() && target.front() == '(') {
        return read_oracle_descriptor(target, out);
    }
    if (istarts_with(target, "tcps://")) {
        out.oracle_tcps = true;
        target.remove_prefix(7);
    } else if (istarts_with(target, "tcp://")) {
        out.oracle_tcp = true;
        target.remove_prefix(6);
    } else if (target.starts_with("//")) {
        target.remove_prefix(2);
    }
    // EZConnect host[:port][/service] or the old host:port:sid.
    const std::string_view address = target.substr(0, target.find('/'));
    if (!address.empty() && address.front() == '[') {
        return read_one_host(address, out);
    }
    const auto first = address.find(':');
    if (first == std::string_view::npos) {
        return add_host(out, address, {});
    }
    const auto second = address.find(':', first + 1);
    return add_host(out, address.substr(0, first),
                    address.substr(first + 1, second == std::string_view::npos
                                                  ? std::string_view::npos
                                                  : second - first - 1));
}

bool read_db2(std::string_view rest, parsed_url& out) {
    // jdbc:db2://host:port/database:prop=value;prop=value;
    if (!rest.starts_with("//")) {
        return false;
    }
    rest.remove_prefix(2);
    rest = rest.substr(read_userinfo(rest, out));
    const auto slash = rest.find('/');
    if (!read_host_list(rest.substr(0, slash), out)) {
        return false;
    }
    if (slash == std::string_view::npos) {
        return true;
    }
    const std::string_view path = rest.substr(slash + 1);
    const auto colon = path.find(':');
    return colon == std::string_view::npos || read_parameters(path.substr(colon + 1), ";", out);
}

} // namespace

std::string_view to_string(url_engine e) {
    switch (e) {
    case url_engine::postgresql:
        return "postgresql";
    case url_engine::mysql:
        return "mysql";
    case url_engine::mariadb:
        return "mariadb";
    case url_engine::sqlserver:
        return "sqlserver";
    case url_engine::oracle:
        return "oracle";
    case url_engine::redshift:
        return "redshift";
    case url_engine::db2:
        return "db2";
    case url_engine::mongodb:
        return "mongodb";
    case url_engine::other_jdbc:
        break;
    }
    return "other";
}

const url_parameter* parsed_url::find(std::string_view name) const {
    for (const auto& p : parameters()) {
        if (iequals(p.name, name)) {
            return &p;
        }
    }
    return nullptr;
}

bool read_host_list(std::string_view list, parsed_url& out) {
    std::size_t start = 0;
    while (start <= list.size()) {
        // A comma inside brackets cannot occur, so splitting at every comma is exact.
        const auto comma = list.find(',', start);
        const auto entry = list.substr(
            start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        if (!read_one_host(entry, out)) {
            return false;
        }
        if (comma == std::string_view::npos) {
            break;
        }
        start = comma + 1;
    }
    return true;
}

bool read_url(std::string_view url, parsed_url& out) {
    out.srv = out.has_userinfo = out.userinfo_has_password = false;
    out.oracle_tcps = out.oracle_tcp = false;
    out.host_list.clear();
    out.parameter_list.clear();
    url = trim(url);

    if (istarts_with(url, "mongodb://") || istarts_with(url, "mongodb+srv://")) {
        const auto sep = url.find("://");
        out.engine = url_engine::mongodb;
        out.scheme = url.substr(0, sep);
        out.srv = out.scheme.size() > 7;
        return read_hierarchical(url.substr(sep + 3), true, "&;", out);
    }
    if (!istarts_with(url, "jdbc:")) {
        return false;
    }
    const std::string_view after_jdbc = url.substr(5);
    const auto colon = after_jdbc.find(':');
    if (colon == std::string_view::npos || colon == 0) {
        return false;
    }
    const std::string_view name = after_jdbc.substr(0, colon);
    for (char c : name) {
        // A driver name is a word ("postgresql", "sap"): anything else is not a JDBC URL.
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.')) {
            return false;
        }
    }
    std::string_view rest = after_jdbc.substr(colon + 1);
    out.scheme = url.substr(0, 5 + colon);

    if (iequals(name, "sqlserver")) {
        out.engine = url_engine::sqlserver;
        return read_sqlserver(rest, out);
    }
    if (iequals(name, "oracle")) {
        out.engine = url_engine::oracle;
        return read_oracle(rest, out);
    }
    if (iequals(name, "db2")) {
        out.engine = url_engine::db2;
        return read_db2(rest, out);
    }
    if (iequals(name, "postgresql")) {
        out.engine = url_engine::postgresql;
    } else if (iequals(name, "mysql")) {
        out.engine = url_engine::mysql;
    } else if (iequals(name, "mariadb")) {
        out.engine = url_engine::mariadb;
    } else if (iequals(name, "redshift")) {
        out.engine = url_engine::redshift;
    } else {
        out.engine = url_engine::other_jdbc;
    }
    // Sub-protocols (jdbc:mysql:loadbalance://, jdbc:redshift:iam://) come before the "//".
    const auto slashes = rest.find("//");
    const bool has_authority = slashes != std::string_view::npos &&
                               find_any(rest.substr(0, slashes), "/?") == std::string_view::npos;
    const std::string_view separators =
        out.engine == url_engine::other_jdbc ? std::string_view("&;") : std::string_view("&");
    if (has_authority) {
        rest = rest.substr(slashes + 2);
    }
    if (!read_hierarchical(rest, has_authority, separators, out)) {
        return false;
    }
    if (out.engine == url_engine::other_jdbc) {
        // Generic: ";k=v" after the authority too (SAP HANA, Teradata's "/k=v,...").
        const auto semi = rest.substr(0, rest.find('?')).find(';');
        if (semi != std::string_view::npos &&
            !read_parameters(rest.substr(semi + 1, rest.find('?') == std::string_view::npos
                                                       ? std::string_view::npos
                                                       : rest.find('?') - semi - 1),
                             ";", out)) {
            return false;
        }
    }
    return true;
}

} // namespace glue_inventory::audit::detail
