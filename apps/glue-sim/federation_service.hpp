// The federated credential sources glue-sim plays on its HTTPS listener, so that the client's
// web identity and SSO providers run end to end:
// - STS AssumeRoleWithWebIdentity (POST /, unsigned): the JWT must have three base64url parts,
//   an HS256 signature by glue-sim's own key, aud "sts.amazonaws.com" and an unexpired exp;
// - the SSO portal's GetRoleCredentials (GET /federation/credentials, bearer token in
//   x-amz-sso_bearer_token) and SSO-OIDC CreateToken (POST /token, refresh_token grant), with
//   access and refresh tokens that expire.
// Every credential handed out is the simulator's own temporary credentials, so its other
// services accept them. Thread-safe: the token table is under a mutex.
#pragma once

#include "simulator.hpp"
#include "temporary_credentials.hpp"

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace glue_sim {

struct federation_options {
    std::string account;                      // where web identity and SSO roles live
    std::string sso_role_name = "GlueSimSSO"; // the one role GetRoleCredentials serves
    std::string client_id = "glue-sim-client";
    std::chrono::seconds access_token_ttl{3600};
    std::chrono::seconds refresh_token_ttl{8 * 3600};
    std::chrono::seconds credentials_ttl{3600};
};

/// What a test needs to set up an SSO cache file.
struct sso_grant {
    std::string access_token;
    std::string refresh_token;
    std::string client_secret;
};

class federation_service {
public:
    federation_service(const temporary_credentials_issuer& issuer, std::string key,
                       federation_options options);

    /// Answers `request` into `out` and returns true when it is one of the operations above.
    bool handle(const sim_request& request, sim_response& out);

    /// A web identity token (JWT) valid for `ttl` from `now`, for `audience`.
    std::string mint_web_identity_token(std::chrono::sys_seconds now, std::chrono::seconds ttl,
                                        std::string_view audience = "sts.amazonaws.com") const;
    /// A fresh access token (valid access_token_ttl) and refresh token.
    sso_grant grant(std::chrono::sys_seconds now);

    const federation_options& options() const { return options_; }
    /// The "federation" member of stats.json.
    std::string stats_json() const;

private:
    void web_identity(const sim_request& request, sim_response& out);
    void get_role_credentials(const sim_request& request, sim_response& out);
    void create_token(const sim_request& request, sim_response& out);
    std::string new_token(std::string_view kind);

    const temporary_credentials_issuer& issuer_;
    std::string key_;
    federation_options options_;
    std::string client_secret_;
    std::mutex mutex_;
    std::map<std::string, std::chrono::sys_seconds, std::less<>> access_tokens_;
    std::map<std::string, std::chrono::sys_seconds, std::less<>> refresh_tokens_;
    std::atomic<std::uint64_t> web_identity_calls_{0}, role_credentials_calls_{0},
        create_token_calls_{0}, refused_{0}, counter_{0};
};

} // namespace glue_sim
