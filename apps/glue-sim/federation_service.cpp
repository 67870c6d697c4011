#include "federation_service.hpp"

#include "sim_crypto.hpp"
#include "sim_headers.hpp"

#include <simdjson.h>

namespace glue_sim {
namespace {

constexpr std::string_view sts_namespace = "https://sts.amazonaws.com/doc/2011-06-15/";
constexpr std::string_view role_arn_prefix = "arn:aws:iam::";

std::string digest_text(const digest& d) {
    return std::string(reinterpret_cast<const char*>(d.data()), d.size());
}

std::string query_of(std::string_view target) {
    const auto q = target.find('?');
    return q == std::string_view::npos ? std::string() : std::string(target.substr(q + 1));
}

void json_answer(sim_response& out, unsigned status, std::string body) {
    out.status = status;
    out.content_type = "application/json";
    out.body = std::move(body);
}

void json_failure(sim_response& out, unsigned status, std::string_view type,
                  std::string_view message) {
    json_answer(out, status,
                "{\"__type\":\"" + std::string(type) + "\",\"message\":\"" + std::string(message) +
                    "\"}");
}

} // namespace

federation_service::federation_service(const temporary_credentials_issuer& issuer, std::string key,
                                       federation_options options)
    : issuer_(issuer), key_(std::move(key)), options_(std::move(options)),
      client_secret_("sim-client-secret-" + hex(random_bytes(12))) {}

std::string federation_service::new_token(std::string_view kind) {
    return "sim-" + std::string(kind) + "-" + std::to_string(++counter_) + "-" +
           hex(random_bytes(12));
}

sso_grant federation_service::grant(std::chrono::sys_seconds now) {
    sso_grant g{new_token("sso-access"), new_token("sso-refresh"), client_secret_};
    std::lock_guard lock(mutex_);
    access_tokens_[g.access_token] = now + options_.access_token_ttl;
    refresh_tokens_[g.refresh_token] = now + options_.refresh_token_ttl;
    return g;
}

std::string federation_service::mint_web_identity_token(std::chrono::sys_seconds now,
                                                        std::chrono::seconds ttl,
                                                        std::string_view audience) const {
    const std::string header = base64url_encode(R"({"alg":"HS256","typ":"JWT"})");
    const auto iat = now.time_since_epoch().count();
    const std::string payload = base64url_encode(
        R"({"iss":"https://glue-sim.local","sub":"system:serviceaccount:default:glue-inventory",)"
        R"("aud":")" +
        std::string(audience) + R"(","iat":)" + std::to_string(iat) + R"(,"exp":)" +
        std::to_string(iat + ttl.count()) + "}");
    const std::string signing_input = header + "." + payload;
    return signing_input + "." + base64url_encode(digest_text(hmac_sha256(key_, signing_input)));
}

bool federation_service::handle(const sim_request& request, sim_response& out) {
    const std::string_view path = request.target.substr(0, request.target.find('?'));
    if (request.method == "GET" && path == "/federation/credentials") {
        ++role_credentials_calls_;
        get_role_credentials(request, out);
        return true;
    }
    if (request.method == "POST" && path == "/token") {
        ++create_token_calls_;
        create_token(request, out);
        return true;
    }
    if (request.method == "POST" && path == "/" &&
        form_value(request.body, "Action") == "AssumeRoleWithWebIdentity") {
        ++web_identity_calls_;
        web_identity(request, out);
        return true;
    }
    return false;
}

void federation_service::web_identity(const sim_request& request, sim_response& out) {
    const auto now = std::chrono::floor<std::chrono::seconds>(request.now);
    auto refuse = [&](std::string_view code, std::string_view message) {
        ++refused_;
        sts_error(out, 400, code, message);
    };
    // Unsigned by definition: a signature here means a client that signed what it must not.
    if (!find_header(request.headers, "authorization").empty()) {
        refuse("InvalidParameterValue", "AssumeRoleWithWebIdentity must not be signed");
        return;
    }
    const std::string token = form_value(request.body, "WebIdentityToken");
    const std::string role_arn = form_value(request.body, "RoleArn");
    const std::string session = form_value(request.body, "RoleSessionName");
    const auto first = token.find('.');
    const auto second = first == std::string::npos ? first : token.find('.', first + 1);
    if (second == std::string::npos || token.find('.', second + 1) != std::string::npos) {
        refuse("InvalidIdentityToken", "The web identity token is not a JWT");
        return;
    }
    const std::string signing_input = token.substr(0, second);
    const std::string expected = base64url_encode(digest_text(hmac_sha256(key_, signing_input)));
    if (!equal_constant_time(expected, token.substr(second + 1))) {
        refuse("InvalidIdentityToken", "The web identity token's signature is not valid");
        return;
    }
    const auto payload = base64url_decode(token.substr(first + 1, second - first - 1));
    simdjson::dom::parser parser;
    simdjson::dom::object claims;
    std::string_view audience;
    std::int64_t exp = 0;
    if (!payload ||
        parser.parse(payload->data(), payload->size()).get_object().get(claims) !=
            simdjson::SUCCESS ||
        claims["aud"].get_string().get(audience) != simdjson::SUCCESS ||
        claims["exp"].get_int64().get(exp) != simdjson::SUCCESS) {
        refuse("InvalidIdentityToken", "The web identity token's claims are malformed");
        return;
    }
    if (audience != "sts.amazonaws.com") {
        refuse("InvalidIdentityToken", "Incorrect token audience");
        return;
    }
    if (exp <= now.time_since_epoch().count()) {
        refuse("ExpiredTokenException", "Token expired");
        return;
    }
    const std::string account_prefix = std::string(role_arn_prefix) + options_.account + ":role/";
    if (!role_arn.starts_with(account_prefix) || role_arn.size() == account_prefix.size() ||
        session.size() < 2) {
        ++refused_;
        sts_error(out, 403, "AccessDenied",
                  "Not authorized to perform sts:AssumeRoleWithWebIdentity");
        return;
    }
    const std::string role_name = role_arn.substr(account_prefix.size());
    const auto creds =
        issuer_.issue(options_.account, role_name + "/" + session, now + options_.credentials_ttl);
    const std::string arn =
        "arn:aws:sts::" + options_.account + ":assumed-role/" + role_name + "/" + session;
    out.status = 200;
    out.content_type = "text/xml";
    out.body =
        "<AssumeRoleWithWebIdentityResponse xmlns=\"" + std::string(sts_namespace) +
        "\">\n  <AssumeRoleWithWebIdentityResult>\n    <Credentials>\n      "
        "<AccessKeyId>" +
        creds.access_key_id + "</AccessKeyId>\n      <SecretAccessKey>" + creds.secret_access_key +
        "</SecretAccessKey>\n      <SessionToken>" + creds.session_token +
        "</SessionToken>\n      <Expiration>" + iso8601_seconds(creds.expiration) +
        "</Expiration>\n    </Credentials>\n    <AssumedRoleUser>\n      "
        "<AssumedRoleId>AROA" +
        creds.access_key_id.substr(4) + ":" + xml_escape(session) +
        "</AssumedRoleId>\n      <Arn>" + xml_escape(arn) +
        "</Arn>\n    </AssumedRoleUser>\n    <Audience>sts.amazonaws.com</Audience>\n  "
        "</AssumeRoleWithWebIdentityResult>\n  <ResponseMetadata><RequestId>" +
        out.request_id + "</RequestId></ResponseMetadata>\n</AssumeRoleWithWebIdentityResponse>\n";
}

