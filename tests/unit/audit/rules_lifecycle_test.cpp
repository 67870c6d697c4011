// GLUE-011, 012, 013, 016.
#include "audit_test_support.hpp"

using namespace audit_test;

BOOST_AUTO_TEST_SUITE(rules_lifecycle)

// GLUE-011 ---------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(glue_011_vpc_placement) {
    connection c = make_connection("JDBC", {{"SECRET_ID", "s"}});
    BOOST_TEST(result_of(c, "GLUE-011").status == status::pass);
    c.physical_connection_requirements->security_group_id_list = std::vector<std::string>{};
    const auto no_groups = result_of(c, "GLUE-011");
    BOOST_TEST(no_groups.status == status::fail);
    BOOST_TEST(no_groups.severity == severity::low);
    BOOST_TEST(evidence(no_groups, "security_groups") == "0");
    c.physical_connection_requirements->subnet_id = "";
    const auto no_subnet = result_of(c, "GLUE-011");
    BOOST_TEST(no_subnet.status == status::fail);
    BOOST_TEST(no_subnet.severity == severity::medium);
    BOOST_TEST(evidence(no_subnet, "subnet") == "false");
    c.physical_connection_requirements.reset();
    BOOST_TEST(result_of(c, "GLUE-011").status == status::fail);
    BOOST_TEST(evidence(result_of(c, "GLUE-011"), "availability_zone") == "absent");
}

BOOST_AUTO_TEST_CASE(glue_011_network_connections_and_other_types) {
    connection net = make_connection("NETWORK", {});
    BOOST_TEST(result_of(net, "GLUE-011").status == status::pass);
    net.physical_connection_requirements.reset();
    const auto broken = result_of(net, "GLUE-011");
    BOOST_TEST(broken.status == status::fail);
    BOOST_TEST(broken.severity == severity::low);
    connection saas = make_connection("SALESFORCE", {});
    saas.physical_connection_requirements.reset();
    BOOST_TEST(result_of(saas, "GLUE-011").status == status::not_applicable);
    connection kafka = make_connection("KAFKA", {});
    kafka.physical_connection_requirements.reset();
    BOOST_TEST(result_of(kafka, "GLUE-011").status == status::fail);
    connection custom = make_connection("CUSTOM", {{"CONNECTOR_TYPE", "Spark"}});
    custom.physical_connection_requirements.reset();
    BOOST_TEST(result_of(custom, "GLUE-011").status == status::fail);
}

// GLUE-012 ---------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(glue_012_failed_state_with_redacted_reason) {
    connection c = make_connection("JDBC", {});
    c.status = "FAILED";
    c.status_reason = "Test connection failed for jdbc:postgresql://app:Hunter2@db/x\n"
                      "password=Hunter2";
    const auto r = result_of(c, "GLUE-012");
    BOOST_TEST(r.status == status::fail);
    BOOST_TEST(r.severity == severity::medium);
    BOOST_TEST(evidence(r, "status") == "FAILED");
    BOOST_TEST(evidence(r, "status_reason") ==
               "Test connection failed for jdbc:postgresql://REDACTED@db/x password=REDACTED");
    c.status_reason = std::string(20000, 'x');
    BOOST_TEST(evidence(result_of(c, "GLUE-012"), "status_reason").size() == 512U);
}

BOOST_AUTO_TEST_CASE(glue_012_in_progress_for_too_long) {
    connection c = make_connection("KAFKA", {});
    c.status = "IN_PROGRESS";
    c.last_updated_time = audit_now() - std::chrono::hours{25};
    const auto stuck = result_of(c, "GLUE-012");
    BOOST_TEST(stuck.status == status::fail);
    BOOST_TEST(stuck.severity == severity::low);
    c.last_updated_time = audit_now() - std::chrono::hours{23};
    BOOST_TEST(result_of(c, "GLUE-012").status == status::pass);
    audit_options o = default_options();
    o.in_progress_too_long = std::chrono::hours{1};
    BOOST_TEST(result_of(c, "GLUE-012", o).status == status::fail);
    c.last_updated_time.reset();
    BOOST_TEST(result_of(c, "GLUE-012").status == status::unknown);
}

BOOST_AUTO_TEST_CASE(glue_012_ready_absent_and_unknown_states) {
    connection c = make_connection("NETWORK", {});
    BOOST_TEST(result_of(c, "GLUE-012").status == status::pass);
    c.status = "ready";
    BOOST_TEST(result_of(c, "GLUE-012").status == status::pass);
    c.status.reset();
    BOOST_TEST(result_of(c, "GLUE-012").status == status::unknown);
    c.status = "DELETING";
    BOOST_TEST(result_of(c, "GLUE-012").status == status::unknown);
}

// GLUE-013 ---------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(glue_013_validation_age) {
    connection c = make_connection("JDBC", {});
    BOOST_TEST(result_of(c, "GLUE-013").status == status::pass);
    c.last_connection_validation_time = audit_now() - std::chrono::days{91};
    const auto stale = result_of(c, "GLUE-013");
    BOOST_TEST(stale.status == status::fail);
    BOOST_TEST(stale.severity == severity::low);
    BOOST_TEST(evidence(stale, "age_days") == "91");
    BOOST_TEST(evidence(stale, "last_validation") == "2026-09-01T00:00:00Z");
    audit_options o = default_options();
    o.stale_after = std::chrono::days{365};
    BOOST_TEST(result_of(c, "GLUE-013", o).status == status::pass);
    c.last_connection_validation_time.reset();
    const auto never = result_of(c, "GLUE-013");
    BOOST_TEST(never.status == status::fail);
    BOOST_TEST(evidence(never, "last_validation") == "never");
    connection net = make_connection("NETWORK", {});
    net.last_connection_validation_time.reset();
    BOOST_TEST(result_of(net, "GLUE-013").status == status::not_applicable);
}

// GLUE-016 ---------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(glue_016_legacy_schema) {
    connection c = make_connection("JDBC", {});
    c.connection_schema_version = 1;
    const auto v1 = result_of(c, "GLUE-016");
    BOOST_TEST(v1.status == status::fail);
    BOOST_TEST(v1.severity == severity::info);
    BOOST_TEST(evidence(v1, "schema_version") == "1");
    c.connection_schema_version.reset();
    BOOST_TEST(result_of(c, "GLUE-016").status == status::fail);
    BOOST_TEST(evidence(result_of(c, "GLUE-016"), "schema_version") == "absent");
    c.authentication_configuration = authentication_configuration{"BASIC", "arn:s", {}, {}};
    BOOST_TEST(result_of(c, "GLUE-016").status == status::pass);
    c.authentication_configuration.reset();
    c.connection_schema_version = 2;
    BOOST_TEST(result_of(c, "GLUE-016").status == status::pass);
    BOOST_TEST(result_of(make_connection("KAFKA", {}), "GLUE-016").status ==
               status::not_applicable);
}

BOOST_AUTO_TEST_SUITE_END()
