#include "protocol/connection_writer.hpp"
#include "protocol/ndjson_record.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>
#include <simdjson.h>

using namespace glue_inventory;
using namespace glue_inventory::protocol;

namespace {

std::string json_string(std::string_view s) {
    std::string out;
    write_json_string(s, out);
    return out;
}

std::string record_of(const connection& c) {
    std::string out;
    write_ndjson_record({"111122223333", "eu-west-1", "444455556666"}, c, out);
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(connection_writer)

BOOST_AUTO_TEST_CASE(quotes_and_backslashes_are_escaped) {
    BOOST_TEST(json_string(R"(a"b\c)") == R"("a\"b\\c")");
}

BOOST_AUTO_TEST_CASE(every_control_character_is_a_unicode_escape) {
    BOOST_TEST(json_string(std::string_view{"\x00\x1f\n\t", 4}) == R"("\u0000\u001f\u000a\u0009")");
}

BOOST_AUTO_TEST_CASE(valid_utf8_passes_through) {
    const std::string_view text =
        "\x7f \xC3\xA9 \xE2\x82\xAC \xED\x9F\xBF \xEE\x80\x80 \xF0\x9F\x9A\x80 "
        "\xF4\x8F\xBF\xBF";
    BOOST_TEST(json_string(text) == "\"" + std::string{text} + "\"");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_bytes_become_replacement_characters) {
    const std::string r = "\xEF\xBF\xBD";
    BOOST_TEST(json_string("a\xFF"
                           "b") == "\"a" + r + "b\"");
    BOOST_TEST(json_string("\x80") == "\"" + r + "\"");                         // lone continuation
    BOOST_TEST(json_string("\xC3") == "\"" + r + "\"");                         // truncated
    BOOST_TEST(json_string("\xC0\xAF") == "\"" + r + r + "\"");                 // overlong
    BOOST_TEST(json_string("\xE0\x80\xAF") == "\"" + r + r + r + "\"");         // overlong
    BOOST_TEST(json_string("\xED\xA0\x80") == "\"" + r + r + r + "\"");         // surrogate
    BOOST_TEST(json_string("\xF4\x90\x80\x80") == "\"" + r + r + r + r + "\""); // > U+10FFFF
    BOOST_TEST(json_string("\xE2\x82x") == "\"" + r + r + "x\"");
}

BOOST_AUTO_TEST_CASE(every_member_is_written_with_api_names_and_nesting) {
    std::string out = "{";
    BOOST_TEST(write_connection_members(protocol_test::full_connection(),
                                        timestamp_style::epoch_seconds, out));
    out += '}';
    const std::string expected =
        R"({"Name":"orders-db","Description":"Orders \"primary\" )"
        "\xC3\xA9t\xC3\xA9 \xF0\x9F\x9A\x80"
        R"(\u000asecond line","ConnectionType":"JDBC","MatchCriteria":["orders","prod"],)"
        R"("ConnectionProperties":{"JDBC_CONNECTION_URL":"jdbc:postgresql://db.example.com:5432/orders",)"
        R"("USERNAME":"app","PASSWORD":"p\\a\"ss","JDBC_ENFORCE_SSL":"true"},)"
        R"("SparkProperties":{"spark.executor.memory":"4g"},)"
        R"("AthenaProperties":{"lambda_function_arn":"arn:aws:lambda:us-east-1:1:f"},)"
        R"("PythonProperties":{"b":"2","a":"1"},)"
        R"("PhysicalConnectionRequirements":{"SubnetId":"subnet-0123","SecurityGroupIdList":["sg-1","sg-2"],"AvailabilityZone":"us-east-1a"},)"
        R"("CreationTime":1714566896.789,"LastUpdatedTime":1714566897,)"
        R"("LastUpdatedBy":"arn:aws:iam::111122223333:user/admin","Status":"READY",)"
        R"("StatusReason":"validated","LastConnectionValidationTime":-1.5,)"
        R"("AuthenticationConfiguration":{"AuthenticationType":"OAUTH2",)"
        R"("SecretArn":"arn:aws:secretsmanager:us-east-1:111122223333:secret:s-AbCdEf",)"
        R"("KmsKeyArn":"arn:aws:kms:us-east-1:111122223333:key/k","OAuth2Properties":{)"
        R"("OAuth2GrantType":"CLIENT_CREDENTIALS","OAuth2ClientApplication":{)"
        R"("UserManagedClientApplicationClientId":"client-id","AWSManagedClientApplicationReference":"ref"},)"
        R"("TokenUrl":"https://login.example.com/oauth2/token",)"
        R"("TokenUrlParametersMap":{"audience":"api","scope":"read write"}}},)"
        R"("ConnectionSchemaVersion":2,"CompatibleComputeEnvironments":["SPARK","ATHENA","PYTHON"]})";
    BOOST_TEST(out == expected);
}

