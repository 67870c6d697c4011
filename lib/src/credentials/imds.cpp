#include "imds.hpp"

#include "model/ascii.hpp"
#include "timestamp.hpp"

#include <algorithm>
#include <charconv>
#include <simdjson.h>

namespace glue_inventory::creds::imds {
namespace {

constexpr unsigned status_ok = 200;
constexpr unsigned status_bad_request = 400;
constexpr unsigned status_unauthorized = 401;
constexpr unsigned status_forbidden = 403;
constexpr unsigned status_not_found = 404;
constexpr unsigned status_method_not_allowed = 405;

struct setting_value {
    std::string value;
    std::string origin; // the variable or "profile key K", for errors
};

// The environment variable when set (and non-empty), else the profile key.
std::optional<setting_value> lookup(const env_lookup& env, const profile_set::profile* profile,
                                    std::string_view variable, std::string_view key) {
    if (auto v = env(variable); v && !v->empty()) {
        return setting_value{*v, std::string(variable)};
    }
    if (profile != nullptr) {
        if (const std::string* v = profile->find(key); v != nullptr && !v->empty()) {
            return setting_value{*v, "profile key " + std::string(key)};
        }
    }
    return std::nullopt;
}

bool is_true(const std::optional<setting_value>& v) {
    return v && ascii_lower(v->value) == "true";
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

config_result<std::chrono::milliseconds> parse_timeout(const setting_value& v) {
    // Seconds, possibly fractional ("0.5"), as botocore's float().
    double seconds = 0;
    auto [end, ec] = std::from_chars(v.value.data(), v.value.data() + v.value.size(), seconds);
    constexpr double max_seconds = 3600;
    if (ec != std::errc{} || end != v.value.data() + v.value.size() || !(seconds > 0) ||
        seconds > max_seconds) {
        return config_error{v.origin + ": \"" + v.value +
                            "\" is not a timeout in seconds (more than 0, at most 3600)"};
    }
    constexpr double ms_per_second = 1000;
    return std::chrono::milliseconds{static_cast<long long>(seconds * ms_per_second)};
}

config_result<unsigned> parse_attempts(const setting_value& v) {
    unsigned n = 0;
    auto [end, ec] = std::from_chars(v.value.data(), v.value.data() + v.value.size(), n);
    constexpr unsigned max_attempts = 10;
    if (ec != std::errc{} || end != v.value.data() + v.value.size() || n == 0 || n > max_attempts) {
        return config_error{v.origin + ": \"" + v.value +
                            "\" is not a number of attempts from 1 to 10"};
    }
    return n;
}

bool is_server_error(unsigned status) {
    constexpr unsigned first_server_error = 500;
    return status >= first_server_error;
}

} // namespace

config_result<settings> resolve_settings(const env_lookup& env, const profile_set::profile* profile,
                                         const explicit_settings& explicit_) {
    settings out;
    out.disabled = is_true(lookup(env, nullptr, "AWS_EC2_METADATA_DISABLED", ""));
    out.v1_disabled =
        is_true(lookup(env, profile, "AWS_EC2_METADATA_V1_DISABLED", "ec2_metadata_v1_disabled"));

    std::optional<setting_value> endpoint;
    if (explicit_.endpoint) {
        endpoint = setting_value{*explicit_.endpoint, "the IMDS endpoint"};
    } else {
        endpoint = lookup(env, profile, "AWS_EC2_METADATA_SERVICE_ENDPOINT",
                          "ec2_metadata_service_endpoint");
    }
    if (!endpoint) {
        std::optional<setting_value> mode;
        if (explicit_.mode) {
            mode = setting_value{*explicit_.mode, "the IMDS endpoint mode"};
        } else {
            mode = lookup(env, profile, "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
                          "ec2_metadata_service_endpoint_mode");
        }
        bool ipv6 = false;
        if (mode) {
            std::string lower = ascii_lower(mode->value);
            if (lower != "ipv4" && lower != "ipv6") {
                return config_error{mode->origin + ": `" + mode->value +
                                    "` is not a valid endpoint mode (expected IPv4 or IPv6)"};
            }
            ipv6 = lower == "ipv6";
        } else {
            ipv6 = is_true(lookup(env, profile, "AWS_IMDS_USE_IPV6", "imds_use_ipv6"));
        }
        endpoint = setting_value{std::string(ipv6 ? ipv6_endpoint : ipv4_endpoint), "default"};
    }
    auto uri = parse_http_uri(endpoint->value, endpoint->origin);
    if (!uri) {
        return uri.error();
    }
    out.endpoint = std::move(*uri);
    // The endpoint is a base: "http://h/prefix/" + "/latest/..." must not double the slash.
    while (!out.endpoint.target.empty() && out.endpoint.target.back() == '/') {
        out.endpoint.target.pop_back();
    }

    if (auto v = lookup(env, profile, "AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout")) {
        auto timeout = parse_timeout(*v);
        if (!timeout) {
            return timeout.error();
        }
        out.timeout = *timeout;
    }
    if (auto v = lookup(env, profile, "AWS_METADATA_SERVICE_NUM_ATTEMPTS",
                        "metadata_service_num_attempts")) {
        auto attempts = parse_attempts(*v);
        if (!attempts) {
            return attempts.error();
        }
        out.attempts = *attempts;
    }

    // Set but empty is a mistake worth naming, not "unset" (the Go and JS SDKs refuse it too).
    if (auto v = env("AWS_EC2_INSTANCE_PROFILE_NAME")) {
        if (trim(*v).empty()) {
            return config_error{"AWS_EC2_INSTANCE_PROFILE_NAME is set but empty"};
        }
        out.profile_name = std::string(trim(*v));
    } else if (profile != nullptr) {
        if (const std::string* name = profile->find("ec2_instance_profile_name")) {
            if (trim(*name).empty()) {
                return config_error{"profile key ec2_instance_profile_name is empty"};
            }
            out.profile_name = std::string(trim(*name));
        }
    }
    return out;
}

std::string url_of(const settings& s, std::string_view path) {
    return s.endpoint.origin() + s.endpoint.target + std::string(path);
}

config_result<instance_credentials> parse_credentials_document(std::string_view json) {
    simdjson::dom::parser parser;
    simdjson::dom::object root;
    if (parser.parse(json.data(), json.size()).get_object().get(root) != simdjson::SUCCESS) {
        return config_error{"EC2 IMDS credentials: the answer is not a JSON object"};
    }
    instance_credentials out;
    std::string code = "Success";
    std::string message;
    std::string expiration;
    for (auto [key, value] : root) {
        std::string_view text;
        if (value.get_string().get(text) != simdjson::SUCCESS) {
            continue; // no member we read is anything but a string
        }
        // Member names are case-insensitive, as the Rust SDK reads them.
        std::string name = ascii_lower(key);
        if (name == "code") {
            code = std::string(text);
        } else if (name == "message") {
            message = std::string(text);
        } else if (name == "accesskeyid") {
            out.creds.access_key_id = std::string(text);
        } else if (name == "secretaccesskey") {
            out.creds.secret_access_key = std::string(text);
        } else if (name == "token") {
            out.creds.session_token = std::string(text);
        } else if (name == "expiration") {
            expiration = std::string(text);
        } else if (name == "accountid" && !text.empty()) {
            out.account_id = std::string(text);
        }
    }
    if (ascii_lower(code) != "success") {
        std::string error = "EC2 IMDS credentials: Code " + code;
        if (!message.empty()) {
            error += ": " + message;
        }
        if (code == "AssumeRoleUnauthorizedAccess") {
            error += " (does the role have a trust relationship with EC2?)";
        }
        return config_error{error};
    }
    for (auto [field, value] :
         {std::pair<const char*, const std::string*>{"AccessKeyId", &out.creds.access_key_id},
          {"SecretAccessKey", &out.creds.secret_access_key},
          {"Token", &out.creds.session_token},
          {"Expiration", &expiration}}) {
        if (value->empty()) {
            return config_error{std::string("EC2 IMDS credentials: \"") + field + "\" is missing"};
        }
    }
    out.creds.expiration = parse_iso8601(expiration);
    if (!out.creds.expiration) {
        return config_error{"EC2 IMDS credentials: \"Expiration\" is not an ISO 8601 time: \"" +
                            expiration + "\""};
    }
    return out;
}

bool extend_if_expired(credentials& creds, std::chrono::sys_seconds now,
                       std::chrono::seconds jitter) {
    if (!creds.expiration || *creds.expiration > now) {
        return false;
    }
    jitter = std::clamp(jitter, std::chrono::seconds{0}, max_extension_jitter);
    creds.expiration = now + expired_extension + jitter;
    return true;
}

std::string extension_message(const credentials& extended, std::chrono::sys_seconds now) {
    auto left = extended.expiration.value_or(now) - now;
    auto minutes = std::chrono::ceil<std::chrono::minutes>(left).count();
    return "Attempting credential expiration extension due to a credential service "
           "availability issue. A refresh of these credentials will be attempted again within "
           "the next " +
           std::to_string(minutes) + " minutes.";
}

fetch::fetch(const settings& s, provider_state& state, std::chrono::sys_seconds now, wanted what)
    : settings_(s), state_(state), now_(now), what_(what) {}

fetch::step fetch::start() {
    if (settings_.disabled) {
        return fetch_failure{fetch_failure::kind::unavailable,
                             "EC2 instance metadata is disabled (AWS_EC2_METADATA_DISABLED)"};
    }
    if (state_.token && now_ + token_refresh_buffer < state_.token_expiry) {
        use_token_ = true;
        return ask_first();
    }
    state_.token.reset();
    return ask_token();
}

fetch::step fetch::ask_first() {
    return what_ == wanted::region ? ask_region() : ask_role_list();
}

fetch::step fetch::ask_region() {
    stage_ = stage::region;
    return with_token({"GET", settings_.endpoint.target + std::string(region_path), {}, {}});
}

fetch::step fetch::on_region(const http_outcome& outcome) {
    if (auto retried = retry_or_fail(outcome, "region request")) {
        return *retried;
    }
    const http_answer& a = *outcome.answer;
    if (a.status == status_ok) {
        // The first line, as for the role list.
        std::string_view body = a.body;
        std::string_view name = trim(body.substr(0, body.find('\n')));
        if (name.empty()) {
            return fetch_failure{fetch_failure::kind::error,
                                 "EC2 instance metadata answered the region request with an "
                                 "empty region"};
        }
        return instance_region{std::string(name)};
    }
    if (a.status == status_unauthorized) {
        if (auto again = after_unauthorized()) {
            return *again;
        }
    }
    return fetch_failure{a.status == status_not_found ? fetch_failure::kind::unavailable
                                                      : fetch_failure::kind::error,
                         "EC2 instance metadata answered the region request with " +
                             std::to_string(a.status)};
}

fetch::step fetch::ask_token() {
    stage_ = stage::token;
    attempts_left_ = settings_.attempts;
    last_ = http_request{"PUT",
                         settings_.endpoint.target + std::string(token_path),
                         {{std::string(token_ttl_header), std::to_string(token_ttl.count())}},
                         {}};
    return send{last_};
}

fetch::step fetch::with_token(http_request request) {
    if (use_token_ && state_.token) {
        request.headers.push_back({std::string(token_header), *state_.token});
    }
    last_ = std::move(request);
    attempts_left_ = settings_.attempts;
    return send{last_};
}

fetch::step fetch::ask_role_list() {
    if (settings_.profile_name) {
        return ask_credentials();
    }
    if (state_.role) {
        return ask_credentials();
    }
    stage_ = stage::role_list;
    std::string path(state_.legacy ? legacy_path : extended_path);
    return with_token({"GET", settings_.endpoint.target + path, {}, {}});
}

std::string fetch::credentials_path() const {
    std::string path(state_.legacy ? legacy_path : extended_path);
    return settings_.endpoint.target + path +
           (settings_.profile_name ? *settings_.profile_name : state_.role.value_or(""));
}

fetch::step fetch::ask_credentials() {
    stage_ = stage::credentials;
    return with_token({"GET", credentials_path(), {}, {}});
}

fetch::step fetch::resume(const http_outcome& outcome) {
    switch (stage_) {
    case stage::token:
        return on_token(outcome);
    case stage::role_list:
        return on_role_list(outcome);
    case stage::region:
        return on_region(outcome);
    case stage::credentials:
        break;
    }
    return on_credentials(outcome);
}

// A transport failure or a 5xx: the same request again while attempts remain. std::nullopt
// when the outcome is not one of those.
std::optional<fetch::step> fetch::retry_or_fail(const http_outcome& outcome,
                                                std::string_view what) {
    bool transport = !outcome.answer.has_value();
    if (!transport && !is_server_error(outcome.answer->status)) {
        return std::nullopt;
    }
    if (--attempts_left_ > 0) {
        return send{last_};
    }
    if (transport) {
        return fetch_failure{fetch_failure::kind::unavailable,
                             "EC2 instance metadata at " + settings_.endpoint.origin() +
                                 " did not answer the " + std::string(what) + ": " +
                                 outcome.failure.reason};
    }
    return fetch_failure{fetch_failure::kind::error, "EC2 instance metadata answered the " +
                                                         std::string(what) + " with " +
                                                         std::to_string(outcome.answer->status)};
}

// A 401 on a GET: the token was refused (expired, or IMDS restarted). Fetch a new one once.
std::optional<fetch::step> fetch::after_unauthorized() {
    if (dropped_token_) {
        return std::nullopt;
    }
    dropped_token_ = true;
    state_.token.reset();
    use_token_ = false;
    return ask_token();
}

fetch::step fetch::on_token(const http_outcome& outcome) {
    if (auto retried =
            retry_or_fail(outcome, "token request (PUT " + std::string(token_path) + ")")) {
        return *retried;
    }
    const http_answer& a = *outcome.answer;
    if (a.status == status_ok && !a.body.empty()) {
        state_.token = a.body;
        std::chrono::seconds ttl = token_ttl;
        if (const std::string* echoed = a.header(token_ttl_header)) {
            long long seconds = 0;
            auto [end, ec] =
                std::from_chars(echoed->data(), echoed->data() + echoed->size(), seconds);
            if (ec == std::errc{} && end == echoed->data() + echoed->size() && seconds > 0) {
                ttl = std::chrono::seconds{seconds};
            }
        }
        state_.token_expiry = now_ + ttl;
        use_token_ = true;
        return ask_first();
    }
    if (a.status == status_forbidden || a.status == status_not_found ||
        a.status == status_method_not_allowed) {
        if (settings_.v1_disabled) {
            return fetch_failure{fetch_failure::kind::error,
                                 "Unable to retrieve token for use in IMDSv2 call and IMDSv1 "
                                 "has been disabled (EC2 IMDS answered " +
                                     std::to_string(a.status) + " to the token request)"};
        }
        use_token_ = false; // IMDSv1: the GETs go without a token
        return ask_first();
    }
    if (a.status == status_bad_request) {
        return fetch_failure{fetch_failure::kind::error,
                             "EC2 instance metadata refused the token request as malformed "
                             "(400)"};
    }
    return fetch_failure{fetch_failure::kind::error,
                         "EC2 instance metadata answered the token request with " +
                             std::to_string(a.status) +
                             (a.body.empty() ? std::string(" and no token") : std::string())};
}

fetch::step fetch::on_role_list(const http_outcome& outcome) {
    if (auto retried = retry_or_fail(outcome, "role name request")) {
        return *retried;
    }
    const http_answer& a = *outcome.answer;
    if (a.status == status_ok) {
        std::string_view body = a.body;
        std::string_view first = trim(body.substr(0, body.find('\n')));
        if (first.empty()) {
            return fetch_failure{fetch_failure::kind::error, "unexpected empty EC2 IMDS role list"};
        }
        state_.role = std::string(first);
        return ask_credentials();
    }
    if (a.status == status_not_found) {
        if (!state_.legacy) {
            state_.legacy = true; // no extended API here: the legacy path for good
            return ask_role_list();
        }
        return fetch_failure{fetch_failure::kind::unavailable,
                             "EC2 instance metadata has no IAM role (no instance profile is "
                             "attached to this instance)"};
    }
    if (a.status == status_unauthorized) {
        if (auto again = after_unauthorized()) {
            return *again;
        }
    }
    return fetch_failure{fetch_failure::kind::error,
                         "EC2 instance metadata answered the role name request with " +
                             std::to_string(a.status)};
}

fetch::step fetch::on_credentials(const http_outcome& outcome) {
    if (auto retried = retry_or_fail(outcome, "credentials request")) {
        return *retried;
    }
    const http_answer& a = *outcome.answer;
    if (a.status == status_ok) {
        auto parsed = parse_credentials_document(a.body);
        if (!parsed) {
            if (--attempts_left_ > 0) {
                return send{last_};
            }
            return fetch_failure{fetch_failure::kind::error, parsed.error().message};
        }
        return std::move(*parsed);
    }
    if (a.status == status_not_found) {
        if (settings_.profile_name) {
            if (!state_.legacy) {
                state_.legacy = true;
                return ask_credentials();
            }
            return fetch_failure{fetch_failure::kind::error,
                                 "EC2 instance metadata has no credentials for the configured "
                                 "instance profile name \"" +
                                     *settings_.profile_name +
                                     "\" (AWS_EC2_INSTANCE_PROFILE_NAME or "
                                     "ec2_instance_profile_name): invalid profile"};
        }
        if (!rediscovered_) {
            // The instance's role changed (or the extended API went away): find it again.
            rediscovered_ = true;
            state_.role.reset();
            return ask_role_list();
        }
        return fetch_failure{fetch_failure::kind::error,
                             "EC2 instance metadata has no credentials for role \"" +
                                 state_.role.value_or("") + "\" (404)"};
    }
    if (a.status == status_unauthorized) {
        if (auto again = after_unauthorized()) {
            return *again;
        }
    }
    return fetch_failure{fetch_failure::kind::error,
                         "EC2 instance metadata answered the credentials request with " +
                             std::to_string(a.status)};
}

} // namespace glue_inventory::creds::imds
