#include "sso.hpp"

#include "sts_query.hpp"
#include "timestamp.hpp"

#include <array>
#include <cstdio>
#include <openssl/evp.h>
#include <simdjson.h>
#include <vector>

namespace glue_inventory::creds::sso {
namespace {

constexpr unsigned status_ok = 200;
constexpr unsigned status_unauthorized = 401;
constexpr unsigned status_too_many_requests = 429;
constexpr unsigned first_server_error = 500;

const std::string* find_set(const ini_section* section, std::string_view key) {
    if (section == nullptr) {
        return nullptr;
    }
    const std::string* v = section->find(key);
    return v != nullptr && !v->empty() ? v : nullptr;
}

const std::string* find_set(const profile_set::profile& p, std::string_view key) {
    const std::string* v = p.find(key);
    return v != nullptr && !v->empty() ? v : nullptr;
}

void append_json_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (char c : s) {
        auto b = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (b < 0x20U) {
            out += "\\u00";
            out += hex[b >> 4U];
            out += hex[b & 0x0FU];
        } else {
            out += c;
        }
    }
    out += '"';
}

std::string rfc3339(std::chrono::sys_seconds t) {
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss hms{t - day};
    std::array<char, 32> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%04d-%02u-%02uT%02d:%02d:%02dZ",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
    return buffer.data();
}

// The error type of a restJson1 answer: the x-amzn-errortype header or the body's
// "__type"/"error"/"code", without the namespace and the ":" suffix.
std::string error_type(const http_answer& a) {
    std::string type;
    if (const std::string* h = a.header("x-amzn-errortype")) {
        type = *h;
    } else {
        simdjson::dom::parser parser;
        simdjson::dom::object root;
        if (parser.parse(a.body.data(), a.body.size()).get_object().get(root) ==
            simdjson::SUCCESS) {
            std::string_view text;
            for (const char* key : {"__type", "error", "code"}) {
                if (root[key].get_string().get(text) == simdjson::SUCCESS) {
                    type = std::string(text);
                    break;
                }
            }
        }
    }
    if (auto colon = type.find(':'); colon != std::string::npos) {
        type.resize(colon);
    }
    if (auto hash = type.rfind('#'); hash != std::string::npos) {
        type.erase(0, hash + 1);
    }
    return type;
}

failure failure_of(std::string_view what, const http_outcome& outcome) {
    if (!outcome.answer) {
        return {true, std::string(what) + " did not answer: " + outcome.failure.reason};
    }
    const http_answer& a = *outcome.answer;
    std::string message = std::string(what) + " answered " + std::to_string(a.status);
    if (std::string type = error_type(a); !type.empty()) {
        message += " " + type;
    }
    return {a.status == status_too_many_requests || a.status >= first_server_error, message};
}

} // namespace

config_result<std::optional<settings>> resolve_settings(const profile_set& profiles,
                                                        std::string_view name) {
    auto it = profiles.profiles.find(name);
    if (it == profiles.profiles.end()) {
        return std::optional<settings>{};
    }
    const profile_set::profile& p = it->second;
    if (find_set(p, "sso_account_id") == nullptr && find_set(p, "sso_role_name") == nullptr) {
        return std::optional<settings>{};
    }
    settings out;
    out.profile = std::string(name);
    const ini_section* session = nullptr;
    if (const std::string* session_name = find_set(p, "sso_session")) {
        auto s = profiles.sso_sessions.find(*session_name);
        if (s == profiles.sso_sessions.end()) {
            return config_error{"The specified sso-session does not exist: \"" + *session_name +
                                "\""};
        }
        session = &s->second;
        out.session_name = *session_name;
    }
    std::vector<std::string> missing;
    for (auto [key, slot] : {std::pair<const char*, std::string*>{"sso_start_url", &out.start_url},
                             {"sso_region", &out.region},
                             {"sso_account_id", &out.account_id},
                             {"sso_role_name", &out.role_name}}) {
        const std::string* from_profile = find_set(p, key);
        const std::string* from_session = find_set(session, key);
        if (from_profile != nullptr && from_session != nullptr && *from_profile != *from_session) {
            return config_error{std::string("The value for ") + key +
                                " is inconsistent between profile (" + *from_profile +
                                ") and sso-session (" + *from_session + ")"};
        }
        const std::string* value = from_profile != nullptr ? from_profile : from_session;
        if (value == nullptr) {
            missing.emplace_back(key);
        } else {
            *slot = *value;
        }
    }
    if (!missing.empty()) {
        std::string list;
        for (const auto& m : missing) {
            list += (list.empty() ? "" : ", ") + m;
        }
        return config_error{
            "The profile \"" + std::string(name) +
            "\" is configured to use SSO but is missing required configuration: " + list};
    }
    return std::optional<settings>{std::move(out)};
}

