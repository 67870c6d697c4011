#include "protocol/response_parser.hpp"

#include "protocol/json_reader.hpp"

namespace glue_inventory::protocol {

using namespace json_reader;

// Defined in organizations.cpp: the ListAccounts document, read with the same parser.
bool parse_list_accounts_document(sj::parser& parser, std::string_view body,
                                  list_accounts_page& page, parse_error& err);

namespace {

// Each read_<shape>_member reads one member of that shape's object (read_members calls it); on
// failure err.where is relative to the member, read_members puts the member's name in front.

bool read_oauth2_client_application_member(std::string_view key, sj::value& v,
                                           oauth2_client_application& app, parse_error& err) {
    if (key == "UserManagedClientApplicationClientId") {
        return read_string(v, app.user_managed_client_application_client_id, err);
    }
    if (key == "AWSManagedClientApplicationReference") {
        return read_string(v, app.aws_managed_client_application_reference, err);
    }
    return true;
}

bool read_oauth2_properties_member(std::string_view key, sj::value& v, oauth2_properties& props,
                                   parse_error& err) {
    if (key == "OAuth2GrantType") {
        return read_string(v, props.oauth2_grant_type, err);
    }
    if (key == "OAuth2ClientApplication") {
        return read_object(v, props.oauth2_client_application, err,
                           read_oauth2_client_application_member);
    }
    if (key == "TokenUrl") {
        return read_string(v, props.token_url, err);
    }
    if (key == "TokenUrlParametersMap") {
        return read_property_map(v, props.token_url_parameters_map, err);
    }
    return true;
}

bool read_authentication_configuration_member(std::string_view key, sj::value& v,
                                              authentication_configuration& auth,
                                              parse_error& err) {
    if (key == "AuthenticationType") {
        return read_string(v, auth.authentication_type, err);
    }
    if (key == "SecretArn") {
        return read_string(v, auth.secret_arn, err);
    }
    if (key == "KmsKeyArn") {
        return read_string(v, auth.kms_key_arn, err);
    }
    if (key == "OAuth2Properties") {
        return read_object(v, auth.oauth2_properties, err, read_oauth2_properties_member);
    }
    return true;
}

bool read_physical_connection_requirements_member(std::string_view key, sj::value& v,
                                                  physical_connection_requirements& reqs,
                                                  parse_error& err) {
    if (key == "SubnetId") {
        return read_string(v, reqs.subnet_id, err);
    }
    if (key == "SecurityGroupIdList") {
        return read_string_list(v, reqs.security_group_id_list, err);
    }
    if (key == "AvailabilityZone") {
        return read_string(v, reqs.availability_zone, err);
    }
    return true;
}

enum class connection_member {
    unknown,
    name,
    description,
    connection_type,
    match_criteria,
    connection_properties,
    spark_properties,
    athena_properties,
    python_properties,
    physical_connection_requirements,
    creation_time,
    last_updated_time,
    last_updated_by,
    status,
    status_reason,
    last_connection_validation_time,
    authentication_configuration,
    connection_schema_version,
    compatible_compute_environments,
};

// The length of a key rules out all but one or two names: one comparison instead of up to 18.
connection_member connection_member_of(std::string_view key) {
    using m = connection_member;
    switch (key.size()) {
    case 4:
        return key == "Name" ? m::name : m::unknown;
    case 6:
        return key == "Status" ? m::status : m::unknown;
    case 11:
        return key == "Description" ? m::description : m::unknown;
    case 12:
        return key == "CreationTime"   ? m::creation_time
               : key == "StatusReason" ? m::status_reason
                                       : m::unknown;
    case 13:
        return key == "MatchCriteria"   ? m::match_criteria
               : key == "LastUpdatedBy" ? m::last_updated_by
                                        : m::unknown;
    case 14:
        return key == "ConnectionType" ? m::connection_type : m::unknown;
    case 15:
        return key == "SparkProperties"   ? m::spark_properties
               : key == "LastUpdatedTime" ? m::last_updated_time
                                          : m::unknown;
    case 16:
        return key == "AthenaProperties"   ? m::athena_properties
               : key == "PythonProperties" ? m::python_properties
                                           : m::unknown;
    case 20:
        return key == "ConnectionProperties" ? m::connection_properties : m::unknown;
    case 23:
        return key == "ConnectionSchemaVersion" ? m::connection_schema_version : m::unknown;
    case 27:
        return key == "AuthenticationConfiguration" ? m::authentication_configuration : m::unknown;
    case 28:
        return key == "LastConnectionValidationTime" ? m::last_connection_validation_time
                                                     : m::unknown;
    case 29:
        return key == "CompatibleComputeEnvironments" ? m::compatible_compute_environments
                                                      : m::unknown;
    case 30:
        return key == "PhysicalConnectionRequirements" ? m::physical_connection_requirements
                                                       : m::unknown;
    default:
        return m::unknown;
    }
}

// A timestamp as the CLI's NDJSON record writes it (ISO 8601 UTC); null is absent.
bool read_iso_timestamp(sj::value& v, std::optional<timestamp>& out, parse_error& err) {
    std::string_view text;
    bool present = false;
    if (!read_or_null(v.get_string().get(text), v, present, "expected an ISO 8601 timestamp",
                      err)) {
        return false;
    }
    if (present) {
        timestamp t{};
        if (!parse_iso8601(text, t)) {
            return fail(err, "expected an ISO 8601 timestamp (2024-05-01T12:34:56.789Z)");
        }
        out = t;
    }
    return true;
}

// The timestamps of a Connection: JSON numbers of seconds in a response, ISO 8601 strings in the
// CLI's NDJSON record; everything else is read the same way.
enum class timestamp_form { epoch_seconds, iso8601 };

template <timestamp_form Form>
bool read_connection_timestamp(sj::value& v, std::optional<timestamp>& out, parse_error& err) {
    if constexpr (Form == timestamp_form::iso8601) {
        return read_iso_timestamp(v, out, err);
    } else {
        return read_timestamp(v, out, err);
    }
}

template <timestamp_form Form = timestamp_form::epoch_seconds>
bool read_connection_member(std::string_view key, sj::value& v, connection& c, parse_error& err) {
    using m = connection_member;
    switch (connection_member_of(key)) {
    case m::unknown:
        return true; // not touched: On-Demand skips it when the next field is read
    case m::name:
        return read_string(v, c.name, err);
    case m::description:
        return read_string(v, c.description, err);
    case m::connection_type:
        return read_string(v, c.connection_type, err);
    case m::match_criteria:
        return read_string_list(v, c.match_criteria, err);
    case m::connection_properties:
        return read_property_map(v, c.connection_properties, err);
    case m::spark_properties:
        return read_property_map(v, c.spark_properties, err);
    case m::athena_properties:
        return read_property_map(v, c.athena_properties, err);
    case m::python_properties:
        return read_property_map(v, c.python_properties, err);
    case m::physical_connection_requirements:
        return read_object(v, c.physical_connection_requirements, err,
                           read_physical_connection_requirements_member);
    case m::creation_time:
        return read_connection_timestamp<Form>(v, c.creation_time, err);
    case m::last_updated_time:
        return read_connection_timestamp<Form>(v, c.last_updated_time, err);
    case m::last_updated_by:
        return read_string(v, c.last_updated_by, err);
    case m::status:
        return read_string(v, c.status, err);
    case m::status_reason:
        return read_string(v, c.status_reason, err);
    case m::last_connection_validation_time:
        return read_connection_timestamp<Form>(v, c.last_connection_validation_time, err);
    case m::authentication_configuration:
        return read_object(v, c.authentication_configuration, err,
                           read_authentication_configuration_member);
    case m::connection_schema_version:
        return read_int(v, c.connection_schema_version, err);
    case m::compatible_compute_environments:
        return read_string_list(v, c.compatible_compute_environments, err);
    }
    return true;
}

bool read_connection(sj::value& v, connection& c, parse_error& err) {
    // Through a lambda, not the function's address: GCC then inlines the member switch into
    // the loop over the members, as it did when this loop was written out here (5% faster).
    return read_required_object(
        v, c, err, [](std::string_view key, sj::value& value, connection& out, parse_error& e) {
            return read_connection_member(key, value, out, e);
        });
}

bool read_get_connections_member(std::string_view key, sj::value& v, get_connections_page& page,
                                 parse_error& err) {
    if (key == "ConnectionList") {
        return read_list(v, page.connections, err, read_connection);
    }
    if (key == "NextToken") {
        return read_string(v, page.next_token, err);
    }
    return true;
}

// A member of the CLI's NDJSON record: the context's three, then the Connection's.
bool read_ndjson_record_member(std::string_view key, sj::value& v, ndjson_record& r,
                               parse_error& err) {
    if (key == "AccountId") {
        return read_string(v, r.account_id, err);
    }
    if (key == "Region") {
        return read_string(v, r.region, err);
    }
    if (key == "CatalogId") {
        return read_string(v, r.catalog_id, err);
    }
    return read_connection_member<timestamp_form::iso8601>(key, v, r.conn, err);
}

} // namespace

struct response_parser::impl {
    sj::parser parser;
};

response_parser::response_parser() : impl_(std::make_unique<impl>()) {}
response_parser::~response_parser() = default;
response_parser::response_parser(response_parser&&) noexcept = default;
response_parser& response_parser::operator=(response_parser&&) noexcept = default;

std::size_t response_parser::padding() noexcept {
    return simdjson::SIMDJSON_PADDING;
}

bool response_parser::parse_get_connections(std::string_view body, get_connections_page& page,
                                            parse_error& error) {
    page.connections.clear();
    page.next_token.reset();
    return read_document(impl_->parser, body, page, error, read_get_connections_member);
}

bool response_parser::parse_ndjson_record(std::string_view line, ndjson_record& record,
                                          parse_error& error) {
    record = ndjson_record{};
    if (!read_document(impl_->parser, line, record, error, read_ndjson_record_member)) {
        return false;
    }
    if (record.account_id.empty() || record.region.empty()) {
        error.what = "no AccountId or Region (not a record of `glue-inventory scan`)";
        error.where.clear();
        return false;
    }
    return true;
}

bool response_parser::parse_list_accounts(std::string_view body, list_accounts_page& page,
                                          parse_error& error) {
    return parse_list_accounts_document(impl_->parser, body, page, error);
}

} // namespace glue_inventory::protocol
