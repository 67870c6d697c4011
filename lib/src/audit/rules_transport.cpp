// Transport rules: TLS to the data store (GLUE-001), certificate verification (002), Kafka TLS
// (003), Glue's custom-certificate checks (004), public IP literals (010).
#include "audit/ip_class.hpp"
#include "audit/properties.hpp"
#include "audit/redaction.hpp"
#include "audit/rule_context.hpp"

namespace glue_inventory::audit::detail {

namespace {

bool db_or_doc(const rule_context& ctx) {
    return ctx.family == type_family::db || ctx.family == type_family::doc;
}

// A user-set boolean property as evidence: its raw token ("TRUE", " false") when it is a
// boolean, else "not_a_boolean" (a free-form value is never echoed: it could be anything).
std::string_view boolean_token(const std::string* value) {
    if (value == nullptr) {
        return "absent";
    }
    return is_true(*value) || is_false(*value) ? trim(*value) : std::string_view("not_a_boolean");
}

void add_enforce_flag(const rule_context& ctx, result_writer& w) {
    w.add("jdbc_enforce_ssl", boolean_token(ctx.props.get(key::JDBC_ENFORCE_SSL)));
}

void add_url(const rule_context& ctx, result_writer& w) {
    if (ctx.url == nullptr) {
        return;
    }
    w.add("url_property", name_of(ctx.url_key));
    append_redacted(*ctx.url, ctx.url_secrets, w.add("url"));
}

void add_names(std::string& list, std::span<const std::string_view> names) {
    for (auto n : names) {
        append_item(list, n);
    }
}

} // namespace

void glue_001(const rule_context& ctx, rule_result& r) {
    result_writer w(r, 0, status::pass, severity::high);
    if (!db_or_doc(ctx)) {
        w.set(status::not_applicable);
        w.message("Not a JDBC or document-store connection: TLS to a data store does not apply.");
        return;
    }
    add_enforce_flag(ctx, w);
    if (ctx.enforce_ssl) {
        w.message("JDBC_ENFORCE_SSL is true: Glue requires TLS with hostname matching.");
        if (ctx.url_status == url_state::read) {
            w.add("engine", to_string(ctx.url_parsed.engine));
            w.add("url_tls", to_string(ctx.tls.tls));
            add_names(w.add("tls_parameters"), ctx.tls.tls_names());
        }
        add_url(ctx, w);
        return;
    }
    switch (ctx.url_status) {
    case url_state::absent:
        if (ctx.props.non_blank(key::HOST) == nullptr) {
            // Neither a URL nor a HOST: the connection keeps its address elsewhere (a v2
            // connector's maps), so there is nothing to judge TLS by.
            w.set(status::unknown);
            w.message("JDBC_ENFORCE_SSL is not true and the connection has neither a URL nor a "
                      "HOST: how it reaches the data store is unknown.");
            w.add("engine", "none");
            return;
        }
        w.set(status::fail);
        w.message("TLS is not enforced: JDBC_ENFORCE_SSL is not true and there is no URL that "
                  "could force it.");
        w.add("engine", "none");
        w.add("url_tls", "unspecified");
        return;
    case url_state::unreadable:
        w.set(status::unknown);
        w.message("JDBC_ENFORCE_SSL is not true and the URL cannot be read: whether it forces "
                  "TLS is unknown.");
        add_url(ctx, w);
        return;
    case url_state::read:
        break;
    }
    w.add("engine", to_string(ctx.url_parsed.engine));
    w.add("url_tls", to_string(ctx.tls.tls));
    add_names(w.add("tls_parameters"), ctx.tls.tls_names());
    add_url(ctx, w);
    switch (ctx.tls.tls) {
    case url_tls::forced:
        w.message("TLS forced by URL (JDBC_ENFORCE_SSL is not true).");
        return;
    case url_tls::disabled:
        w.set(status::fail);
        w.message("TLS is disabled by the URL and JDBC_ENFORCE_SSL is not true.");
        return;
    case url_tls::driver_default:
        w.set(status::fail);
        w.message("TLS is not enforced: only the driver's default turns it on, and "
                  "JDBC_ENFORCE_SSL is not true.");
        return;
    case url_tls::unspecified:
        break;
    }
    w.set(status::fail);
    w.message(ctx.tls.engine_known
                  ? "TLS is not enforced: JDBC_ENFORCE_SSL is not true and the URL does not "
                    "force TLS."
                  : "TLS is not enforced: JDBC_ENFORCE_SSL is not true and this driver's URL "
                    "is not in the TLS table.");
}

void glue_002(const rule_context& ctx, const rule_result& r001, rule_result& r) {
    result_writer w(r, 1, status::pass, ctx.enforce_ssl ? severity::medium : severity::high);
    if (!db_or_doc(ctx)) {
        w.set(status::not_applicable);
        w.message("Not a JDBC or document-store connection.");
        return;
    }
    if (r001.status == status::fail) {
        w.set(status::not_applicable);
        w.message("TLS is not in use (GLUE-001 fails), so there is no certificate to verify.");
        return;
    }
    if (r001.status == status::unknown) {
        w.set(status::unknown);
        w.message("Whether TLS is in use is unknown (GLUE-001), so is its verification.");
        return;
    }
    const bool custom_cert = ctx.props.non_blank(key::CUSTOM_JDBC_CERT) != nullptr;
    const bool cert_string = ctx.props.non_blank(key::CUSTOM_JDBC_CERT_STRING) != nullptr;
    if (ctx.url_status == url_state::unreadable) {
        w.set(status::unknown);
        w.message("The URL cannot be read: whether it turns verification off is unknown.");
        w.add_bool("custom_cert", custom_cert);
        w.add_bool("custom_cert_string", cert_string);
        add_url(ctx, w);
        return;
    }
    const bool read = ctx.url_status == url_state::read;
    const bool off = read && ctx.tls.verification_off;
    add_names(w.add("verification_parameters"),
              read ? ctx.tls.verification_names() : std::span<const std::string_view>{});
    w.add_bool("custom_cert", custom_cert);
    w.add_bool("custom_cert_string", cert_string);
    // Glue's flag governs; a URL that says otherwise is worth knowing about. (The redacted URL
    // is GLUE-001's evidence.)
    w.add_bool("flag_url_conflict", ctx.enforce_ssl && read && ctx.tls.tls == url_tls::disabled);
    if (off) {
        w.set(status::fail);
        w.message(ctx.enforce_ssl
                      ? "The URL turns certificate or hostname verification off; Glue's hostname "
                        "matching (JDBC_ENFORCE_SSL) still applies."
                      : "The URL turns certificate or hostname verification off: any certificate "
                        "is accepted.");
        return;
    }
    w.message("TLS is in use and nothing turns verification off.");
}

void glue_003(const rule_context& ctx, rule_result& r) {
    result_writer w(r, 2, status::pass, severity::high);
    if (ctx.family != type_family::stream) {
        w.set(status::not_applicable);
        w.message("Not a Kafka connection.");
        return;
    }
    const std::string* ssl = ctx.props.get(key::KAFKA_SSL_ENABLED);
    const std::string* mechanism = ctx.props.non_blank(key::KAFKA_SASL_MECHANISM);
    const std::string* servers = ctx.props.non_blank(key::KAFKA_BOOTSTRAP_SERVERS);
    w.add("kafka_ssl_enabled", boolean_token(ssl));
    // KAFKA_SASL_MECHANISM is one of four names; anything else is not echoed.
    std::string_view shown = "none";
    if (mechanism != nullptr) {
        shown = "other";
        for (std::string_view m : {"SCRAM-SHA-512", "GSSAPI", "AWS_MSK_IAM", "PLAIN"}) {
            if (iequals(trim(*mechanism), m)) {
                shown = m;
            }
        }
    }
    w.add("sasl_mechanism", shown);
    std::string& bootstrap = w.add("bootstrap");
    if (servers != nullptr) {
        append_redacted_url(trim(*servers), bootstrap);
    }
    if (servers != nullptr) {
        // MSK's listener ports, as a hint only: 9092 plaintext, 9094 TLS, 9096 SASL/SCRAM, 9098
        // IAM.
        parsed_url hosts;
        std::string& hint = w.add("port_hint");
        if (read_host_list(*servers, hosts)) {
            for (const auto& h : hosts.hosts()) {
                if (h.port == "9092") {
                    append_item(hint, "9092 (MSK plaintext listener)");
                    break;
                }
            }
        }
    }
    if (ssl != nullptr && is_false(*ssl)) {
        const bool plain = mechanism != nullptr && iequals(trim(*mechanism), "PLAIN");
        w.set(status::fail, plain ? severity::critical : severity::high);
        w.message(plain ? "KAFKA_SSL_ENABLED is false with SASL PLAIN: the password and the data "
                          "cross the network in clear text."
                        : "KAFKA_SSL_ENABLED is false: the data crosses the network in clear "
                          "text.");
        return;
    }
    w.message(ssl == nullptr ? "KAFKA_SSL_ENABLED is absent: the API's default, true."
                             : "KAFKA_SSL_ENABLED is not false.");
}

void glue_004(const rule_context& ctx, rule_result& r) {
    result_writer w(r, 3, status::pass, severity::medium);
    if (ctx.family != type_family::db && ctx.family != type_family::stream) {
        w.set(status::not_applicable);
        w.message("Not a JDBC or Kafka connection.");
        return;
    }
    std::string& keys = w.add("keys");
    for (key k : {key::SKIP_CUSTOM_JDBC_CERT_VALIDATION, key::KAFKA_SKIP_CUSTOM_CERT_VALIDATION}) {
        const std::string* v = ctx.props.get(k);
        if (v != nullptr && is_true(*v)) {
            append_item(keys, ctx.props.written_name(k));
        }
    }
    const bool skipped = !keys.empty();
    w.add_bool("custom_cert", ctx.props.non_blank(key::CUSTOM_JDBC_CERT) != nullptr ||
                                  ctx.props.non_blank(key::KAFKA_CUSTOM_CERT) != nullptr);
    if (skipped) {
        w.set(status::fail);
        w.message("Glue's check of the custom CA certificate is skipped: a CA certificate signed "
                  "with SHA-1 or an RSA key under 2048 bits is accepted (chain and hostname "
                  "checks are not affected).");
        return;
    }
    w.message("Glue's custom-certificate checks are not skipped.");
}

void glue_010(const rule_context& ctx, rule_result& r) {
    result_writer w(r, 9, status::pass, severity::medium);
    if (ctx.family != type_family::db && ctx.family != type_family::doc &&
        ctx.family != type_family::stream) {
        w.set(status::not_applicable);
        w.message("Not a data-store connection (JDBC, document store or Kafka).");
        return;
    }
    parsed_url own_hosts;
    const parsed_url* hosts = nullptr;
    if (ctx.family == type_family::stream) {
        if (const std::string* s = ctx.props.non_blank(key::KAFKA_BOOTSTRAP_SERVERS);
            s != nullptr && read_host_list(*s, own_hosts)) {
            hosts = &own_hosts;
        }
    } else if (ctx.url_status == url_state::read && !ctx.url_parsed.host_list.empty()) {
        hosts = &ctx.url_parsed;
    } else if (const std::string* h = ctx.props.non_blank(key::HOST); h != nullptr) {
        const std::string* port = ctx.props.non_blank(key::PORT);
        own_hosts.host_list.push_back(
            {trim(*h), port != nullptr ? trim(*port) : std::string_view{}});
        hosts = &own_hosts;
    }
    if (hosts == nullptr || hosts->host_list.empty()) {
        w.set(status::unknown);
        w.message("No host can be read from the connection.");
        return;
    }
    const url_host* first_public = nullptr;
    ip_class public_class = ip_class::not_an_ip;
    bool any_literal = false;
    std::string& classes = w.add("hosts");
    for (const auto& h : hosts->hosts()) {
        const ip_class k = classify_ip(h.host);
        any_literal = any_literal || k != ip_class::not_an_ip;
        if (k == ip_class::public_ && first_public == nullptr) {
            first_public = &h;
            public_class = k;
        }
        append_item(classes, h.host);
        classes.append(" (");
        classes.append(k == ip_class::not_an_ip ? "host_name" : to_string(k));
        classes.append(")");
    }
    if (first_public != nullptr) {
        w.set(status::fail);
        w.add("host", first_public->host);
        w.add("port", first_public->port);
        w.add("range_class", to_string(public_class));
        w.message("The data store is addressed by a public IP address.");
        return;
    }
    if (!any_literal) {
        w.set(status::not_applicable);
        w.message("The data store is addressed by host name, which the audit does not resolve.");
        return;
    }
    w.message("Every IP literal of the data store is in a private or local range.");
}

} // namespace glue_inventory::audit::detail
