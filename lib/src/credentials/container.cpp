#include "container.hpp"

#include "model/ascii.hpp"
#include "timestamp.hpp"

#include <arpa/inet.h>
#include <array>
#include <cstring>
#include <simdjson.h>

namespace glue_inventory::creds::container {
namespace {

constexpr std::string_view relative_variable = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
constexpr std::string_view full_variable = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
constexpr unsigned status_ok = 200;
constexpr unsigned first_server_error = 500;

std::optional<std::string> non_empty(const env_lookup& env, std::string_view name) {
    auto v = env(name);
    return v && !v->empty() ? v : std::nullopt;
}

bool is_ip_literal(std::string_view host) {
    std::string text(host);
    std::array<unsigned char, sizeof(in6_addr)> buffer{};
    return inet_pton(AF_INET, text.c_str(), buffer.data()) == 1 ||
           inet_pton(AF_INET6, text.c_str(), buffer.data()) == 1;
}

std::string in_quotes(std::string_view s) {
    std::string out = "\"";
    out += s;
    out += '"';
    return out;
}

} // namespace

bool is_allowed_http_address(std::string_view address) {
    std::string text(address);
    in_addr v4{};
    if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
        const auto* b = reinterpret_cast<const unsigned char*>(&v4.s_addr);
        constexpr unsigned char loopback_net = 127;
        constexpr std::array<unsigned char, 4> ecs{169, 254, 170, 2};
        constexpr std::array<unsigned char, 4> eks{169, 254, 170, 23};
        return b[0] == loopback_net || std::memcmp(b, ecs.data(), ecs.size()) == 0 ||
               std::memcmp(b, eks.data(), eks.size()) == 0;
    }
    in6_addr v6{};
    if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
        in6_addr allowed{};
        for (const char* ok : {"::1", "fd00:ec2::23"}) {
            if (inet_pton(AF_INET6, ok, &allowed) == 1 &&
                std::memcmp(&v6, &allowed, sizeof(v6)) == 0) {
                return true;
            }
        }
    }
    return false;
}

