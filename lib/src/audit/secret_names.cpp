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

// "api" "key", "api_key", "api-key" at `i` (lower-case text).
bool word_pair_at(std::string_view s, std::size_t i, std::string_view first,
                  std::string_view second) {
    if (s.substr(i, first.size()) != first) {
        return false;
    }
    std::size_t j = i + first.size();
    if (j < s.size() && (s[j] == '_' || s[j] == '-')) {
        ++j;
    }
    return s.substr(j, second.size()) == second;
}

} // namespace

bool is_secret_parameter_name(std::string_view name) {
    name = trim(name);
    for (auto n : secret_parameters) {
        if (iequals(name, n)) {
            return true;
        }
    }
    return iends_with(name, "password");
}

bool matches_secret_key_pattern(std::string_view name) {
    // Lower-case once into a bounded buffer: keys are short (the API caps them at 255 bytes).
    constexpr std::size_t max_key = 256;
    char buffer[max_key];
    const std::size_t n = name.size() < max_key ? name.size() : max_key;
    for (std::size_t i = 0; i < n; ++i) {
        buffer[i] = ascii_lower(name[i]);
    }
    const std::string_view s(buffer, n);
    for (std::size_t i = 0; i < s.size(); ++i) {
        switch (s[i]) {
        case 'p':
            if (s.substr(i, 4) == "pass" || s.substr(i, 3) == "pwd" ||
                word_pair_at(s, i, "private", "key")) {
                return true;
            }
            break;
        case 's':
            if (s.substr(i, 6) == "secret") {
                return true;
            }
            break;
        case 't':
            if (s.substr(i, 5) == "token") {
                return true;
            }
            break;
        case 'a':
            if (word_pair_at(s, i, "api", "key") || word_pair_at(s, i, "access", "key")) {
                return true;
            }
            break;
        case 'c':
            if (s.substr(i, 10) == "credential") {
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
