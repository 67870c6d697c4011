// The type families and the 49 property keys against the botocore model itself
// (tests/data/glue-get-connections-shapes.json): every ConnectionType has a family, every
// ConnectionPropertyKey is found in any case.
#include "audit/connection_types.hpp"
#include "audit/property_keys.hpp"
#include "model/ascii.hpp"

#include <boost/test/unit_test.hpp>
#include <simdjson.h>
#include <string>
#include <vector>

using namespace glue_inventory;
using namespace glue_inventory::audit::detail;

namespace {

std::vector<std::string> model_enum(std::string_view shape) {
    simdjson::dom::parser parser;
    const simdjson::dom::element doc =
        parser.load(std::string(GLUE_TEST_DATA_DIR) + "/glue-get-connections-shapes.json");
    std::vector<std::string> out;
    for (auto v : doc["shapes"][shape]["enum"].get_array()) {
        out.emplace_back(std::string_view(v.get_string()));
    }
    return out;
}

connection of_type(std::string type) {
    connection c;
    c.connection_type = std::move(type);
    return c;
}

} // namespace

BOOST_AUTO_TEST_SUITE(connection_types)

BOOST_AUTO_TEST_CASE(every_connection_type_of_the_model_has_a_family) {
    const auto types = model_enum("ConnectionType");
    BOOST_TEST_REQUIRE(types.size() == 92U);
    for (const auto& t : types) {
        BOOST_TEST((classify(of_type(t)) != type_family::unknown), t);
        BOOST_TEST((classify(of_type(ascii_lower(t))) == classify(of_type(t))), t);
    }
}

BOOST_AUTO_TEST_CASE(families_of_section_2) {
    for (const char* t : {"JDBC", "MYSQL", "POSTGRESQL", "ORACLE", "SQLSERVER", "DB2", "DB2AS400",
                          "SAPHANA", "TERADATA", "TERADATANOS", "VERTICA", "AZURESQL", "SYNAPSE",
                          "CLOUDERAHIVE", "CLOUDERAIMPALA"}) {
        BOOST_TEST((classify(of_type(t)) == type_family::db), t);
    }
    for (const char* t : {"MONGODB", "DOCUMENTDB", "AZURECOSMOS"}) {
        BOOST_TEST((classify(of_type(t)) == type_family::doc), t);
    }
    BOOST_TEST((classify(of_type("KAFKA")) == type_family::stream));
    BOOST_TEST((classify(of_type("NETWORK")) == type_family::net));
    for (const char* t : {"VIEW_VALIDATION_REDSHIFT", "VIEW_VALIDATION_ATHENA", "DYNAMODB",
                          "CLOUDWATCH", "CLOUDWATCHMETRICS", "TIMESTREAM", "OPENSEARCH", "TPCDS"}) {
        BOOST_TEST((classify(of_type(t)) == type_family::awsiam), t);
    }
    for (const char* t : {"SALESFORCE", "SERVICENOW", "SLACK", "SFTP", "BIGQUERY"}) {
        BOOST_TEST((classify(of_type(t)) == type_family::saas), t);
    }
}

BOOST_AUTO_TEST_CASE(connectors_by_connector_type_and_unknown_types_by_authentication) {
    connection jdbc = of_type("MARKETPLACE");
    jdbc.connection_properties = property_map{{"connector_type", " jdbc "}};
    BOOST_TEST((classify(jdbc) == type_family::db));
    connection spark = of_type("CUSTOM");
    spark.connection_properties = property_map{{"CONNECTOR_TYPE", "Spark"}};
    BOOST_TEST((classify(spark) == type_family::connector));
    BOOST_TEST((classify(of_type("CUSTOM")) == type_family::connector));

    connection future = of_type("FUTURESAAS");
    BOOST_TEST((classify(future) == type_family::unknown));
    future.authentication_configuration = authentication_configuration{"OAUTH2", {}, {}, {}};
    BOOST_TEST((classify(future) == type_family::saas));
    future.authentication_configuration->authentication_type = "IAM";
    BOOST_TEST((classify(future) == type_family::awsiam));
    BOOST_TEST((classify(connection{}) == type_family::unknown));
    BOOST_TEST((classify(of_type(std::string(300, 'J'))) == type_family::unknown));
}

BOOST_AUTO_TEST_CASE(every_property_key_of_the_model_is_found_in_any_case) {
    const auto keys = model_enum("ConnectionPropertyKey");
    BOOST_TEST_REQUIRE(keys.size() == key_count);
    for (const auto& k : keys) {
        const key found = lookup_key(k);
        BOOST_TEST_REQUIRE((found != key::count_), k);
        BOOST_TEST(name_of(found) == k);
        BOOST_TEST((lookup_key(ascii_lower(k)) == found), k);
    }
    BOOST_TEST((lookup_key("PASSWORDS") == key::count_));
    BOOST_TEST((lookup_key("") == key::count_));
    BOOST_TEST((lookup_key("spark.executor.memory") == key::count_));
}

BOOST_AUTO_TEST_CASE(indexed_properties_keep_the_first_value_and_the_written_key) {
    const property_map props{{"password", "a"}, {"PASSWORD", "b"}, {"custom", "c"}, {"HOST", "  "}};
    indexed_properties idx;
    index_properties(&props, idx);
    BOOST_TEST(*idx.get(key::PASSWORD) == "a");
    BOOST_TEST(idx.written_name(key::PASSWORD) == "password");
    BOOST_TEST(idx.written_name(key::SECRET_ID) == "SECRET_ID");
    BOOST_TEST(idx.unknown_keys == 1U);
    BOOST_TEST(idx.get(key::HOST) != nullptr);
    BOOST_TEST(idx.non_blank(key::HOST) == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