std::string sha1_hex(std::string_view key) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int length = 0;
    EVP_Digest(key.data(), key.size(), md.data(), &length, EVP_sha1(), nullptr);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[md[i] >> 4U];
        out += hex[md[i] & 0x0FU];
    }
    return out;
}

std::string cache_file(const settings& s, std::string_view cache_dir) {
    return std::string(cache_dir) + "/" + sha1_hex(s.cache_key()) + ".json";
}

config_result<cached_token> parse_cached_token(std::string_view json, std::string_view key) {
    const std::string invalid =
        "Error loading SSO Token: Token for " + std::string(key) + " is invalid";
    simdjson::dom::parser parser;
    simdjson::dom::object root;
    if (parser.parse(json.data(), json.size()).get_object().get(root) != simdjson::SUCCESS) {
        return config_error{invalid + " (the cache file is not a JSON object)"};
    }
    cached_token out;
    std::string_view text;
    if (root["accessToken"].get_string().get(text) != simdjson::SUCCESS || text.empty()) {
        return config_error{invalid + " (no accessToken)"};
    }
    out.access_token = std::string(text);
    std::optional<std::chrono::sys_seconds> when;
    if (root["expiresAt"].get_string().get(text) != simdjson::SUCCESS ||
        !(when = parse_iso8601(text))) {
        return config_error{invalid + " (no expiresAt, or not an RFC 3339 time)"};
    }
    out.expires_at = *when;
    auto optional_text = [&](const char* name, std::optional<std::string>& slot) {
        if (root[name].get_string().get(text) == simdjson::SUCCESS && !text.empty()) {
            slot = std::string(text);
        }
    };
    optional_text("refreshToken", out.refresh_token);
    optional_text("clientId", out.client_id);
    optional_text("clientSecret", out.client_secret);
    optional_text("region", out.region);
    optional_text("startUrl", out.start_url);
    if (root["registrationExpiresAt"].get_string().get(text) == simdjson::SUCCESS) {
        out.registration_expires_at = parse_iso8601(text);
    }
    return out;
}

std::string write_cached_token(const cached_token& token) {
    std::string out = "{";
    auto member = [&](const char* name, std::string_view value) {
        if (out.size() > 1) {
            out += ',';
        }
        append_json_string(out, name);
        out += ':';
        append_json_string(out, value);
    };
    member("accessToken", token.access_token);
    member("expiresAt", rfc3339(token.expires_at));
    if (token.refresh_token) {
        member("refreshToken", *token.refresh_token);
    }
    if (token.client_id) {
        member("clientId", *token.client_id);
    }
    if (token.client_secret) {
        member("clientSecret", *token.client_secret);
    }
    if (token.registration_expires_at) {
        member("registrationExpiresAt", rfc3339(*token.registration_expires_at));
    }
    if (token.region) {
        member("region", *token.region);
    }
    if (token.start_url) {
        member("startUrl", *token.start_url);
    }
    out += '}';
    return out;
}

token_action decide(const settings& s, const cached_token& token, std::chrono::sys_seconds now,
                    std::optional<std::chrono::sys_seconds> last_attempt) {
    const bool expired = now >= token.expires_at;
    const bool refreshable = s.session_name && token.refresh_token && token.client_id &&
                             token.client_secret && token.registration_expires_at &&
                             now < *token.registration_expires_at &&
                             (!last_attempt || now >= *last_attempt + min_time_between_refreshes);
    if (refreshable && now + refresh_window > token.expires_at) {
        return token_action::refresh;
    }
    return expired ? token_action::refuse : token_action::use;
}

std::string login_error(const settings& s, std::string_view why) {
    return "profile '" + s.profile + "': " + std::string(why) + ". " + std::string(login_message);
}

