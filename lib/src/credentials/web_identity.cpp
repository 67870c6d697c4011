#include "web_identity.hpp"

#include <array>

namespace glue_inventory::creds::web_identity {
namespace {

constexpr unsigned status_ok = 200;
constexpr unsigned first_server_error = 500;

struct value_with_origin {
    std::string value;
    std::string origin;
};

std::optional<value_with_origin> lookup(const env_lookup* env, const profile_set::profile* profile,
                                        std::string_view profile_name, std::string_view variable,
                                        std::string_view key) {
    if (env != nullptr) {
        if (auto v = (*env)(variable); v && !v->empty()) {
            return value_with_origin{*v, std::string(variable)};
        }
    }
    if (profile != nullptr) {
        if (const std::string* v = profile->find(key); v != nullptr && !v->empty()) {
            return value_with_origin{*v, "key " + std::string(key) + " of profile '" +
                                             std::string(profile_name) + "'"};
        }
    }
    return std::nullopt;
}

// Well-formed UTF-8 (no overlongs or surrogates are checked: STS refuses those itself).
bool is_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t extra = 0;
        if (c < 0x80U) {
            extra = 0;
        } else if ((c & 0xE0U) == 0xC0U) {
            extra = 1;
        } else if ((c & 0xF0U) == 0xE0U) {
            extra = 2;
        } else if ((c & 0xF8U) == 0xF0U) {
            extra = 3;
        } else {
            return false;
        }
        for (std::size_t k = 1; k <= extra; ++k) {
            if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) & 0xC0U) != 0x80U) {
                return false;
            }
        }
        i += extra + 1;
    }
    return true;
}

bool is_retryable_code(std::string_view code) {
    constexpr std::array<std::string_view, 8> retryable{
        "IDPCommunicationError", "InvalidIdentityToken", "Throttling",
        "ThrottlingException",   "RequestLimitExceeded", "TooManyRequestsException",
        "ServiceUnavailable",    "InternalFailure"};
    for (auto r : retryable) {
        if (code == r) {
            return true;
        }
    }
    return false;
}

} // namespace

config_result<std::optional<settings>> resolve_settings(const env_lookup& env,
                                                        const profile_set::profile* profile,
                                                        std::string_view profile_name,
                                                        bool profile_is_explicit,
                                                        std::chrono::sys_seconds now) {
    const env_lookup* vars = profile_is_explicit ? nullptr : &env;
    auto token_file = lookup(vars, profile, profile_name, "AWS_WEB_IDENTITY_TOKEN_FILE",
                             "web_identity_token_file");
    if (!token_file) {
        return std::optional<settings>{};
    }
    auto role_arn = lookup(vars, profile, profile_name, "AWS_ROLE_ARN", "role_arn");
    if (!role_arn) {
        return config_error{token_file->origin +
                            " configures web identity, but no role ARN is set (AWS_ROLE_ARN or "
                            "the profile's role_arn): which role should the token assume?"};
    }
    settings out;
    out.token_file = token_file->value;
    out.role_arn = role_arn->value;
    out.origin = token_file->origin == "AWS_WEB_IDENTITY_TOKEN_FILE"
                     ? std::string("the environment")
                     : "profile '" + std::string(profile_name) + "'";
    if (auto name =
            lookup(vars, profile, profile_name, "AWS_ROLE_SESSION_NAME", "role_session_name")) {
        if (!is_role_session_name(name->value)) {
            return config_error{name->origin + ": \"" + name->value +
                                "\" is not a session name STS accepts (2 to 64 of "
                                "A-Z a-z 0-9 _+=,.@-)"};
        }
        out.role_session_name = name->value;
    } else {
        out.role_session_name = "glue-inventory-" + std::to_string(now.time_since_epoch().count());
    }
    return std::optional<settings>{std::move(out)};
}

config_result<http_request> build_request(const settings& s, const std::string& token,
                                          std::optional<std::chrono::seconds> duration) {
    if (token.empty()) {
        return config_error{"web identity token file \"" + s.token_file + "\" is empty"};
    }
    if (!is_utf8(token)) {
        return config_error{"web identity token file \"" + s.token_file +
                            "\" does not hold UTF-8 text"};
    }
    assume_role_with_web_identity_request request;
    request.role_arn = s.role_arn;
    request.role_session_name = s.role_session_name;
    request.web_identity_token = token;
    request.duration = duration;
    return http_request{"POST",
                        "/",
                        {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}},
                        assume_role_with_web_identity_body(request)};
}

std::string account_of_arn(std::string_view arn) {
    // arn:partition:service:region:account:resource
    constexpr int account_field = 4;
    for (int field = 0; field < account_field; ++field) {
        std::size_t colon = arn.find(':');
        if (colon == std::string_view::npos) {
            return {};
        }
        arn.remove_prefix(colon + 1);
    }
    std::size_t end = arn.find(':');
    return end == std::string_view::npos ? std::string() : std::string(arn.substr(0, end));
}

boost::system::result<assumed_identity, call_failure> read_answer(const settings& s,
                                                                  const http_outcome& outcome) {
    const std::string what = "AssumeRoleWithWebIdentity " + s.role_arn + " (" + s.origin + ")";
    if (!outcome.answer) {
        return call_failure{true, what + ": STS did not answer: " + outcome.failure.reason};
    }
    const http_answer& a = *outcome.answer;
    if (a.status != status_ok) {
        auto error = parse_sts_error(a.body);
        std::string message = what + " failed with " + std::to_string(a.status);
        bool retryable = a.status >= first_server_error;
        if (error) {
            message += ": " + error->code + ": " + error->message;
            retryable = retryable || is_retryable_code(error->code);
        }
        return call_failure{retryable, message};
    }
    auto parsed = parse_assume_role_with_web_identity_response(a.body);
    if (!parsed) {
        return call_failure{false, what + ": " + parsed.error().message};
    }
    assumed_identity out;
    out.creds = std::move(parsed->creds);
    out.arn = parsed->arn;
    out.account_id = account_of_arn(parsed->arn);
    return out;
}

} // namespace glue_inventory::creds::web_identity
