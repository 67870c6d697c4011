// Shared by the protocol tests: padded bodies and a connection with every member set.
#pragma once

#include "protocol/response_parser.hpp"

#include <chrono>
#include <fstream>
#include <glue_inventory/model.hpp>
#include <sstream>
#include <string>
#include <string_view>

namespace protocol_test {

using namespace glue_inventory;
using namespace std::chrono_literals;

/// A body followed by the padding the parser may read, in a buffer of its own (so that a read
/// past body + padding is a heap overflow that the sanitizers report).
struct padded_body {
    explicit padded_body(std::string_view body) : size(body.size()) {
        storage.assign(body);
        storage.append(protocol::response_parser::padding(), '\0');
    }
    std::string_view view() const { return {storage.data(), size}; }
    std::string storage;
    std::size_t size;
};

inline timestamp at_millis(std::int64_t millis) {
    return timestamp{std::chrono::milliseconds{millis}};
}

/// A JDBC connection with every member of Connection and its nested shapes present.
inline connection full_connection() {
    connection c;
    c.name = "orders-db";
    c.description = "Orders \"primary\" \xC3\xA9t\xC3\xA9 \xF0\x9F\x9A\x80\nsecond line";
    c.connection_type = "JDBC";
    c.match_criteria = std::vector<std::string>{"orders", "prod"};
    c.connection_properties = property_map{
        {"JDBC_CONNECTION_URL", "jdbc:postgresql://db.example.com:5432/orders"},
        {"USERNAME", "app"},
        {"PASSWORD", "p\\a\"ss"},
        {"JDBC_ENFORCE_SSL", "true"},
    };
    c.spark_properties = property_map{{"spark.executor.memory", "4g"}};
    c.athena_properties = property_map{{"lambda_function_arn", "arn:aws:lambda:us-east-1:1:f"}};
    c.python_properties = property_map{{"b", "2"}, {"a", "1"}};
    c.physical_connection_requirements = physical_connection_requirements{
        "subnet-0123", std::vector<std::string>{"sg-1", "sg-2"}, "us-east-1a"};
    c.creation_time = at_millis(1714566896789);
    c.last_updated_time = at_millis(1714566897000);
    c.last_updated_by = "arn:aws:iam::111122223333:user/admin";
    c.status = "READY";
    c.status_reason = "validated";
    c.last_connection_validation_time = at_millis(-1500);
    c.authentication_configuration = authentication_configuration{
        "OAUTH2", "arn:aws:secretsmanager:us-east-1:111122223333:secret:s-AbCdEf",
        "arn:aws:kms:us-east-1:111122223333:key/k",
        oauth2_properties{"CLIENT_CREDENTIALS", oauth2_client_application{"client-id", "ref"},
                          "https://login.example.com/oauth2/token",
                          property_map{{"audience", "api"}, {"scope", "read write"}}}};
    c.connection_schema_version = 2;
    c.compatible_compute_environments = std::vector<std::string>{"SPARK", "ATHENA", "PYTHON"};
    return c;
}

inline std::string read_file(const std::string& path) {
    std::ifstream in{path, std::ios::binary};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace protocol_test
