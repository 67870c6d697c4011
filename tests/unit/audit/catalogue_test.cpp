#include "audit_test_support.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace audit_test;

BOOST_AUTO_TEST_SUITE(catalogue)

BOOST_AUTO_TEST_CASE(sixteen_rules_in_id_order_with_every_field) {
    const auto all = rules();
    BOOST_TEST_REQUIRE(all.size() == 16U);
    for (std::size_t i = 0; i < all.size(); ++i) {
        char id[32];
        std::snprintf(id, sizeof id, "GLUE-%03zu", i + 1);
        BOOST_TEST(all[i].id == id);
        BOOST_TEST(all[i].version >= 1);
        BOOST_TEST(!all[i].title.empty());
        BOOST_TEST(!all[i].applies_to.empty());
        BOOST_TEST(!all[i].description.empty());
        BOOST_TEST(!all[i].remediation.empty());
        BOOST_TEST(all[i].help_uri == "docs/rules/" + std::string(id) + ".md");
        BOOST_TEST(find_rule(id) == &all[i]);
    }
    BOOST_TEST(find_rule("GLUE-017") == nullptr);
    BOOST_TEST(find_rule("glue-001") == nullptr); // exact IDs
}

BOOST_AUTO_TEST_CASE(each_rule_has_its_page_with_the_catalogue_title) {
    for (const auto& r : rules()) {
        const std::filesystem::path page = std::filesystem::path(GLUE_SOURCE_DIR) / r.help_uri;
        std::ifstream in(page);
        BOOST_TEST_REQUIRE(in.good(), page.string());
        std::stringstream text;
        text << in.rdbuf();
        BOOST_TEST(text.str().find(std::string(r.title)) != std::string::npos, r.id);
        BOOST_TEST(text.str().find("Severity") != std::string::npos, r.id);
    }
}

BOOST_AUTO_TEST_CASE(severities_and_statuses_as_text) {
    BOOST_TEST(to_string(severity::info) == "info");
    BOOST_TEST(to_string(severity::critical) == "critical");
    for (auto s :
         {severity::info, severity::low, severity::medium, severity::high, severity::critical}) {
        BOOST_TEST((parse_severity(to_string(s)) == s));
    }
    BOOST_TEST((parse_severity("HIGH") == severity::high));
    BOOST_TEST(!parse_severity("informational").has_value());
    BOOST_TEST(!parse_severity("").has_value());
    BOOST_TEST(severity::critical > severity::high);
    BOOST_TEST(to_string(status::fail) == "FAIL");
    BOOST_TEST(to_string(status::pass) == "PASS");
    BOOST_TEST(to_string(status::not_applicable) == "NOT_APPLICABLE");
    BOOST_TEST(to_string(status::unknown) == "UNKNOWN");
}

BOOST_AUTO_TEST_CASE(evaluate_appends_one_result_per_rule_in_order_and_is_pure) {
    const connection c =
        make_connection("JDBC", {{"JDBC_CONNECTION_URL", "jdbc:mysql://db/x"}, {"USERNAME", "u"}});
    std::vector<rule_result> out(1); // appends after what is there
    evaluate(c, default_target(), default_options(), out);
    BOOST_TEST_REQUIRE(out.size() == 17U);
    for (std::size_t i = 0; i < 16; ++i) {
        BOOST_TEST(out[i + 1].rule == &rules()[i]);
    }
    std::vector<rule_result> again;
    evaluate(c, default_target(), default_options(), again);
    for (std::size_t i = 0; i < 16; ++i) {
        BOOST_TEST(again[i].status == out[i + 1].status);
        BOOST_TEST(again[i].severity == out[i + 1].severity);
        BOOST_TEST(again[i].message == out[i + 1].message);
        BOOST_TEST((again[i].evidence == out[i + 1].evidence));
    }
}

BOOST_AUTO_TEST_CASE(an_empty_connection_is_evaluated_without_a_failure_on_absence) {
    // Nothing but absences: no type, no properties, no status. Only GLUE-013 ("never validated")
    // may fail, since it applies to every type but NETWORK.
    const auto results = evaluate_all(connection{});
    BOOST_TEST_REQUIRE(results.size() == 16U);
    for (const auto& r : results) {
        if (r.rule->id == "GLUE-013") {
            BOOST_TEST(r.status == status::fail);
        } else if (r.rule->id == "GLUE-012") {
            BOOST_TEST(r.status == status::unknown);
        } else {
            BOOST_TEST((r.status == status::pass || r.status == status::not_applicable),
                       r.rule->id << " " << r.status);
        }
        BOOST_TEST(!r.message.empty(), r.rule->id);
    }
}

BOOST_AUTO_TEST_CASE(evaluate_into_reuses_the_vector_and_matches_evaluate) {
    const connection a = make_connection(
        "JDBC", {{"JDBC_CONNECTION_URL", "jdbc:postgresql://52.94.76.10/x?sslmode=require"},
                 {"USERNAME", "u"},
                 {"PASSWORD", "p"}});
    connection b = make_connection("NETWORK", {});
    b.spark_properties = property_map{{"token", "x"}};
    std::vector<rule_result> reused;
    for (const connection* c : {&a, static_cast<const connection*>(&b), &a}) {
        evaluate_into(*c, default_target(), default_options(), reused);
        const auto fresh = evaluate_all(*c);
        BOOST_TEST_REQUIRE(reused.size() == fresh.size());
        for (std::size_t i = 0; i < fresh.size(); ++i) {
            BOOST_TEST(reused[i].rule == fresh[i].rule);
            BOOST_TEST(reused[i].status == fresh[i].status);
            BOOST_TEST(reused[i].severity == fresh[i].severity);
            BOOST_TEST(reused[i].message == fresh[i].message);
            BOOST_TEST((reused[i].evidence == fresh[i].evidence), fresh[i].rule->id);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