void federation_service::get_role_credentials(const sim_request& request, sim_response& out) {
    const auto now = std::chrono::floor<std::chrono::seconds>(request.now);
    const std::string bearer(find_header(request.headers, "x-amz-sso_bearer_token"));
    bool valid = false;
    {
        std::lock_guard lock(mutex_);
        auto it = access_tokens_.find(bearer);
        valid = it != access_tokens_.end() && it->second > now;
    }
    if (!valid) {
        ++refused_;
        json_failure(out, 401, "UnauthorizedException", "Session token not found or invalid");
        return;
    }
    const std::string query = query_of(request.target);
    if (form_value(query, "account_id") != options_.account ||
        form_value(query, "role_name") != options_.sso_role_name) {
        ++refused_;
        json_failure(out, 403, "ForbiddenException", "No access");
        return;
    }
    const auto creds = issuer_.issue(options_.account, options_.sso_role_name + "/sso-user",
                                     now + options_.credentials_ttl);
    const auto expiration_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(creds.expiration.time_since_epoch())
            .count();
    json_answer(out, 200,
                "{\"roleCredentials\":{\"accessKeyId\":\"" + creds.access_key_id +
                    "\",\"secretAccessKey\":\"" + creds.secret_access_key +
                    "\",\"sessionToken\":\"" + creds.session_token +
                    "\",\"expiration\":" + std::to_string(expiration_ms) + "}}");
}

void federation_service::create_token(const sim_request& request, sim_response& out) {
    const auto now = std::chrono::floor<std::chrono::seconds>(request.now);
    simdjson::dom::parser parser;
    simdjson::dom::object body;
    std::string_view client_id, client_secret, grant_type, refresh_token;
    if (parser.parse(request.body.data(), request.body.size()).get_object().get(body) !=
            simdjson::SUCCESS ||
        body["clientId"].get_string().get(client_id) != simdjson::SUCCESS ||
        body["clientSecret"].get_string().get(client_secret) != simdjson::SUCCESS ||
        body["grantType"].get_string().get(grant_type) != simdjson::SUCCESS ||
        body["refreshToken"].get_string().get(refresh_token) != simdjson::SUCCESS) {
        ++refused_;
        json_failure(out, 400, "InvalidRequestException", "Malformed CreateToken request");
        return;
    }
    if (client_id != options_.client_id || !equal_constant_time(client_secret, client_secret_)) {
        ++refused_;
        json_failure(out, 401, "InvalidClientException", "Invalid client");
        return;
    }
    if (grant_type != "refresh_token") {
        ++refused_;
        json_failure(out, 400, "UnsupportedGrantTypeException", "Unsupported grant type");
        return;
    }
    {
        std::lock_guard lock(mutex_);
        auto it = refresh_tokens_.find(refresh_token);
        if (it == refresh_tokens_.end() || it->second <= now) {
            ++refused_;
            json_failure(out, 400, "InvalidGrantException", "Invalid or expired refresh token");
            return;
        }
        refresh_tokens_.erase(it); // rotated: each refresh token works once
    }
    const sso_grant g = grant(now);
    json_answer(out, 200,
                "{\"accessToken\":\"" + g.access_token +
                    "\",\"tokenType\":\"Bearer\",\"expiresIn\":" +
                    std::to_string(options_.access_token_ttl.count()) + ",\"refreshToken\":\"" +
                    g.refresh_token + "\"}");
}

std::string federation_service::stats_json() const {
    return "{\"AssumeRoleWithWebIdentity\": " + std::to_string(web_identity_calls_.load()) +
           ", \"GetRoleCredentials\": " + std::to_string(role_credentials_calls_.load()) +
           ", \"CreateToken\": " + std::to_string(create_token_calls_.load()) +
           ", \"refused\": " + std::to_string(refused_.load()) + "}";
}

} // namespace glue_sim
