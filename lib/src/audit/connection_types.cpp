#include "audit/connection_types.hpp"

#include "audit/properties.hpp"


namespace glue_inventory::audit::detail {

namespace {

// ConnectionType is an enum of upper-case names; compared ignoring case all the same, since the
// NDJSON an audit reads with --input may come from elsewhere.
template <std::size_t N>
bool one_of(std::string_view type, const std::string_view (&names)[N]) {
    for (auto n : names) {
        if (iequals(type, n)) {
            return true;
        }
    }
    return false;
}

constexpr std::string_view db_types[] = {
    "JDBC",     "MYSQL",   "POSTGRESQL", "ORACLE",       "SQLSERVER",      "DB2",
    "DB2AS400", "SAPHANA", "TERADATA",   "TERADATANOS",  "VERTICA",        "AZURESQL",
    "SYNAPSE",  "CLOUDERAHIVE", "CLOUDERAIMPALA"};
constexpr std::string_view doc_types[] = {"MONGODB", "DOCUMENTDB", "AZURECOSMOS"};
constexpr std::string_view awsiam_types[] = {
    "VIEW_VALIDATION_REDSHIFT", "VIEW_VALIDATION_ATHENA", "DYNAMODB", "CLOUDWATCH",
    "CLOUDWATCHMETRICS",        "TIMESTREAM",             "OPENSEARCH", "TPCDS"};
// The other ConnectionType values of the botocore model today (92 in all): SaaS and other
// connectors that authenticate through AuthenticationConfiguration.
constexpr std::string_view saas_types[] = {
    "SFTP",          "SALESFORCE",     "GOOGLEADS",        "GOOGLESHEETS",
    "GOOGLEANALYTICS4", "SERVICENOW",  "MARKETO",          "SAPODATA",
    "ZENDESK",       "JIRACLOUD",      "NETSUITEERP",      "HUBSPOT",
    "FACEBOOKADS",   "INSTAGRAMADS",   "ZOHOCRM",          "SALESFORCEPARDOT",
    "SALESFORCEMARKETINGCLOUD", "ADOBEANALYTICS", "SLACK", "LINKEDIN",
    "MIXPANEL",      "ASANA",          "STRIPE",           "SMARTSHEET",
    "DATADOG",       "WOOCOMMERCE",    "INTERCOM",         "SNAPCHATADS",
    "PAYPAL",        "QUICKBOOKS",     "FACEBOOKPAGEINSIGHTS", "FRESHDESK",
    "TWILIO",        "DOCUSIGNMONITOR", "FRESHSALES",      "ZOOM",
    "GOOGLESEARCHCONSOLE", "SALESFORCECOMMERCECLOUD", "SAPCONCUR", "DYNATRACE",
    "MICROSOFTDYNAMIC365FINANCEANDOPS", "MICROSOFTTEAMS", "BLACKBAUDRAISEREDGENXT", "MAILCHIMP",
    "GITLAB",        "PENDO",          "PRODUCTBOARD",     "CIRCLECI",
    "PIPEDIVE",      "SENDGRID",       "BIGQUERY",         "BLACKBAUD",
    "CMDB",          "DATALAKEGEN2",   "DOMO",             "GOOGLECLOUDSTORAGE",
    "HBASE",         "KUSTOMER",       "MICROSOFTDYNAMICS365CRM", "MONDAY",
    "OKTA",          "PIPEDRIVE"};

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
    if (one_of(type, db_types)) {
        return type_family::db;
    }
    if (iequals(type, "KAFKA")) {
        return type_family::stream;
    }
    if (one_of(type, doc_types)) {
        return type_family::doc;
    }
    if (iequals(type, "NETWORK")) {
        return type_family::net;
    }
    if (is_connector_type(type)) {
        const std::string* connector =
            c.connection_properties ? find_property_ci(*c.connection_properties, "CONNECTOR_TYPE")
                                    : nullptr;
        return connector != nullptr && iequals(trim(*connector), "Jdbc") ? type_family::db
                                                                         : type_family::connector;
    }
    if (one_of(type, awsiam_types)) {
        return type_family::awsiam;
    }
    if (one_of(type, saas_types)) {
        return type_family::saas;
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
