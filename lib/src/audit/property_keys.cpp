#include "audit/property_keys.hpp"

#include "audit/name_table.hpp"
#include "audit/properties.hpp"

namespace glue_inventory::audit::detail {

namespace {

constexpr std::array<std::string_view, key_count> names = {
    "HOST",
    "PORT",
    "USERNAME",
    "PASSWORD",
    "ENCRYPTED_PASSWORD",
    "JDBC_DRIVER_JAR_URI",
    "JDBC_DRIVER_CLASS_NAME",
    "JDBC_ENGINE",
    "JDBC_ENGINE_VERSION",
    "CONFIG_FILES",
    "INSTANCE_ID",
    "JDBC_CONNECTION_URL",
    "JDBC_ENFORCE_SSL",
    "CUSTOM_JDBC_CERT",
    "SKIP_CUSTOM_JDBC_CERT_VALIDATION",
    "CUSTOM_JDBC_CERT_STRING",
    "CONNECTION_URL",
    "KAFKA_BOOTSTRAP_SERVERS",
    "KAFKA_SSL_ENABLED",
    "KAFKA_CUSTOM_CERT",
    "KAFKA_SKIP_CUSTOM_CERT_VALIDATION",
    "KAFKA_CLIENT_KEYSTORE",
    "KAFKA_CLIENT_KEYSTORE_PASSWORD",
    "KAFKA_CLIENT_KEY_PASSWORD",
    "ENCRYPTED_KAFKA_CLIENT_KEYSTORE_PASSWORD",
    "ENCRYPTED_KAFKA_CLIENT_KEY_PASSWORD",
    "KAFKA_SASL_MECHANISM",
    "KAFKA_SASL_PLAIN_USERNAME",
    "KAFKA_SASL_PLAIN_PASSWORD",
    "ENCRYPTED_KAFKA_SASL_PLAIN_PASSWORD",
    "KAFKA_SASL_SCRAM_USERNAME",
    "KAFKA_SASL_SCRAM_PASSWORD",
    "KAFKA_SASL_SCRAM_SECRETS_ARN",
    "ENCRYPTED_KAFKA_SASL_SCRAM_PASSWORD",
    "KAFKA_SASL_GSSAPI_KEYTAB",
    "KAFKA_SASL_GSSAPI_KRB5_CONF",
    "KAFKA_SASL_GSSAPI_SERVICE",
    "KAFKA_SASL_GSSAPI_PRINCIPAL",
    "SECRET_ID",
    "CONNECTOR_URL",
    "CONNECTOR_TYPE",
    "CONNECTOR_CLASS_NAME",
    "ENDPOINT",
    "ENDPOINT_TYPE",
    "ROLE_ARN",
    "REGION",
    "WORKGROUP_NAME",
    "CLUSTER_IDENTIFIER",
    "DATABASE"};

constexpr auto key_table = [] {
    std::array<name_table<key, 128>::entry, key_count> entries{};
    for (std::size_t i = 0; i < key_count; ++i) {
        entries[i] = {names[i], static_cast<key>(i)};
    }
    return name_table<key, 128>(entries, key::count_);
}();

} // namespace

std::string_view name_of(key k) {
    return names[static_cast<std::size_t>(k)];
}

key lookup_key(std::string_view name) {
    return key_table.find(name);
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
