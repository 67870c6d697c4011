// Credential rules: inline credentials (GLUE-005), credentials in URLs (006), secret-like keys in
// free-form maps (007), the OAuth2 token endpoint (008), the KMS key of the auth secret (009),
// the age of an inline credential (014), key and code material from S3 (015).
#include "audit/properties.hpp"
#include "audit/redaction.hpp"
#include "audit/rule_context.hpp"
#include "audit/secret_names.hpp"
#include "audit/secret_scan.hpp"

namespace glue_inventory::audit::detail {

namespace {

constexpr key secret_keys[] = {key::PASSWORD,
                               key::ENCRYPTED_PASSWORD,
                               key::KAFKA_CLIENT_KEYSTORE_PASSWORD,
                               key::KAFKA_CLIENT_KEY_PASSWORD,
                               key::KAFKA_SASL_PLAIN_PASSWORD,
                               key::KAFKA_SASL_SCRAM_PASSWORD,
                               key::ENCRYPTED_KAFKA_CLIENT_KEYSTORE_PASSWORD,
                               key::ENCRYPTED_KAFKA_CLIENT_KEY_PASSWORD,
                               key::ENCRYPTED_KAFKA_SASL_PLAIN_PASSWORD,
                               key::ENCRYPTED_KAFKA_SASL_SCRAM_PASSWORD};
constexpr key user_keys[] = {key::USERNAME, key::KAFKA_SASL_PLAIN_USERNAME,
                             key::KAFKA_SASL_SCRAM_USERNAME};

bool encrypted_key(key k) {
    return k == key::ENCRYPTED_PASSWORD || k == key::ENCRYPTED_KAFKA_CLIENT_KEYSTORE_PASSWORD ||
           k == key::ENCRYPTED_KAFKA_CLIENT_KEY_PASSWORD ||
           k == key::ENCRYPTED_KAFKA_SASL_PLAIN_PASSWORD ||
           k == key::ENCRYPTED_KAFKA_SASL_SCRAM_PASSWORD;
}

bool has_secret_reference(const rule_context& ctx) {
    if (ctx.props.non_blank(key::SECRET_ID) != nullptr ||
        ctx.props.non_blank(key::KAFKA_SASL_SCRAM_SECRETS_ARN) != nullptr) {
        return true;
    }
    const auto& auth = ctx.c.authentication_configuration;
    return auth && auth->secret_arn && !trim(*auth->secret_arn).empty();
}

// The family lists GLUE-005 and GLUE-014 apply to; unknown types too (type-agnostic there).
bool credential_family(const rule_context& ctx) {
    return ctx.family == type_family::db || ctx.family == type_family::doc ||
           ctx.family == type_family::stream || ctx.family == type_family::connector ||
           ctx.connector || ctx.family == type_family::unknown;
}

// The scheme of a URL as evidence ("jdbc:postgresql", "mongodb+srv", "https"): only letters,
// digits, '+', '-' and '.', else "unknown" (a malformed URL's prefix may be its userinfo).
std::string_view url_scheme(std::string_view url) {
    url = trim(url);
    std::string_view scheme;
    if (istarts_with(url, "jdbc:")) {
        const auto colon = url.find(':', 5);
        scheme = colon == std::string_view::npos ? std::string_view{} : url.substr(0, colon);
    } else if (const auto sep = url.find("://"); sep != std::string_view::npos) {
        scheme = url.substr(0, sep);
    }
    for (std::size_t i = 0; i < scheme.size(); ++i) {
        const char c = scheme[i];
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' ||
                        (c == ':' && i == 4);
        if (!ok) {
            return "unknown";
        }
    }
    return scheme.empty() ? std::string_view("unknown") : scheme;
}

// An S3 location (s3://bucket/key). GLUE-015 shows it redacted all the same: an S3 URI holds
// no secret, but a malformed value might.
bool is_s3(std::string_view v) {
    return istarts_with(trim(v), "s3://");
}

void scan_map(const std::optional<property_map>& map, std::string_view map_name, result_writer& w,
              bool& found) {
    if (!map) {
        return;
    }
    std::string* keys = nullptr;
    for (const auto& [k, v] : *map) {
        if (matches_secret_key_pattern(k) && !is_secret_reference(k, v)) {
            if (keys == nullptr) {
                keys = &w.add(map_name);
            }
            append_item(*keys, k);
            found = true;
        }
    }
}

} // namespace

void glue_005(const rule_context& ctx, rule_result& r) {
    result_writer w(r, 4, status::pass, severity::high);
    bool direct = false;
    for (key k : secret_keys) {
        direct = direct || ctx.props.non_blank(k) != nullptr;
    }
    if (!direct && !credential_family(ctx)) {
        // NETWORK, SaaS and IAM connections keep no password in their properties; when one does,
        // it is a stored credential all the same.
        w.set(status::not_applicable);
        w.message("This connection type keeps no credential in its properties.");
        return;
    }
    std::string& keys = w.add("keys");
    bool encrypted = false;
    bool plain = false;
    bool user = false;
    for (key k : secret_keys) {
        if (ctx.props.non_blank(k) != nullptr) {
            append_item(keys, ctx.props.written_name(k));
            (encrypted_key(k) ? encrypted : plain) = true;
        }
    }
    const bool reference = has_secret_reference(ctx);
    if (!direct) {
        for (key k : user_keys) {
            if (ctx.props.non_blank(k) != nullptr) {
                append_item(keys, ctx.props.written_name(k));
                user = true;
            }
        }
    }
    const bool implied = !direct && user && !reference;
    w.add("detected_by", direct ? "direct" : implied ? "implied" : "none");
    w.add("encrypted_by_catalog", plain ? "false" : encrypted ? "true" : "unknown");
    w.add_bool("secret_reference", reference);
    if (direct) {
        w.set(status::fail);
        w.message("A password is stored in the connection's properties instead of Secrets "
                  "Manager.");
    } else if (implied && ctx.family == type_family::unknown) {
        // A type this version does not know may keep its credential elsewhere: never fail on an
        // absence there (audit-rules.md section 2).
        w.set(status::unknown);
        w.message("A user name is set with no secret reference, on a connection type this "
                  "version does not know: whether a password is stored is unknown.");
    } else if (implied) {
        w.set(status::fail);
        w.message("A user name is set with no secret reference: its password is stored in the "
                  "connection (hidden from this read).");
    } else {
        w.message(reference ? "The credential is referenced from Secrets Manager."
                            : "No credential is stored in the connection.");
    }
}

void glue_006(const rule_context& ctx, rule_result& r) {
    result_writer w(r, 5, status::pass, severity::high);
    constexpr key url_keys[] = {key::JDBC_CONNECTION_URL, key::CONNECTION_URL, key::CONNECTOR_URL};
    bool any_url = false;
    bool found = false;
    std::string* properties = nullptr;
    std::string* schemes = nullptr;
    std::string* parameters = nullptr;
    bool userinfo = false;
    secret_spans spans;
    for (key k : url_keys) {
        const std::string* url = ctx.props.non_blank(k);
        if (url == nullptr) {
            continue;
        }
        if (!any_url) {
            properties = &w.add("properties");
            schemes = &w.add("schemes");
            parameters = &w.add("parameters");
        }
        any_url = true;
        // The data store's URL was scanned once for every rule (with the wider redaction names,
        // which include GLUE-006's); the others are scanned here.
        const bool shared = url == ctx.url;
        if (!shared) {
            scan_secrets(*url, scan_mode::url, &is_secret_parameter_name, spans);
        }
        const secret_spans& found_here = shared ? ctx.url_secrets : spans;
        bool this_url = found_here.overflow;
        for (std::size_t i = 0; i < found_here.list.size(); ++i) {
            const auto& s = found_here.list[i];
            if (s.userinfo) {
                if (s.userinfo_password) {
                    userinfo = true;
                    this_url = true;
                }
            } else if (is_secret_parameter_name(s.name)) {
                append_item(*parameters, s.name);
                this_url = true;
            }
        }
        if (this_url) {
            found = true;
            append_item(*properties, ctx.props.written_name(k));
            append_item(*schemes, url_scheme(*url));
        }
    }
    if (!any_url) {
        w.set(status::not_applicable);
        w.message("The connection has no URL.");
        return;
    }
    w.add_bool("userinfo_password", userinfo);
    if (found) {
        w.set(status::fail);
        w.message("A connection URL embeds a credential (redacted in every output).");
        return;
    }
    w.message("No connection URL embeds a credential.");
}

void glue_007(const rule_context& ctx, rule_result& r) {
    result_writer w(r, 6, status::pass, severity::medium);
    bool found = false;
    if (ctx.props.unknown_keys > 0 && ctx.c.connection_properties) {
        std::string* keys = nullptr;
        for (const auto& [k, v] : *ctx.c.connection_properties) {
            if (lookup_key(k) == key::count_ && matches_secret_key_pattern(k) &&
                !is_secret_reference(k, v)) {
                if (keys == nullptr) {
                    keys = &w.add("ConnectionProperties");
                }
                append_item(*keys, k);
                found = true;
            }
        }
    }
    scan_map(ctx.c.spark_properties, "SparkProperties", w, found);
    scan_map(ctx.c.athena_properties, "AthenaProperties", w, found);
    scan_map(ctx.c.python_properties, "PythonProperties", w, found);
    const auto& auth = ctx.c.authentication_configuration;
    if (auth && auth->oauth2_properties) {
        scan_map(auth->oauth2_properties->token_url_parameters_map, "TokenUrlParametersMap", w,
                 found);
    }
    if (found) {
        w.set(status::fail);
        w.message("A free-form property key looks like a secret (low confidence: the key name is "
                  "the only signal).");
        return;
    }
    w.message("No free-form property key looks like a secret.");
}

void glue_008(const rule_context& ctx, rule_result& r) {
    result_writer w(r, 7, status::pass, severity::high);
    const auto& auth = ctx.c.authentication_configuration;
    const bool oauth2 =
        auth &&
        ((auth->authentication_type && iequals(trim(*auth->authentication_type), "OAUTH2")) ||
         auth->oauth2_properties.has_value());
    if (!oauth2) {
        w.set(status::not_applicable);
        w.message("The connection does not authenticate with OAuth2.");
        return;
    }
    const auto& o = auth->oauth2_properties;
    // OAuth2GrantType is an enum; anything else is not echoed.
    std::string_view grant = "absent";
    if (o && o->oauth2_grant_type) {
        grant = "other";
        for (std::string_view g : {"AUTHORIZATION_CODE", "CLIENT_CREDENTIALS", "JWT_BEARER"}) {
            if (iequals(trim(*o->oauth2_grant_type), g)) {
                grant = g;
            }
        }
    }
    w.add("grant_type", grant);
    std::string_view app = "absent";
    if (o && o->oauth2_client_application) {
        app =
            o->oauth2_client_application->user_managed_client_application_client_id ? "user_managed"
            : o->oauth2_client_application->aws_managed_client_application_reference ? "aws_managed"
                                                                                     : "absent";
    }
    w.add("client_app", app);
    if (!o || !o->token_url || trim(*o->token_url).empty()) {
        w.set(status::unknown);
        w.message("OAuth2 without a TokenUrl in the response: its scheme is unknown.");
        return;
    }
    const std::string_view url = trim(*o->token_url);
    // The host: after the scheme and any userinfo, up to the path, port or query.
    std::string_view host;
    if (const auto sep = url.find("://"); sep != std::string_view::npos) {
        host = url.substr(sep + 3);
        host = host.substr(0, find_any(host, "/?#"));
        if (const auto at = host.rfind('@'); at != std::string_view::npos) {
            host = host.substr(at + 1);
        }
    }
    w.add("token_host", host);
    if (istarts_with(url, "http://")) {
        w.set(status::fail);
        w.message("The OAuth2 token endpoint is plain http: client credentials and tokens cross "
                  "the network in clear text.");
        return;
    }
    if (!istarts_with(url, "https://")) {
        w.set(status::unknown);
        w.message("The OAuth2 token endpoint is neither http nor https.");
        return;
    }
    w.message("The OAuth2 token endpoint is https.");
}

void glue_009(const rule_context& ctx, rule_result& r) {
    result_writer w(r, 8, status::pass, severity::low);
    const auto& auth = ctx.c.authentication_configuration;
    const std::string_view type =
        auth && auth->authentication_type ? trim(*auth->authentication_type) : std::string_view{};
    if (!(iequals(type, "BASIC") || iequals(type, "OAUTH2") || iequals(type, "CUSTOM"))) {
        w.set(status::not_applicable);
        w.message("No BASIC, OAUTH2 or CUSTOM AuthenticationConfiguration.");
        return;
    }
    w.add("authentication_type", type);
    if (!auth->secret_arn || trim(*auth->secret_arn).empty()) {
        w.set(status::not_applicable);
        w.message("The AuthenticationConfiguration references no secret.");
        return;
    }
    w.add("secret_arn", trim(*auth->secret_arn)); // an ARN names a secret, it is not one
    const bool kms = auth->kms_key_arn && !trim(*auth->kms_key_arn).empty();
    w.add_bool("kms_key", kms);
    if (!kms) {
        w.set(status::fail);
        w.message("The authentication secret has no customer-managed KMS key (KmsKeyArn).");
        return;
    }
    w.message("The authentication secret is under a customer-managed KMS key.");
}

void glue_014(const rule_context& ctx, const rule_result& r005, rule_result& r) {
    result_writer w(r, 13, status::pass, severity::medium);
    switch (r005.status) {
    case status::not_applicable:
        w.set(status::not_applicable);
        w.message("GLUE-005 does not apply to this connection.");
        return;
    case status::unknown:
        w.set(status::unknown);
        w.message("Whether a credential is stored inline is unknown (GLUE-005).");
        return;
    case status::pass:
        w.message("No inline credential to rotate (GLUE-005 passes).");
        return;
    case status::fail:
        break;
    }
    w.add_number("threshold_days", ctx.options.max_credential_age.count());
    if (!ctx.c.last_updated_time) {
        w.set(status::unknown);
        w.message("An inline credential is stored but LastUpdatedTime is absent: its age is "
                  "unknown.");
        return;
    }
    append_timestamp(w.add("last_updated"), *ctx.c.last_updated_time);
    const long long age = days_between(*ctx.c.last_updated_time, ctx.options.now);
    w.add_number("age_days_at_least", age);
    if (age > ctx.options.max_credential_age.count()) {
        w.set(status::fail);
        w.message("The inline credential is older than the rotation window (it cannot be newer "
                  "than the connection's last update).");
        return;
    }
    w.message("The connection was updated within the rotation window.");
}

void glue_015(const rule_context& ctx, rule_result& r) {
    result_writer w(r, 14, status::pass, severity::low);
    if (ctx.family != type_family::db && ctx.family != type_family::stream && !ctx.connector) {
        w.set(status::not_applicable);
        w.message("Not a JDBC, Kafka or connector connection.");
        return;
    }
    bool keys_found = false;
    bool code_found = false;
    for (key k : {key::KAFKA_SASL_GSSAPI_KEYTAB, key::KAFKA_CLIENT_KEYSTORE}) {
        if (const std::string* v = ctx.props.non_blank(k)) {
            append_redacted_url(trim(*v), w.add(ctx.props.written_name(k)));
            keys_found = true;
        }
    }
    for (key k : {key::JDBC_DRIVER_JAR_URI, key::CONNECTOR_URL}) {
        if (const std::string* v = ctx.props.non_blank(k); v != nullptr && is_s3(*v)) {
            append_redacted_url(trim(*v), w.add(ctx.props.written_name(k)));
            code_found = true;
        }
    }
    if (keys_found) {
        w.set(status::fail, severity::low);
        w.message("Long-term key material (keytab or keystore) is loaded from S3: whoever can "
                  "read the object holds the keys.");
    } else if (code_found) {
        w.set(status::fail, severity::info);
        w.message("Driver or connector code is loaded from S3: whoever can write the object runs "
                  "code in every job that uses the connection.");
    } else {
        w.message("No key or code material is loaded from S3.");
    }
}

} // namespace glue_inventory::audit::detail
