// What `diff` must never show: the values of secret-bearing members, and the secrets that ride
// inside other values (URL userinfo, secret-named parameters of URLs and option strings).
//
// A member is secret-bearing when any name on its path looks like a secret: it contains
// "password", "passwd", "pwd", "secret", "token", "credential", "private key", "api key",
// "access key", "authorization code" (case-insensitive, '_', '-', '.' and ' ' ignored) -- so
// PASSWORD, ENCRYPTED_PASSWORD, KAFKA_SASL_SCRAM_PASSWORD, spark.hadoop.fs.s3a.secret.key,
// OAuth2Credentials.AccessToken and every key of CustomAuthenticationCredentials are. Names
// that end in "url", "uri", "arn", "id" or "UrlParametersMap" (TokenUrl, SecretArn, SECRET_ID,
// TokenUrlParametersMap) only point at a secret and stay visible; their values are still
// redacted as text, and the keys of a map are judged one by one.
#pragma once

#include <string>
#include <string_view>

namespace glue_cli::diff {

/// What replaces a hidden secret inside a shown value.
inline constexpr std::string_view redacted = "REDACTED";

/// True when a member of this name holds a secret (see the header comment).
bool is_secret_name(std::string_view name);

/// Appends `text` with every secret inside it replaced by REDACTED: the password of URL
/// userinfo (`scheme://user:pass@` -> `scheme://user:REDACTED@`; userinfo without a ':' is
/// replaced whole), Oracle's `user/pass@`, and the value of every `name=value` pair whose name
/// is secret-like (after '?', '&', ';', ',', ':' or a blank, up to the next of those).
void append_redacted_text(std::string_view text, std::string& out);

inline std::string redact_text(std::string_view text) {
    std::string out;
    append_redacted_text(text, out);
    return out;
}

} // namespace glue_cli::diff
