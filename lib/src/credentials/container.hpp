// Container credentials (ECS task roles, EKS Pod Identity, Lambda SnapStart, Greengrass),
// sans-I/O: which URI and token the environment configures, whether an http host may receive
// them, the request to send and how to read the answer. The specification is
// /work/shared/reference/credential-providers.md section 2.
#pragma once

#include "config_error.hpp"
#include "environment.hpp"
#include "http_message.hpp"
#include "http_uri.hpp"

#include <boost/system/result.hpp>
#include <chrono>
#include <glue_inventory/credentials.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace glue_inventory::creds::container {

/// Where AWS_CONTAINER_CREDENTIALS_RELATIVE_URI points: the ECS agent's link-local address.
inline constexpr std::string_view ecs_origin = "http://169.254.170.2";
/// Each request's connect and read timeout (botocore's 2 s).
inline constexpr std::chrono::milliseconds timeout{2000};
/// Attempts per fetch; only transport failures, 5xx and unreadable 200 answers are retried
/// (the Rust SDK's classification), 4xx never are.
inline constexpr unsigned attempts = 3;
/// A token file larger than this is refused: tokens are a few KiB.
inline constexpr std::size_t max_token_file_bytes = 64 * 1024;

struct settings {
    http_uri uri;
    std::string uri_variable; // the variable that gave it, for errors
    /// AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: read again before every fetch (EKS rotates it).
    std::optional<std::string> token_file;
    /// AWS_CONTAINER_AUTHORIZATION_TOKEN, used when there is no token file. A secret.
    std::optional<std::string> token;
    /// An http URI naming its host: every address the name resolves to must pass
    /// is_allowed_http_address before the first request.
    std::optional<std::string> host_to_resolve;
};

/// The settings, std::nullopt when neither URI variable is set (the source is not
/// configured). RELATIVE_URI wins over FULL_URI. Errors name the variable: a relative URI
/// without a leading '/', a full URI that does not parse ("URI did not specify a host"), an
/// http URI whose literal address is not allowed.
config_result<std::optional<settings>> resolve_settings(const env_lookup& env);

/// True for the addresses a plain-http container URI may point at: loopback (127.0.0.0/8,
/// ::1), the ECS agent 169.254.170.2 and EKS Pod Identity 169.254.170.23 / fd00:ec2::23.
/// False for anything else, including a host name.
bool is_allowed_http_address(std::string_view address);

/// Checks every address a host name resolved to. Error: none, or one that is not allowed.
config_result<bool> check_resolved_addresses(const settings& s,
                                             const std::vector<std::string>& addresses);

/// The GET to send. `token_file_contents`: what the token file holds now, when there is one
/// (the caller reads it before every fetch). Error: a token with CR or LF (not a legal header
/// value). The token is sent verbatim as the Authorization header, never trimmed.
config_result<http_request> build_request(const settings& s,
                                          const std::optional<std::string>& token_file_contents);

struct container_credentials {
    credentials creds;
    std::optional<std::string> account_id;
};

struct fetch_failure {
    bool retryable = false;
    std::string message; // the status and the server's code and message, never a secret
};

/// Reads one outcome: 200 with the credential JSON, else a failure classified for retry.
boost::system::result<container_credentials, fetch_failure>
read_answer(const settings& s, const http_outcome& outcome);

} // namespace glue_inventory::creds::container
