#include "audit/property_keys.hpp"

#include "audit/properties.hpp"

#include <algorithm>

namespace glue_inventory::audit::detail {

namespace {

constexpr std::array<std::string_view, key_count> names = {
    "HOST", "PORT", "USERNAME", "PASSWORD", "ENCRYPTED_PASSWORD", "JDBC_DRIVER_JAR_URI",
    "JDBC_DRIVER_CLASS_NAME", "JDBC_ENGINE", "JDBC_ENGINE_VERSION", "CONFIG_FILES", "INSTANCE_ID",
    "JDBC_CONNECTION_URL", "JDBC_ENFORCE_SSL", "CUSTOM_JDBC_CERT", "SKIP_CUSTOM_JDBC_CERT_VALIDATION",
    "CUSTOM_JDBC_CERT_STRING", "CONNECTION_URL", "KAFKA_BOOTSTRAP_SERVERS", "KAFKA_SSL_ENABLED",
    "KAFKA_CUSTOM_CERT", "KAFKA_SKIP_CUSTOM_CERT_VALIDATION", "KAFKA_CLIENT_KEYSTORE",
    "KAFKA_CLIENT_KEYSTORE_PASSWORD", "KAFKA_CLIENT_KEY_PASSWORD",
    "ENCRYPTED_KAFKA_CLIENT_KEYSTORE_PASSWORD", "ENCRYPTED_KAFKA_CLIENT_KEY_PASSWORD",
    "KAFKA_SASL_MECHANISM", "KAFKA_SASL_PLAIN_USERNAME", "KAFKA_SASL_PLAIN_PASSWORD",
    "ENCRYPTED_KAFKA_SASL_PLAIN_PASSWORD", "KAFKA_SASL_SCRAM_USERNAME", "KAFKA_SASL_SCRAM_PASSWORD",
    "KAFKA_SASL_SCRAM_SECRETS_ARN", "ENCRYPTED_KAFKA_SASL_SCRAM_PASSWORD", "KAFKA_SASL_GSSAPI_KEYTAB",
    "KAFKA_SASL_GSSAPI_KRB5_CONF", "KAFKA_SASL_GSSAPI_SERVICE", "KAFKA_SASL_GSSAPI_PRINCIPAL",
    "SECRET_ID", "CONNECTOR_URL", "CONNECTOR_TYPE", "CONNECTOR_CLASS_NAME", "ENDPOINT",
    "ENDPOINT_TYPE", "ROLE_ARN", "REGION", "WORKGROUP_NAME", "CLUSTER_IDENTIFIER", "DATABASE"};

struct entry {
    std::string_view name;
    key k;
};

// Sorted at compile time for a binary search over upper-cased names.
constexpr auto sorted_entries = [] {
    std::array<entry, key_count> a{};
    for (std::size_t i = 0; i < key_count; ++i) {
        a[i] = {names[i], static_cast<key>(i)};
    }
    std::sort(a.begin(), a.end(), [](const entry& x, const entry& y) { return x.name < y.name; });
    return a;
}();

// The longest of the 49 names; a longer key cannot be one of them.
constexpr std::size_t longest_name = 40;

} // namespace

std::string_view name_of(key k) { return names[static_cast<std::size_t>(k)]; }

key lookup_key(std::string_view name) {
    if (name.size() > longest_name) {
        return key::count_;
    }
    char buffer[longest_name];
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        buffer[i] = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    }
    const std::string_view upper(buffer, name.size());
    const auto it = std::lower_bound(sorted_entries.begin(), sorted_entries.end(), upper,
                                     [](const entry& e, std::string_view n) { return e.name < n; });
    return it != sorted_entries.end() && it->name == upper ? it->k : key::count_;
}

const std::string* indexed_properties::non_blank(key k) const {
    const std::string* v = get(k);
    return v != nullptr && !trim(*v).empty() ? v : nullptr;
}

std::string_view indexed_properties::written_name(key k) const {
    const std::string* w = written[static_cast<std::size_t>(k)];
    return w != nullptr ? std::string_view(*w) : name_of(k);
}

void index_properties(const property_map* map, indexed_properties& out) {
    out.value.fill(nullptr);
    out.written.fill(nullptr);
    out.unknown_keys = 0;
    if (map == nullptr) {
        return;
    }
    for (const auto& [k, v] : *map) {
        const key found = lookup_key(k);
        if (found == key::count_) {
            ++out.unknown_keys;
            continue;
        }
        const auto i = static_cast<std::size_t>(found);
        if (out.value[i] == nullptr) {
            out.value[i] = &v;
            out.written[i] = &k;
        }
    }
}

} // namespace glue_inventory::audit::detail