config_result<std::optional<settings>> resolve_settings(const env_lookup& env) {
    settings out;
    if (auto relative = non_empty(env, relative_variable)) {
        if (relative->front() != '/') {
            return config_error{std::string(relative_variable) + " must start with '/'"};
        }
        auto uri = parse_http_uri(std::string(ecs_origin) + *relative, relative_variable);
        if (!uri) {
            return uri.error();
        }
        out.uri = std::move(*uri);
        out.uri_variable = std::string(relative_variable);
    } else if (auto full = non_empty(env, full_variable)) {
        auto uri = parse_http_uri(*full, full_variable);
        if (!uri) {
            return uri.error();
        }
        out.uri = std::move(*uri);
        out.uri_variable = std::string(full_variable);
        if (out.uri.scheme == "http") {
            if (is_ip_literal(out.uri.host)) {
                if (!is_allowed_http_address(out.uri.host)) {
                    return config_error{
                        std::string(full_variable) + ": plain http is allowed only to a loopback " +
                        "address, 169.254.170.2, 169.254.170.23 or fd00:ec2::23, not " +
                        out.uri.host + " (use https)"};
                }
            } else {
                out.host_to_resolve = out.uri.host;
            }
        }
    } else {
        return std::optional<settings>{};
    }
    out.token_file = non_empty(env, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
    if (!out.token_file) {
        out.token = non_empty(env, "AWS_CONTAINER_AUTHORIZATION_TOKEN");
    }
    return std::optional<settings>{std::move(out)};
}

config_result<bool> check_resolved_addresses(const settings& s,
                                             const std::vector<std::string>& addresses) {
    std::string host = s.host_to_resolve.value_or(s.uri.host);
    if (addresses.empty()) {
        return config_error{s.uri_variable + ": the host " + in_quotes(host) +
                            " resolves to no address"};
    }
    for (const auto& a : addresses) {
        if (!is_allowed_http_address(a)) {
            return config_error{s.uri_variable + ": the host " + in_quotes(host) + " resolves to " +
                                a +
                                ", which plain http may not reach (only loopback, "
                                "169.254.170.2, 169.254.170.23 and fd00:ec2::23; use https)"};
        }
    }
    return true;
}

config_result<http_request> build_request(const settings& s,
                                          const std::optional<std::string>& token_file_contents) {
    http_request request{"GET", s.uri.target, {{"Accept", "application/json"}}, {}};
    const std::optional<std::string>& token = s.token_file ? token_file_contents : s.token;
    if (s.token_file && !token_file_contents) {
        return config_error{"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " + in_quotes(*s.token_file) +
                            " was not read"};
    }
    if (token) {
        if (token->find_first_of("\r\n") != std::string::npos) {
            return config_error{
                std::string(s.token_file ? "the token in AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " +
                                               in_quotes(*s.token_file)
                                         : std::string("AWS_CONTAINER_AUTHORIZATION_TOKEN")) +
                " contains a CR or LF, which is not a legal header value"};
        }
        request.headers.push_back({"Authorization", *token});
    }
    return request;
}

boost::system::result<container_credentials, fetch_failure>
read_answer(const settings& s, const http_outcome& outcome) {
    const std::string where =
        "container credentials endpoint " + s.uri.origin() + " (" + s.uri_variable + ")";
    if (!outcome.answer) {
        return fetch_failure{true, where + " did not answer: " + outcome.failure.reason};
    }
    const http_answer& a = *outcome.answer;
    simdjson::dom::parser parser;
    simdjson::dom::object root;
    bool is_object =
        parser.parse(a.body.data(), a.body.size()).get_object().get(root) == simdjson::SUCCESS;
    if (a.status != status_ok) {
        std::string message = where + " answered " + std::to_string(a.status);
        if (is_object) {
            // {"code": ..., "message": ...} (Go's endpointcreds) or {"Code": ...} (ECS).
            std::string_view text;
            for (const char* key : {"code", "Code"}) {
                if (root[key].get_string().get(text) == simdjson::SUCCESS) {
                    message += " " + std::string(text);
                }
            }
            for (const char* key : {"message", "Message"}) {
                if (root[key].get_string().get(text) == simdjson::SUCCESS) {
                    message += ": " + std::string(text);
                }
            }
        }
        return fetch_failure{a.status >= first_server_error, message};
    }
    if (!is_object) {
        return fetch_failure{true, where + ": the answer is not a JSON object"};
    }
    container_credentials out;
    std::string expiration;
    for (auto [key, value] : root) {
        std::string_view text;
        if (value.get_string().get(text) != simdjson::SUCCESS) {
            continue;
        }
        if (key == "AccessKeyId") {
            out.creds.access_key_id = std::string(text);
        } else if (key == "SecretAccessKey") {
            out.creds.secret_access_key = std::string(text);
        } else if (key == "Token") {
            out.creds.session_token = std::string(text);
        } else if (key == "Expiration") {
            expiration = std::string(text);
        } else if (key == "AccountId" && !text.empty()) {
            out.account_id = std::string(text);
        }
    }
    for (auto [field, value] :
         {std::pair<const char*, const std::string*>{"AccessKeyId", &out.creds.access_key_id},
          {"SecretAccessKey", &out.creds.secret_access_key},
          {"Token", &out.creds.session_token},
          {"Expiration", &expiration}}) {
        if (value->empty()) {
            return fetch_failure{true, where + ": \"" + field + "\" is missing"};
        }
    }
    out.creds.expiration = parse_iso8601(expiration);
    if (!out.creds.expiration) {
        return fetch_failure{true, where + ": \"Expiration\" is not an ISO 8601 time: \"" +
                                       expiration + "\""};
    }
    return out;
}

} // namespace glue_inventory::creds::container