BOOST_AUTO_TEST_CASE(an_empty_connection_writes_nothing) {
    std::string out;
    BOOST_TEST(!write_connection_members(connection{}, timestamp_style::iso8601, out));
    BOOST_TEST(out.empty());
}

BOOST_AUTO_TEST_CASE(empty_lists_and_maps_are_written_because_they_are_present) {
    connection c;
    c.match_criteria = std::vector<std::string>{};
    c.spark_properties = property_map{};
    std::string out;
    write_connection_members(c, timestamp_style::iso8601, out);
    BOOST_TEST(out == R"("MatchCriteria":[],"SparkProperties":{})");
}

BOOST_AUTO_TEST_CASE(ndjson_record_starts_with_its_origin_and_ends_with_a_newline) {
    connection c;
    c.name = "n";
    BOOST_TEST(record_of(c) ==
               "{\"AccountId\":\"111122223333\",\"Region\":\"eu-west-1\",\"CatalogId\":"
               "\"444455556666\",\"Name\":\"n\"}\n");
    BOOST_TEST(record_of(connection{}) == "{\"AccountId\":\"111122223333\",\"Region\":"
                                          "\"eu-west-1\",\"CatalogId\":\"444455556666\"}\n");
}

BOOST_AUTO_TEST_CASE(ndjson_record_parses_back_with_every_member) {
    const connection c = protocol_test::full_connection();
    const std::string line = record_of(c);
    BOOST_TEST(line.find('\n') == line.size() - 1);
    simdjson::dom::parser parser;
    simdjson::dom::object record;
    BOOST_TEST_REQUIRE(!parser.parse(line).get(record));
    std::vector<std::string_view> keys;
    for (auto [key, value] : record) {
        keys.push_back(key);
    }
    const std::vector<std::string_view> expected_keys = {"AccountId",
                                                         "Region",
                                                         "CatalogId",
                                                         "Name",
                                                         "Description",
                                                         "ConnectionType",
                                                         "MatchCriteria",
                                                         "ConnectionProperties",
                                                         "SparkProperties",
                                                         "AthenaProperties",
                                                         "PythonProperties",
                                                         "PhysicalConnectionRequirements",
                                                         "CreationTime",
                                                         "LastUpdatedTime",
                                                         "LastUpdatedBy",
                                                         "Status",
                                                         "StatusReason",
                                                         "LastConnectionValidationTime",
                                                         "AuthenticationConfiguration",
                                                         "ConnectionSchemaVersion",
                                                         "CompatibleComputeEnvironments"};
    BOOST_TEST(keys == expected_keys, boost::test_tools::per_element());
    std::string_view text;
    BOOST_TEST_REQUIRE(!record["Description"].get(text));
    BOOST_TEST(text == *c.description);
    BOOST_TEST_REQUIRE(!record["CreationTime"].get(text));
    BOOST_TEST(text == "2024-05-01T12:34:56.789Z");
    BOOST_TEST_REQUIRE(!record["LastConnectionValidationTime"].get(text));
    BOOST_TEST(text == "1969-12-31T23:59:58.500Z");
    BOOST_TEST_REQUIRE(!record["ConnectionProperties"]["PASSWORD"].get(text));
    BOOST_TEST(text == "p\\a\"ss");
    BOOST_TEST_REQUIRE(
        !record["AuthenticationConfiguration"]["OAuth2Properties"]["TokenUrlParametersMap"]["scope"]
             .get(text));
    BOOST_TEST(text == "read write");
    std::int64_t version = 0;
    BOOST_TEST_REQUIRE(!record["ConnectionSchemaVersion"].get(version));
    BOOST_TEST(version == 2);
}

BOOST_AUTO_TEST_CASE(ndjson_record_with_invalid_utf8_is_still_valid_json) {
    connection c;
    c.name = std::string{"bad\xFF\xC3"};
    const std::string line = record_of(c);
    simdjson::dom::parser parser;
    simdjson::dom::element record;
    BOOST_TEST_REQUIRE(!parser.parse(line).get(record)); // simdjson validates UTF-8
    std::string_view name;
    BOOST_TEST_REQUIRE(!record["Name"].get(name));
    BOOST_TEST(name == "bad\xEF\xBF\xBD\xEF\xBF\xBD");
}

BOOST_AUTO_TEST_SUITE_END()
