// The rules over the connections glue-sim generates (W2's pages: every ConnectionType, both
// schema versions, PASSWORD inline in JDBC-like and MongoDB connections): no password value in
// any result, every rule decided for every connection, and each type family treated as its
// family (no JDBC rule failing a Kafka, NETWORK or SaaS connection).
#include "audit_test_support.hpp"
#include "data_generator.hpp"

#include <set>

using namespace audit_test;

BOOST_AUTO_TEST_SUITE(glue_sim_pages)

BOOST_AUTO_TEST_CASE(no_generated_password_in_any_result_and_types_respected) {
    const auto seed = glue_sim::target_seed(1, "344397465000", "us-east-1");
    std::vector<rule_result> results;
    std::set<std::string> failed_rules;
    std::size_t passwords = 0;
    for (std::size_t i = 0; i < 2000; ++i) {
        connection c;
        glue_sim::generate_connection(seed, i, c);
        const std::string* password =
            c.connection_properties ? find_property(*c.connection_properties, "PASSWORD") : nullptr;
        passwords += password != nullptr ? 1U : 0U;
        evaluate_into(c, default_target(), default_options(), results);
        BOOST_TEST_REQUIRE(results.size() == 16U);
        const std::string& type = *c.connection_type;
        for (const auto& r : results) {
            if (r.status == status::fail) {
                failed_rules.insert(std::string(r.rule->id));
            }
            if (password != nullptr) {
                BOOST_TEST(r.message.find(*password) == std::string::npos);
                for (const auto& [name, value] : r.evidence) {
                    BOOST_TEST(value.find(*password) == std::string::npos, r.rule->id);
                }
            }
            const bool jdbc_rule = r.rule->id == "GLUE-001" || r.rule->id == "GLUE-002";
            if (jdbc_rule && (type == "KAFKA" || type == "NETWORK" || type == "SALESFORCE" ||
                              type == "DYNAMODB")) {
                BOOST_TEST(r.status == status::not_applicable, type << " " << r.rule->id);
            }
            if (r.rule->id == "GLUE-005" && password != nullptr) {
                BOOST_TEST(r.status == status::fail, type);
            }
        }
    }
    BOOST_TEST(passwords > 100U); // the page does hold inline passwords
    // The generated data reaches these rules' failing side.
    for (const char* id : {"GLUE-001", "GLUE-005", "GLUE-009", "GLUE-011", "GLUE-012", "GLUE-013",
                           "GLUE-014", "GLUE-016"}) {
        BOOST_TEST(failed_rules.count(id) == 1U, id);
    }
}

BOOST_AUTO_TEST_SUITE_END()
