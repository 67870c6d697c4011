#include "audit/secret_names.hpp"

#include "audit/properties.hpp"

namespace glue_inventory::audit::detail {

namespace {

constexpr std::string_view secret_parameters[] = {"password",
                                                  "pwd",
                                                  "sslpassword",
                                                  "trustStorePassword",
                                                  "keyStorePassword",
                                                  "clientCertificateKeyStorePassword",
                                                  "trustCertificateKeyStorePassword",
                                                  "SecretAccessKey",
                                                  "Client_Secret",
                                                  "token"};

// `word` at position `i` of `s`, compared by hand (no memcmp call for a few bytes).
constexpr bool at(std::string_view s, std::size_t i, std::string_view word) {
    if (s.size() - i < word.size()) {
        return false;
    }
    for (std::size_t k = 0; k < word.size(); ++k) {
        if (s[i + k] != word[k]) {
            return false;
        }
    }
    return true;
}

// "api" "key", "api_key", "api-key" at `i` (lower-case text).
constexpr bool word_pair_at(std::string_view s, std::size_t i, std::string_view first,
                            std::string_view second) {
    if (!at(s, i, first)) {
        return false;
    }
    std::size_t j = i + first.size();
    if (j < s.size() && (s[j] == '_' || s[j] == '-')) {
        ++j;
    }
    return at(s, j, second);
}

} // namespace

bool is_secret_parameter_name(std::string_view name) {
    name = trim(name);
    if (iends_with(name, "password")) {
        return true;
    }
    for (auto n : secret_parameters) {
        if (iequals(name, n)) {
            return true;
        }
    }
    return false;
}

bool matches_secret_key_pattern(std::string_view name) {
    // Lower-case once into a bounded buffer (keys are short: the API caps them at 255 bytes),
    // then look for the words only where one of their first letters is.
    constexpr std::size_t max_key = 256;
    char buffer[max_key];
    const std::size_t n = name.size() < max_key ? name.size() : max_key;
    for (std::size_t i = 0; i < n; ++i) {
        buffer[i] = ascii_lower(name[i]);
    }
    const std::string_view s(buffer, n);
    for (std::size_t i = 0; i + 3 <= s.size(); ++i) {
        switch (s[i]) {
        case 'p':
            if (at(s, i, "pass") || at(s, i, "pwd") || word_pair_at(s, i, "private", "key")) {
                return true;
            }
            break;
        case 's':
            if (at(s, i, "secret")) {
                return true;
            }
            break;
        case 't':
            if (at(s, i, "token")) {
                return true;
            }
            break;
        case 'a':
            if (word_pair_at(s, i, "api", "key") || word_pair_at(s, i, "access", "key")) {
                return true;
            }
            break;
        case 'c':
            if (at(s, i, "credential")) {
                return true;
            }
            break;
        default:
            break;
        }
    }
    return false;
}

bool is_secret_reference(std::string_view key, std::string_view value) {
    key = trim(key);
    if (iequals(key, "secretId") || iequals(key, "secret_id") || iequals(key, "secret-id") ||
        iends_with(key, "_arn") || key.ends_with("Arn")) {
        return true;
    }
    value = trim(value);
    if (!istarts_with(value, "arn:aws")) {
        return false;
    }
    // arn:<partition>:secretsmanager:...
    const auto colon = value.find(':', 4);
    return colon != std::string_view::npos &&
           istarts_with(value.substr(colon + 1), "secretsmanager:");
}

} // namespace glue_inventory::audit::detail
