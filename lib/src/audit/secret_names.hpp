// Which names denote secrets: URL parameters (GLUE-006, redaction) and free-form property keys
// (GLUE-007). Matched by hand, not with std::regex: these run on every key of every connection.
#pragma once

#include <string_view>

namespace glue_inventory::audit::detail {

/// GLUE-006's parameter names (ignoring case): password, pwd, sslpassword, trustStorePassword,
/// keyStorePassword, clientCertificateKeyStorePassword, trustCertificateKeyStorePassword,
/// SecretAccessKey, Client_Secret, token; and any other name ending in "password".
bool is_secret_parameter_name(std::string_view name);

/// GLUE-007's key pattern, `(?i)(pass(word|wd)?|pwd|secret|token|api[_-]?key|private[_-]?key|
/// credential|access[_-]?key)` anywhere in the name.
bool matches_secret_key_pattern(std::string_view name);

/// A reference to a secret, not a secret (GLUE-007's exceptions): keys secretId / SECRET_ID (any
/// case, '_' or '-' or nothing between), keys ending in "_ARN" (any case) or "Arn", and values
/// that are Secrets Manager ARNs (arn:aws*:secretsmanager:...).
bool is_secret_reference(std::string_view key, std::string_view value);

/// What redaction hides: a secret parameter name or the key pattern.
inline bool is_redacted_name(std::string_view name) {
    return is_secret_parameter_name(name) || matches_secret_key_pattern(name);
}

} // namespace glue_inventory::audit::detail
