// The 49 ConnectionProperties keys of the botocore model (ConnectionPropertyKey), looked up
// ignoring case in one pass over a connection's properties.
#pragma once

#include <array>
#include <cstdint>
#include <glue_inventory/model.hpp>
#include <string_view>

namespace glue_inventory::audit::detail {

enum class key : std::uint8_t {
    HOST,
    PORT,
    USERNAME,
    PASSWORD,
    ENCRYPTED_PASSWORD,
    JDBC_DRIVER_JAR_URI,
    JDBC_DRIVER_CLASS_NAME,
    JDBC_ENGINE,
    JDBC_ENGINE_VERSION,
    CONFIG_FILES,
    INSTANCE_ID,
    JDBC_CONNECTION_URL,
    JDBC_ENFORCE_SSL,
    CUSTOM_JDBC_CERT,
    SKIP_CUSTOM_JDBC_CERT_VALIDATION,
    CUSTOM_JDBC_CERT_STRING,
    CONNECTION_URL,
    KAFKA_BOOTSTRAP_SERVERS,
    KAFKA_SSL_ENABLED,
    KAFKA_CUSTOM_CERT,
    KAFKA_SKIP_CUSTOM_CERT_VALIDATION,
    KAFKA_CLIENT_KEYSTORE,
    KAFKA_CLIENT_KEYSTORE_PASSWORD,
    KAFKA_CLIENT_KEY_PASSWORD,
    ENCRYPTED_KAFKA_CLIENT_KEYSTORE_PASSWORD,
    ENCRYPTED_KAFKA_CLIENT_KEY_PASSWORD,
    KAFKA_SASL_MECHANISM,
    KAFKA_SASL_PLAIN_USERNAME,
    KAFKA_SASL_PLAIN_PASSWORD,
    ENCRYPTED_KAFKA_SASL_PLAIN_PASSWORD,
    KAFKA_SASL_SCRAM_USERNAME,
    KAFKA_SASL_SCRAM_PASSWORD,
    KAFKA_SASL_SCRAM_SECRETS_ARN,
    ENCRYPTED_KAFKA_SASL_SCRAM_PASSWORD,
    KAFKA_SASL_GSSAPI_KEYTAB,
    KAFKA_SASL_GSSAPI_KRB5_CONF,
    KAFKA_SASL_GSSAPI_SERVICE,
    KAFKA_SASL_GSSAPI_PRINCIPAL,
    SECRET_ID,
    CONNECTOR_URL,
    CONNECTOR_TYPE,
    CONNECTOR_CLASS_NAME,
    ENDPOINT,
    ENDPOINT_TYPE,
    ROLE_ARN,
    REGION,
    WORKGROUP_NAME,
    CLUSTER_IDENTIFIER,
    DATABASE,
    count_
};

inline constexpr std::size_t key_count = static_cast<std::size_t>(key::count_);
static_assert(key_count == 49, "ConnectionPropertyKey has 49 values");

/// The canonical (upper-case) name of `k`.
std::string_view name_of(key k);

/// The key named `name` ignoring case, or key::count_ when it is not one of the 49.
key lookup_key(std::string_view name);

/// The first value and the key as written of each of the 49 keys in a property map.
struct indexed_properties {
    std::array<const std::string*, key_count> value{};
    std::array<const std::string*, key_count> written{};
    std::size_t unknown_keys = 0; // keys outside the 49

    const std::string* get(key k) const { return value[static_cast<std::size_t>(k)]; }
    /// The value, or nullptr when absent or blank.
    const std::string* non_blank(key k) const;
    /// The key as written (for evidence), or its canonical name.
    std::string_view written_name(key k) const;
};

void index_properties(const property_map* map, indexed_properties& out);

} // namespace glue_inventory::audit::detail
