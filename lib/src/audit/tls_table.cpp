#include "audit/tls_table.hpp"

#include "audit/properties.hpp"

namespace glue_inventory::audit::detail {

namespace {

struct accumulator {
    tls_reading& r;
    bool forced = false;
    bool disabled = false;

    void note_tls(std::string_view name) { r.tls_name_list.push_back(name); }
    void force(std::string_view name) {
        forced = true;
        note_tls(name);
    }
    void disable(std::string_view name) {
        disabled = true;
        note_tls(name);
    }
    void verification_off(std::string_view name) {
        r.verification_off = true;
        r.verification_name_list.push_back(name);
    }
};

bool value_is(const url_parameter& p, std::string_view v) {
    return iequals(p.value, v);
}

bool non_validating_factory(const url_parameter& p) {
    return iends_with(p.value, "NonValidatingFactory");
}

void read_postgresql(const parsed_url& url, accumulator& a) {
    const bool has_sslmode = url.find("sslmode") != nullptr; // sslmode overrides ssl (pgJDBC)
    for (const auto& p : url.parameters()) {
        if (iequals(p.name, "sslmode")) {
            if (value_is(p, "require") || value_is(p, "verify-ca") || value_is(p, "verify-full")) {
                a.force(p.name);
            } else if (value_is(p, "disable")) {
                a.disable(p.name);
            } else {
                a.note_tls(p.name); // allow / prefer: opportunistic, not forced
            }
            if (value_is(p, "require") || value_is(p, "allow") || value_is(p, "prefer")) {
                a.verification_off(p.name);
            }
        } else if (iequals(p.name, "ssl") && !has_sslmode) {
            if (is_true(p.value) || p.value.empty()) { // the bare "ssl" means on
                a.force(p.name);
            } else if (is_false(p.value)) {
                a.disable(p.name);
            }
        } else if (iequals(p.name, "sslfactory") && non_validating_factory(p)) {
            a.verification_off(p.name);
        }
    }
}

void read_mysql(const parsed_url& url, accumulator& a) {
    if (url.find("sslMode") != nullptr) { // Connector/J 8: sslMode overrides the legacy trio
        for (const auto& p : url.parameters()) {
            if (!iequals(p.name, "sslMode")) {
                continue;
            }
            if (value_is(p, "REQUIRED") || value_is(p, "VERIFY_CA") ||
                value_is(p, "VERIFY_IDENTITY")) {
                a.force(p.name);
            } else if (value_is(p, "DISABLED")) {
                a.disable(p.name);
            } else {
                a.note_tls(p.name);
            }
            if (value_is(p, "REQUIRED") || value_is(p, "PREFERRED")) {
                a.verification_off(p.name);
            }
        }
        return;
    }
    const url_parameter* use_ssl = url.find("useSSL");
    const url_parameter* require_ssl = url.find("requireSSL");
    if (use_ssl != nullptr && is_false(use_ssl->value)) {
        a.disable(use_ssl->name);
    } else if (use_ssl != nullptr && require_ssl != nullptr && is_true(use_ssl->value) &&
               is_true(require_ssl->value)) {
        a.force(use_ssl->name);
        a.force(require_ssl->name);
    } else {
        if (use_ssl != nullptr) {
            a.note_tls(use_ssl->name);
        }
        if (require_ssl != nullptr) {
            a.note_tls(require_ssl->name);
        }
    }
    if (const auto* v = url.find("verifyServerCertificate"); v != nullptr && is_false(v->value)) {
        a.verification_off(v->name);
    }
}

void read_mariadb(const parsed_url& url, accumulator& a) {
    const bool has_sslmode = url.find("sslMode") != nullptr;
    for (const auto& p : url.parameters()) {
        if (iequals(p.name, "sslMode")) {
            if (value_is(p, "trust") || value_is(p, "verify-ca") || value_is(p, "verify-full")) {
                a.force(p.name);
            } else if (value_is(p, "disable")) {
                a.disable(p.name);
            } else {
                a.note_tls(p.name);
            }
            if (value_is(p, "trust")) {
                a.verification_off(p.name);
            }
        } else if (iequals(p.name, "useSsl") && !has_sslmode) {
            if (is_true(p.value)) {
                a.force(p.name);
            } else if (is_false(p.value)) {
                a.disable(p.name);
            }
        } else if (iequals(p.name, "trustServerCertificate") && is_true(p.value)) {
            a.verification_off(p.name);
        }
    }
}

void read_sqlserver(const parsed_url& url, accumulator& a) {
    for (const auto& p : url.parameters()) {
        if (iequals(p.name, "encrypt")) {
            if (is_true(p.value) || value_is(p, "mandatory") || value_is(p, "strict") ||
                value_is(p, "yes")) {
                a.force(p.name);
            } else if (is_false(p.value) || value_is(p, "optional") || value_is(p, "no")) {
                a.disable(p.name);
            }
        } else if (iequals(p.name, "trustServerCertificate") && is_true(p.value)) {
            a.verification_off(p.name);
        }
    }
}

void read_oracle(const parsed_url& url, accumulator& a) {
    if (url.oracle_tcp) {
        a.disable(url.find("PROTOCOL") != nullptr ? url.find("PROTOCOL")->name : "tcp");
    }
    if (url.oracle_tcps) {
        a.force(url.find("PROTOCOL") != nullptr ? url.find("PROTOCOL")->name : "tcps");
    }
    for (const auto& p : url.parameters()) {
        if ((iequals(p.name, "oracle.net.ssl_server_dn_match") ||
             iequals(p.name, "SSL_SERVER_DN_MATCH")) &&
            (is_false(p.value) || value_is(p, "no") || value_is(p, "off"))) {
            a.verification_off(p.name);
        }
    }
}

void read_redshift(const parsed_url& url, accumulator& a, bool& any_tls_parameter) {
    for (const auto& p : url.parameters()) {
        if (iequals(p.name, "ssl")) {
            any_tls_parameter = true;
            if (is_true(p.value)) {
                a.force(p.name);
            } else if (is_false(p.value)) {
                a.disable(p.name);
            }
        } else if (iequals(p.name, "sslmode")) {
            any_tls_parameter = true;
            if (value_is(p, "verify-ca") || value_is(p, "verify-full") || value_is(p, "require")) {
                a.force(p.name);
            } else if (value_is(p, "disable")) {
                a.disable(p.name);
            } else {
                a.note_tls(p.name);
            }
            if (value_is(p, "require")) {
                a.verification_off(p.name);
            }
        } else if (iequals(p.name, "SSLFactory") && non_validating_factory(p)) {
            a.verification_off(p.name);
        } else if (iequals(p.name, "ssl_insecure") && is_true(p.value)) {
            a.verification_off(p.name);
        }
    }
}

void read_db2(const parsed_url& url, accumulator& a) {
    if (const auto* p = url.find("sslConnection"); p != nullptr) {
        if (is_true(p->value)) {
            a.force(p->name);
        } else if (is_false(p->value)) {
            a.disable(p->name);
        }
    }
}

void read_mongodb(const parsed_url& url, accumulator& a) {
    for (const auto& p : url.parameters()) {
        if (iequals(p.name, "tls") || iequals(p.name, "ssl")) {
            if (is_true(p.value)) {
                a.force(p.name);
            } else if (is_false(p.value)) {
                a.disable(p.name);
            }
        } else if ((iequals(p.name, "tlsAllowInvalidCertificates") ||
                    iequals(p.name, "tlsAllowInvalidHostnames") || iequals(p.name, "tlsInsecure") ||
                    iequals(p.name, "sslAllowInvalidCertificates") ||
                    iequals(p.name, "sslAllowInvalidHostnames")) &&
                   is_true(p.value)) {
            a.verification_off(p.name);
        }
    }
    if (url.srv && !a.disabled && !a.forced) {
        a.force(url.scheme); // mongodb+srv turns TLS on unless tls=false says otherwise
    }
}

} // namespace

std::string_view to_string(url_tls t) {
    switch (t) {
    case url_tls::forced:
        return "forced";
    case url_tls::disabled:
        return "disabled";
    case url_tls::driver_default:
        return "driver_default";
    case url_tls::unspecified:
        break;
    }
    return "unspecified";
}

tls_reading read_tls(const parsed_url& url) {
    tls_reading r;
    accumulator a{r};
    bool redshift_tls_parameter = false;
    switch (url.engine) {
    case url_engine::postgresql:
        read_postgresql(url, a);
        break;
    case url_engine::mysql:
        read_mysql(url, a);
        break;
    case url_engine::mariadb:
        read_mariadb(url, a);
        break;
    case url_engine::sqlserver:
        read_sqlserver(url, a);
        break;
    case url_engine::oracle:
        read_oracle(url, a);
        break;
    case url_engine::redshift:
        read_redshift(url, a, redshift_tls_parameter);
        break;
    case url_engine::db2:
        read_db2(url, a);
        break;
    case url_engine::mongodb:
        read_mongodb(url, a);
        break;
    case url_engine::other_jdbc:
        r.engine_known = false;
        break;
    }
    if (a.disabled) {
        r.tls = url_tls::disabled;
    } else if (a.forced) {
        r.tls = url_tls::forced;
    } else if (url.engine == url_engine::redshift && !redshift_tls_parameter) {
        r.tls = url_tls::driver_default;
    } else {
        r.tls = url_tls::unspecified;
    }
    return r;
}

} // namespace glue_inventory::audit::detail
