#include "protocol/response_parser.hpp"

#include "protocol/json_reader.hpp"

namespace glue_inventory::protocol {

using namespace json_reader;

// Defined in organizations.cpp: the ListAccounts document, read with the same parser.
bool parse_list_accounts_document(sj::parser& parser, std::string_view body,
                                  list_accounts_page& page, parse_error& err);

namespace {

// Each read_<shape> reads one object of that shape. On failure err.where is relative to the
// object; the caller puts the member name in front.

bool read_oauth2_client_application(sj::value& v, std::optional<oauth2_client_application>& out,
                                    parse_error& err) {
    sj::object obj;
    bool present = false;
    if (!open_object(v, obj, present, err)) {
        return false;
    }
    if (!present) {
        return true;
    }
    auto& app = out.emplace();
    for (auto field_result : obj) {
        sj::field field;
        std::string_view key;
        if (auto e = std::move(field_result).get(field); e != simdjson::SUCCESS) {
            return fail(err, e);
        }
        if (auto e = field.unescaped_key().get(key); e != simdjson::SUCCESS) {
            return fail(err, e);
        }
        bool ok = true;
        if (key == "UserManagedClientApplicationClientId") {
            ok = read_string(field.value(), app.user_managed_client_application_client_id, err);
        } else if (key == "AWSManagedClientApplicationReference") {
            ok = read_string(field.value(), app.aws_managed_client_application_reference, err);
        }
        if (!ok) {
            prefix_path(err, key);
            return false;
        }
    }
    return true;
}

bool read_oauth2_properties(sj::value& v, std::optional<oauth2_properties>& out, parse_error& err) {
    sj::object obj;
    bool present = false;
    if (!open_object(v, obj, present, err)) {
        return false;
    }
    if (!present) {
        return true;
    }
    auto& props = out.emplace();
    for (auto field_result : obj) {
        sj::field field;
        std::string_view key;
        if (auto e = std::move(field_result).get(field); e != simdjson::SUCCESS) {
            return fail(err, e);
        }
        if (auto e = field.unescaped_key().get(key); e != simdjson::SUCCESS) {
            return fail(err, e);
        }
        bool ok = true;
        if (key == "OAuth2GrantType") {
            ok = read_string(field.value(), props.oauth2_grant_type, err);
        } else if (key == "OAuth2ClientApplication") {
            ok =
                read_oauth2_client_application(field.value(), props.oauth2_client_application, err);
        } else if (key == "TokenUrl") {
            ok = read_string(field.value(), props.token_url, err);
        } else if (key == "TokenUrlParametersMap") {
            ok = read_property_map(field.value(), props.token_url_parameters_map, err);
        }
        if (!ok) {
            prefix_path(err, key);
            return false;
        }
    }
    return true;
}

bool read_authentication_configuration(sj::value& v,
                                       std::optional<authentication_configuration>& out,
                                       parse_error& err) {
    sj::object obj;
    bool present = false;
    if (!open_object(v, obj, present, err)) {
        return false;
    }
    if (!present) {
        return true;
    }
    auto& auth = out.emplace();
    for (auto field_result : obj) {
        sj::field field;
        std::string_view key;
        if (auto e = std::move(field_result).get(field); e != simdjson::SUCCESS) {
            return fail(err, e);
        }
        if (auto e = field.unescaped_key().get(key); e != simdjson::SUCCESS) {
            return fail(err, e);
        }
        bool ok = true;
        if (key == "AuthenticationType") {
            ok = read_string(field.value(), auth.authentication_type, err);
        } else if (key == "SecretArn") {
            ok = read_string(field.value(), auth.secret_arn, err);
        } else if (key == "KmsKeyArn") {
            ok = read_string(field.value(), auth.kms_key_arn, err);
        } else if (key == "OAuth2Properties") {
            ok = read_oauth2_properties(field.value(), auth.oauth2_properties, err);
        }
        if (!ok) {
            prefix_path(err, key);
            return false;
        }
    }
    return true;
}

bool read_physical_connection_requirements(sj::value& v,
                                           std::optional<physical_connection_requirements>& out,
                                           parse_error& err) {
    sj::object obj;
    bool present = false;
    if (!open_object(v, obj, present, err)) {
        return false;
    }
    if (!present) {
        return true;
    }
    auto& reqs = out.emplace();
    for (auto field_result : obj) {
        sj::field field;
        std::string_view key;
        if (auto e = std::move(field_result).get(field); e != simdjson::SUCCESS) {
            return fail(err, e);
        }
        if (auto e = field.unescaped_key().get(key); e != simdjson::SUCCESS) {
            return fail(err, e);
        }
        bool ok = true;
        if (key == "SubnetId") {
            ok = read_string(field.value(), reqs.subnet_id, err);
        } else if (key == "SecurityGroupIdList") {
            ok = read_string_list(field.value(), reqs.security_group_id_list, err);
        } else if (key == "AvailabilityZone") {
            ok = read_string(field.value(), reqs.availability_zone, err);
        }
        if (!ok) {
            prefix_path(err, key);
            return false;
        }
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

bool read_connection_member(connection_member member, sj::value& v, connection& c,
                            parse_error& err) {
    using m = connection_member;
    switch (member) {
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
        return read_physical_connection_requirements(v, c.physical_connection_requirements, err);
    case m::creation_time:
        return read_timestamp(v, c.creation_time, err);
    case m::last_updated_time:
        return read_timestamp(v, c.last_updated_time, err);
    case m::last_updated_by:
        return read_string(v, c.last_updated_by, err);
    case m::status:
        return read_string(v, c.status, err);
    case m::status_reason:
        return read_string(v, c.status_reason, err);
    case m::last_connection_validation_time:
        return read_timestamp(v, c.last_connection_validation_time, err);
    case m::authentication_configuration:
        return read_authentication_configuration(v, c.authentication_configuration, err);
    case m::connection_schema_version:
        return read_int(v, c.connection_schema_version, err);
    case m::compatible_compute_environments:
        return read_string_list(v, c.compatible_compute_environments, err);
    }
    return true;
}

bool read_connection(sj::value& v, connection& c, parse_error& err) {
    sj::object obj;
    if (auto e = v.get_object().get(obj); e != simdjson::SUCCESS) {
        return e == simdjson::INCORRECT_TYPE ? fail(err, "expected an object") : fail(err, e);
    }
    for (auto field_result : obj) {
        sj::field field;
        std::string_view key;
        if (auto e = std::move(field_result).get(field); e != simdjson::SUCCESS) {
            return fail(err, e);
        }
        if (auto e = field.unescaped_key().get(key); e != simdjson::SUCCESS) {
            return fail(err, e);
        }
        if (!read_connection_member(connection_member_of(key), field.value(), c, err)) {
            prefix_path(err, key);
            return false;
        }
    }
    return true;
}

bool read_connection_list(sj::value& v, std::vector<connection>& out, parse_error& err) {
    sj::array arr;
    bool present = false;
    if (!open_array(v, arr, present, err)) {
        return false;
    }
    if (!present) {
        return true;
    }
    std::size_t index = 0;
    for (auto element : arr) {
        sj::value item;
        if (auto e = std::move(element).get(item); e != simdjson::SUCCESS) {
            fail(err, e);
            prefix_index(err, index);
            return false;
        }
        if (!read_connection(item, out.emplace_back(), err)) {
            prefix_index(err, index);
            return false;
        }
        ++index;
    }
    return true;
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
    sj::document doc;
    sj::object root;
    if (!begin_document(impl_->parser, body, doc, root, error)) {
        return false;
    }
    for (auto field_result : root) {
        sj::field field;
        std::string_view key;
        if (auto e = std::move(field_result).get(field); e != simdjson::SUCCESS) {
            return fail(error, e);
        }
        if (auto e = field.unescaped_key().get(key); e != simdjson::SUCCESS) {
            return fail(error, e);
        }
        bool ok = true;
        if (key == "ConnectionList") {
            ok = read_connection_list(field.value(), page.connections, error);
        } else if (key == "NextToken") {
            ok = read_string(field.value(), page.next_token, error);
        }
        if (!ok) {
            prefix_path(error, key);
            return false;
        }
    }
    return end_document(doc, error);
}

bool response_parser::parse_list_accounts(std::string_view body, list_accounts_page& page,
                                          parse_error& error) {
    return parse_list_accounts_document(impl_->parser, body, page, error);
}

} // namespace glue_inventory::protocol
