// STS temporary credentials, stateless: the secret is HMAC(server key, access key id) and the
// session token carries the account, role and expiry under a MAC, so the server keeps no table
// and any thread can check any credentials.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace glue_sim {

struct temporary_credentials {
    std::string access_key_id; // "ASIA" + 16 characters
    std::string secret_access_key;
    std::string session_token;
    std::chrono::sys_seconds expiration;
};

/// What a valid session token says.
struct session_claims {
    std::string access_key_id;
    std::string account;
    std::string role_name;
    std::chrono::sys_seconds expiration;
};

class temporary_credentials_issuer {
public:
    explicit temporary_credentials_issuer(std::string server_key) : key_(std::move(server_key)) {}

    temporary_credentials issue(std::string_view account, std::string_view role_name,
                                std::chrono::sys_seconds expiration) const;

    /// The secret that belongs to a temporary access key id.
    std::string secret_for(std::string_view access_key_id) const;

    /// The claims of `session_token` when its MAC is right and it was issued for
    /// `access_key_id`; expiry is not checked here (the caller says "expired" apart).
    std::optional<session_claims> check(std::string_view access_key_id,
                                        std::string_view session_token) const;

    static bool is_temporary_key(std::string_view access_key_id) {
        return access_key_id.starts_with("ASIA");
    }

private:
    std::string key_;
};

} // namespace glue_sim
