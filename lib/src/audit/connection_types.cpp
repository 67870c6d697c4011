#include "audit/connection_types.hpp"

#include "audit/name_table.hpp"
#include "audit/properties.hpp"
#include "model/connection_types.hpp"

#include <array>
#include <iterator>

namespace glue_inventory::audit::detail {

namespace {

constexpr std::string_view db_types[] = {"JDBC",      "MYSQL",        "POSTGRESQL",    "ORACLE",
                                         "SQLSERVER", "DB2",          "DB2AS400",      "SAPHANA",
                                         "TERADATA",  "TERADATANOS",  "VERTICA",       "AZURESQL",
                                         "SYNAPSE",   "CLOUDERAHIVE", "CLOUDERAIMPALA"};
constexpr std::string_view doc_types[] = {"MONGODB", "DOCUMENTDB", "AZURECOSMOS"};
constexpr std::string_view awsiam_types[] = {"VIEW_VALIDATION_REDSHIFT",
                                             "VIEW_VALIDATION_ATHENA",
                                             "DYNAMODB",
                                             "CLOUDWATCH",
                                             "CLOUDWATCHMETRICS",
                                             "TIMESTREAM",
                                             "OPENSEARCH",
                                             "TPCDS"};
constexpr std::string_view connector_types[] = {"MARKETPLACE", "CUSTOM"};

constexpr bool is_one_of(std::string_view type, const auto& list) {
    for (auto t : list) {
        if (t == type) {
            return true;
        }
    }
    return false;
}

// Every type named above is one of the model's: a misspelt name would otherwise be a type that
// no connection has, and the real one would pass for SaaS.
static_assert([] {
    auto all_known = [](const auto& list) {
        for (auto t : list) {
            if (!is_one_of(t, connection_types)) {
                return false;
            }
        }
        return true;
    };
    return all_known(db_types) && all_known(doc_types) && all_known(awsiam_types) &&
           all_known(connector_types);
}());

// The family of a type of the botocore model. Every type not named above is a SaaS or other
// connector that authenticates through AuthenticationConfiguration.
constexpr type_family family_of_known(std::string_view type) {
    if (is_one_of(type, db_types)) {
        return type_family::db;
    }
    if (is_one_of(type, doc_types)) {
        return type_family::doc;
    }
    if (is_one_of(type, awsiam_types)) {
        return type_family::awsiam;
    }
    if (type == "KAFKA") {
        return type_family::stream;
    }
    if (type == "NETWORK") {
        return type_family::net;
    }
    if (is_one_of(type, connector_types)) {
        return type_family::connector; // decided by CONNECTOR_TYPE (see classify)
    }
    return type_family::saas;
}

// Every known type (the model's list, model/connection_types.hpp) with its family: classify
// runs once per connection of the organisation.
using type_table = name_table<type_family, 256>;

constexpr auto known_types = [] {
    std::array<type_table::entry, connection_types.size()> a{};
    for (std::size_t i = 0; i < connection_types.size(); ++i) {
        a[i] = {connection_types[i], family_of_known(connection_types[i])};
    }
    return type_table(a, type_family::unknown);
}();

// The family of a known type (ConnectionType compared ignoring case), or unknown.
type_family lookup_type(std::string_view type) {
    return known_types.find(type);
}

} // namespace

std::string_view to_string(type_family f) {
    switch (f) {
    case type_family::db:
        return "DB";
    case type_family::doc:
        return "DOC";
    case type_family::stream:
        return "STREAM";
    case type_family::net:
        return "NET";
    case type_family::saas:
        return "SAAS";
    case type_family::awsiam:
        return "AWSIAM";
    case type_family::connector:
        return "CONNECTOR";
    case type_family::unknown:
        break;
    }
    return "UNKNOWN";
}

bool is_connector_type(std::string_view connection_type) {
    return iequals(connection_type, "MARKETPLACE") || iequals(connection_type, "CUSTOM");
}

type_family classify(const connection& c) {
    const std::string_view type = c.connection_type ? std::string_view(*c.connection_type) : "";
    const type_family known = lookup_type(type);
    if (known == type_family::connector) {
        const std::string* connector =
            c.connection_properties ? find_property_ci(*c.connection_properties, "CONNECTOR_TYPE")
                                    : nullptr;
        return connector != nullptr && iequals(trim(*connector), "Jdbc") ? type_family::db
                                                                         : type_family::connector;
    }
    if (known != type_family::unknown) {
        return known;
    }
    if (c.authentication_configuration && c.authentication_configuration->authentication_type) {
        const std::string_view auth = trim(*c.authentication_configuration->authentication_type);
        if (iequals(auth, "BASIC") || iequals(auth, "OAUTH2") || iequals(auth, "CUSTOM")) {
            return type_family::saas;
        }
        if (iequals(auth, "IAM")) {
            return type_family::awsiam;
        }
    }
    return type_family::unknown;
}

} // namespace glue_inventory::audit::detail