http_request create_token_request(const cached_token& token) {
    std::string body = "{";
    auto member = [&](const char* name, std::string_view value) {
        if (body.size() > 1) {
            body += ',';
        }
        append_json_string(body, name);
        body += ':';
        append_json_string(body, value);
    };
    member("clientId", token.client_id.value_or(""));
    member("clientSecret", token.client_secret.value_or(""));
    member("grantType", "refresh_token");
    member("refreshToken", token.refresh_token.value_or(""));
    body += '}';
    return http_request{"POST", "/token", {{"Content-Type", "application/json"}}, std::move(body)};
}

boost::system::result<cached_token, failure>
apply_create_token_answer(const cached_token& old, const http_outcome& outcome,
                          std::chrono::sys_seconds now) {
    if (!outcome.answer || outcome.answer->status != status_ok) {
        return failure_of("SSO-OIDC CreateToken", outcome);
    }
    const std::string& body = outcome.answer->body;
    simdjson::dom::parser parser;
    simdjson::dom::object root;
    if (parser.parse(body.data(), body.size()).get_object().get(root) != simdjson::SUCCESS) {
        return failure{true, "SSO-OIDC CreateToken: the answer is not a JSON object"};
    }
    cached_token out = old;
    std::string_view text;
    std::int64_t expires_in = 0;
    if (root["accessToken"].get_string().get(text) != simdjson::SUCCESS || text.empty() ||
        root["expiresIn"].get_int64().get(expires_in) != simdjson::SUCCESS || expires_in <= 0) {
        return failure{false, "SSO-OIDC CreateToken: the answer has no accessToken or expiresIn"};
    }
    out.access_token = std::string(text);
    out.expires_at = now + std::chrono::seconds{expires_in};
    if (root["refreshToken"].get_string().get(text) == simdjson::SUCCESS && !text.empty()) {
        out.refresh_token = std::string(text);
    }
    return out;
}

http_request get_role_credentials_request(const settings& s, const std::string& access_token) {
    return http_request{"GET",
                        "/federation/credentials?role_name=" + percent_encode(s.role_name) +
                            "&account_id=" + percent_encode(s.account_id),
                        {{"x-amz-sso_bearer_token", access_token}},
                        {}};
}

boost::system::result<credentials, failure> read_role_credentials(const settings& s,
                                                                  const http_outcome& outcome) {
    const std::string what =
        "SSO GetRoleCredentials for role " + s.role_name + " in account " + s.account_id;
    if (outcome.answer && outcome.answer->status == status_unauthorized) {
        return failure{false, login_error(s, "the SSO portal refused the token (401)")};
    }
    if (!outcome.answer || outcome.answer->status != status_ok) {
        return failure_of(what, outcome);
    }
    const std::string& body = outcome.answer->body;
    simdjson::dom::parser parser;
    simdjson::dom::object role;
    if (parser.parse(body.data(), body.size())["roleCredentials"].get_object().get(role) !=
        simdjson::SUCCESS) {
        return failure{true, what + ": the answer has no roleCredentials object"};
    }
    credentials out;
    std::string_view text;
    std::int64_t expiration_ms = 0;
    auto take = [&](const char* name, std::string& slot) {
        if (role[name].get_string().get(text) != simdjson::SUCCESS || text.empty()) {
            return false;
        }
        slot = std::string(text);
        return true;
    };
    if (!take("accessKeyId", out.access_key_id) ||
        !take("secretAccessKey", out.secret_access_key) ||
        !take("sessionToken", out.session_token) ||
        role["expiration"].get_int64().get(expiration_ms) != simdjson::SUCCESS) {
        return failure{false, what + ": the answer lacks accessKeyId, secretAccessKey, "
                                     "sessionToken or expiration"};
    }
    // Epoch milliseconds, as every SDK reads this member.
    out.expiration = std::chrono::floor<std::chrono::seconds>(
        std::chrono::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{expiration_ms}});
    return out;
}

std::string oidc_host(std::string_view region) {
    return "oidc." + std::string(region) + ".amazonaws.com";
}

std::string portal_host(std::string_view region) {
    return "portal.sso." + std::string(region) + ".amazonaws.com";
}

} // namespace glue_inventory::creds::sso
