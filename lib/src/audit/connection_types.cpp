#include "audit/connection_types.hpp"

#include "audit/name_table.hpp"
#include "audit/properties.hpp"

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
// The other ConnectionType values of the botocore model today (92 in all): SaaS and other
// connectors that authenticate through AuthenticationConfiguration.
constexpr std::string_view saas_types[] = {"SFTP",
                                           "SALESFORCE",
                                           "GOOGLEADS",
                                           "GOOGLESHEETS",
                                           "GOOGLEANALYTICS4",
                                           "SERVICENOW",
                                           "MARKETO",
                                           "SAPODATA",
                                           "ZENDESK",
                                           "JIRACLOUD",
                                           "NETSUITEERP",
                                           "HUBSPOT",
                                           "FACEBOOKADS",
                                           "INSTAGRAMADS",
                                           "ZOHOCRM",
                                           "SALESFORCEPARDOT",
                                           "SALESFORCEMARKETINGCLOUD",
                                           "ADOBEANALYTICS",
                                           "SLACK",
                                           "LINKEDIN",
                                           "MIXPANEL",
                                           "ASANA",
                                           "STRIPE",
                                           "SMARTSHEET",
                                           "DATADOG",
                                           "WOOCOMMERCE",
                                           "INTERCOM",
                                           "SNAPCHATADS",
                                           "PAYPAL",
                                           "QUICKBOOKS",
                                           "FACEBOOKPAGEINSIGHTS",
                                           "FRESHDESK",
                                           "TWILIO",
                                           "DOCUSIGNMONITOR",
                                           "FRESHSALES",
                                           "ZOOM",
                                           "GOOGLESEARCHCONSOLE",
                                           "SALESFORCECOMMERCECLOUD",
                                           "SAPCONCUR",
                                           "DYNATRACE",
                                           "MICROSOFTDYNAMIC365FINANCEANDOPS",
                                           "MICROSOFTTEAMS",
                                           "BLACKBAUDRAISEREDGENXT",
                                           "MAILCHIMP",
                                           "GITLAB",
                                           "PENDO",
                                           "PRODUCTBOARD",
                                           "CIRCLECI",
                                           "PIPEDIVE",
                                           "SENDGRID",
                                           "BIGQUERY",
                                           "BLACKBAUD",
                                           "CMDB",
                                           "DATALAKEGEN2",
                                           "DOMO",
                                           "GOOGLECLOUDSTORAGE",
                                           "HBASE",
                                           "KUSTOMER",
                                           "MICROSOFTDYNAMICS365CRM",
                                           "MONDAY",
                                           "OKTA",
                                           "PIPEDRIVE"};

// Every known type with its family: classify runs once per connection of the organisation.
constexpr std::size_t known_type_count = std::size(db_types) + std::size(doc_types) +
                                         std::size(awsiam_types) + std::size(saas_types) + 4;
using type_table = name_table<type_family, 256>;

constexpr auto known_types = [] {
    std::array<type_table::entry, known_type_count> a{};
    std::size_t n = 0;
    for (auto t : db_types) {
        a[n++] = {t, type_family::db};
    }
    for (auto t : doc_types) {
        a[n++] = {t, type_family::doc};
    }
    for (auto t : awsiam_types) {
        a[n++] = {t, type_family::awsiam};
    }
    for (auto t : saas_types) {
        a[n++] = {t, type_family::saas};
    }
    a[n++] = {"KAFKA", type_family::stream};
    a[n++] = {"NETWORK", type_family::net};
    // Decided by CONNECTOR_TYPE (see classify).
    a[n++] = {"MARKETPLACE", type_family::connector};
    a[n++] = {"CUSTOM", type_family::connector};
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
