// The GetConnections data model: plain, owning values that mirror the API's shapes
// (botocore service model glue-2017-03-31). No I/O and no parsing here.
//
// Conventions, chosen so that what AWS sends survives unchanged:
// - every member is optional: absent and empty are different things (an absent list is not
//   an empty list), and the NDJSON writer omits exactly the absent members;
// - enums are kept as strings, so a value AWS adds tomorrow is carried through, not dropped;
// - maps keep the order in which the server sent their entries;
// - timestamps have millisecond precision, the finest the API reports;
// - members are named after the API's members; a nested structure's type has the same name as
//   its member, hence the qualified names inside the structs.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace glue_inventory {

/// A point in time, UTC, with the millisecond precision of the API's timestamps.
using timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

/// A string-to-string map in the order the server sent it (ConnectionProperties,
/// SparkProperties, AthenaProperties, PythonProperties, TokenUrlParametersMap).
using property_map = std::vector<std::pair<std::string, std::string>>;

/// The value of `key` in `map`, or nullptr when the key is absent.
inline const std::string* find_property(const property_map& map, std::string_view key) {
    for (const auto& [k, v] : map) {
        if (k == key) {
            return &v;
        }
    }
    return nullptr;
}

/// OAuth2ClientApplication.
struct oauth2_client_application {
    std::optional<std::string> user_managed_client_application_client_id;
    std::optional<std::string> aws_managed_client_application_reference;
    bool operator==(const oauth2_client_application&) const = default;
};

/// OAuth2Properties.
struct oauth2_properties {
    std::optional<std::string>
        oauth2_grant_type; // AUTHORIZATION_CODE | CLIENT_CREDENTIALS | JWT_BEARER | ...
    std::optional<::glue_inventory::oauth2_client_application> oauth2_client_application;
    std::optional<std::string> token_url;
    std::optional<property_map> token_url_parameters_map;
    bool operator==(const oauth2_properties&) const = default;
};

/// AuthenticationConfiguration.
struct authentication_configuration {
    std::optional<std::string> authentication_type; // BASIC | OAUTH2 | CUSTOM | IAM | ...
    std::optional<std::string> secret_arn;
    std::optional<std::string> kms_key_arn;
    std::optional<::glue_inventory::oauth2_properties> oauth2_properties;
    bool operator==(const authentication_configuration&) const = default;
};

/// PhysicalConnectionRequirements.
struct physical_connection_requirements {
    std::optional<std::string> subnet_id;
    std::optional<std::vector<std::string>> security_group_id_list;
    std::optional<std::string> availability_zone;
    bool operator==(const physical_connection_requirements&) const = default;
};

/// Connection: one connection definition of a Data Catalog.
struct connection {
    std::optional<std::string> name;
    std::optional<std::string> description;
    std::optional<std::string> connection_type; // JDBC | KAFKA | ... (92 values today)
    std::optional<std::vector<std::string>> match_criteria;
    std::optional<property_map> connection_properties;
    std::optional<property_map> spark_properties;
    std::optional<property_map> athena_properties;
    std::optional<property_map> python_properties;
    std::optional<::glue_inventory::physical_connection_requirements>
        physical_connection_requirements;
    std::optional<timestamp> creation_time;
    std::optional<timestamp> last_updated_time;
    std::optional<std::string> last_updated_by;
    std::optional<std::string> status; // READY | IN_PROGRESS | FAILED | ...
    std::optional<std::string> status_reason;
    std::optional<timestamp> last_connection_validation_time;
    std::optional<::glue_inventory::authentication_configuration> authentication_configuration;
    std::optional<int> connection_schema_version; // 1 or 2
    std::optional<std::vector<std::string>>
        compatible_compute_environments; // SPARK | ATHENA | PYTHON
    bool operator==(const connection&) const = default;
};

/// GetConnectionsFilter.
struct get_connections_filter {
    std::optional<std::vector<std::string>> match_criteria;
    std::optional<std::string> connection_type;
    std::optional<int> connection_schema_version;
    bool operator==(const get_connections_filter&) const = default;
};

/// GetConnectionsRequest. An absent member is not sent.
struct get_connections_request {
    std::optional<std::string> catalog_id;
    std::optional<get_connections_filter> filter;
    std::optional<bool> hide_password;
    std::optional<std::string> next_token;
    std::optional<int> max_results; // 1..1000
    bool operator==(const get_connections_request&) const = default;
};

/// GetConnectionsResponse: one page.
struct get_connections_page {
    std::vector<connection> connections;
    std::optional<std::string> next_token;
    bool operator==(const get_connections_page&) const = default;
};

} // namespace glue_inventory
