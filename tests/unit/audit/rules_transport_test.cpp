// GLUE-001..004 and GLUE-010: pass, fail, not applicable and unknown, and the peers' known false
// positives (Prowler and Steampipe fail every KAFKA, NETWORK and SaaS connection, and "TRUE").
#include "audit_test_support.hpp"

using namespace audit_test;

BOOST_AUTO_TEST_SUITE(rules_transport)

// GLUE-001 ---------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(glue_001_enforce_flag_is_a_case_insensitive_trimmed_boolean) {
    for (const char* flag : {"true", "TRUE", "True", " true ", "\ttrue\n"}) {
        const auto r =
            result_of(make_connection("JDBC", {{"JDBC_CONNECTION_URL", "jdbc:postgresql://db/x"},
                                               {"JDBC_ENFORCE_SSL", flag}}),
                      "GLUE-001");
        BOOST_TEST(r.status == status::pass, "flag '" << flag << "'");
    }
    const auto r =
        result_of(make_connection("JDBC", {{"JDBC_CONNECTION_URL", "jdbc:postgresql://db/x"},
                                           {"JDBC_ENFORCE_SSL", "TRUE"}}),
                  "GLUE-001");
    BOOST_TEST(evidence(r, "jdbc_enforce_ssl") == "TRUE"); // the raw token
    // Keys are case-insensitive too.
    BOOST_TEST(result_of(make_connection("JDBC", {{"jdbc_connection_url", "jdbc:mysql://db/x"},
                                                  {"jdbc_enforce_ssl", "true"}}),
                         "GLUE-001")
                   .status == status::pass);
}

BOOST_AUTO_TEST_CASE(glue_001_fails_without_flag_or_forcing_url) {
    for (const char* flag : {"false", "FALSE", "yes", "1", ""}) {
        const auto r = result_of(
            make_connection("POSTGRESQL", {{"JDBC_CONNECTION_URL", "jdbc:postgresql://db/x"},
                                           {"JDBC_ENFORCE_SSL", flag}}),
            "GLUE-001");
        BOOST_TEST(r.status == status::fail, "flag '" << flag << "'");
        BOOST_TEST(evidence(r, "url_tls") == "unspecified");
        BOOST_TEST(evidence(r, "engine") == "postgresql");
        BOOST_TEST(r.severity == severity::high);
    }
    // A value that is not a boolean is not echoed.
    BOOST_TEST(
        evidence(result_of(make_connection("JDBC", {{"JDBC_ENFORCE_SSL", "hunter2"}}), "GLUE-001"),
                 "jdbc_enforce_ssl") == "not_a_boolean");
    // Absent flag, HOST/PORT form: no URL at all.
    const auto r =
        result_of(make_connection("JDBC", {{"HOST", "db"}, {"PORT", "5432"}, {"SECRET_ID", "s"}}),
                  "GLUE-001");
    BOOST_TEST(r.status == status::fail);
    BOOST_TEST(evidence(r, "jdbc_enforce_ssl") == "absent");
    BOOST_TEST(evidence(r, "engine") == "none");
}

BOOST_AUTO_TEST_CASE(glue_001_passes_when_the_url_forces_tls) {
    const auto r = result_of(
        make_connection("JDBC", {{"JDBC_CONNECTION_URL", "jdbc:sqlserver://db:1433;encrypt=true"}}),
        "GLUE-001");
    BOOST_TEST(r.status == status::pass);
    BOOST_TEST(evidence(r, "url_tls") == "forced");
    BOOST_TEST(evidence(r, "tls_parameters") == "encrypt");
    BOOST_TEST(r.message.find("TLS forced by URL") != std::string::npos);
    BOOST_TEST(result_of(make_connection("MONGODB",
                                         {{"CONNECTION_URL", "mongodb+srv://c.example.net/app"}}),
                         "GLUE-001")
                   .status == status::pass);
}

BOOST_AUTO_TEST_CASE(glue_001_url_that_disables_tls_and_driver_defaults) {
    const auto off = result_of(
        make_connection("MYSQL", {{"JDBC_CONNECTION_URL", "jdbc:mysql://db/x?sslMode=DISABLED"}}),
        "GLUE-001");
    BOOST_TEST(off.status == status::fail);
    BOOST_TEST(evidence(off, "url_tls") == "disabled");
    BOOST_TEST(evidence(off, "tls_parameters") == "sslMode");
    const auto redshift =
        result_of(make_connection("JDBC", {{"JDBC_CONNECTION_URL", "jdbc:redshift://rs:5439/dev"}}),
                  "GLUE-001");
    BOOST_TEST(redshift.status == status::fail); // "driver default", never PASS
    BOOST_TEST(evidence(redshift, "url_tls") == "driver_default");
}

BOOST_AUTO_TEST_CASE(glue_001_without_url_or_host_is_unknown) {
    // A connector that keeps its address in the v2 maps: nothing to judge TLS by.
    connection c = make_connection("CLOUDERAHIVE", {});
    c.connection_properties.reset();
    const auto r = result_of(c, "GLUE-001");
    BOOST_TEST(r.status == status::unknown);
    BOOST_TEST(result_of(c, "GLUE-002").status == status::unknown);
    BOOST_TEST(result_of(c, "GLUE-010").status == status::unknown);
    // With JDBC_ENFORCE_SSL=true it passes all the same.
    BOOST_TEST(result_of(make_connection("TERADATANOS", {{"JDBC_ENFORCE_SSL", "true"}}), "GLUE-001")
                   .status == status::pass);
}

BOOST_AUTO_TEST_CASE(glue_001_unreadable_url_is_unknown) {
    const auto r =
        result_of(make_connection("JDBC", {{"JDBC_CONNECTION_URL", "db.example.com:5432/orders"}}),
                  "GLUE-001");
    BOOST_TEST(r.status == status::unknown);
}

BOOST_AUTO_TEST_CASE(glue_001_is_not_applicable_to_kafka_network_saas_iam) {
    // The peers' false positives: none of these has JDBC_ENFORCE_SSL, none fails.
    connection kafka = make_connection("KAFKA", {{"KAFKA_BOOTSTRAP_SERVERS", "b-1:9094"}});
    connection network = make_connection("NETWORK", {});
    connection saas = make_connection("SALESFORCE", {});
    saas.authentication_configuration = authentication_configuration{"OAUTH2", "arn:x", {}, {}};
    connection iam = make_connection("DYNAMODB", {});
    connection marketplace_spark = make_connection(
        "MARKETPLACE", {{"CONNECTOR_TYPE", "Spark"}, {"CONNECTOR_URL", "s3://b/k"}});
    connection future = make_connection("SOMETHING_NEW", {});
    for (const auto* c : {&kafka, &network, &saas, &iam, &marketplace_spark, &future}) {
        BOOST_TEST(result_of(*c, "GLUE-001").status == status::not_applicable, *c->connection_type);
        BOOST_TEST(result_of(*c, "GLUE-002").status == status::not_applicable, *c->connection_type);
    }
}

BOOST_AUTO_TEST_CASE(glue_001_applies_to_jdbc_marketplace_connectors) {
    const auto r =
        result_of(make_connection("MARKETPLACE", {{"CONNECTOR_TYPE", "Jdbc"},
                                                  {"CONNECTION_URL", "jdbc:mysql://db/x"}}),
                  "GLUE-001");
    BOOST_TEST(r.status == status::fail);
}

BOOST_AUTO_TEST_CASE(glue_001_is_critical_with_an_exposed_credential) {
    const auto inline_password =
        result_of(make_connection("JDBC", {{"JDBC_CONNECTION_URL", "jdbc:postgresql://db/x"},
                                           {"USERNAME", "u"},
                                           {"PASSWORD", "p"}}),
                  "GLUE-001");
    BOOST_TEST(inline_password.severity == severity::critical);
    const auto url_password =
        result_of(make_connection("JDBC", {{"JDBC_CONNECTION_URL", "jdbc:postgresql://u:p@db/x"},
                                           {"SECRET_ID", "s"}}),
                  "GLUE-001");
    BOOST_TEST(url_password.severity == severity::critical);
    const auto referenced =
        result_of(make_connection("JDBC", {{"JDBC_CONNECTION_URL", "jdbc:postgresql://db/x"},
                                           {"USERNAME", "u"},
                                           {"SECRET_ID", "s"}}),
                  "GLUE-001");
    BOOST_TEST(referenced.severity == severity::high);
}

// GLUE-002 ---------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(glue_002_fails_when_the_url_turns_verification_off) {
    const auto r = result_of(make_connection("JDBC", {{"JDBC_CONNECTION_URL",
                                                       "jdbc:postgresql://db/x?sslmode=require"}}),
                             "GLUE-002");
    BOOST_TEST(r.status == status::fail);
    BOOST_TEST(r.severity == severity::high);
    BOOST_TEST(evidence(r, "verification_parameters") == "sslmode");
    const auto mssql =
        result_of(make_connection("SQLSERVER",
                                  {{"JDBC_CONNECTION_URL",
                                    "jdbc:sqlserver://db;encrypt=true;trustServerCertificate=true"},
                                   {"CUSTOM_JDBC_CERT_STRING", "CN=db"}}),
                  "GLUE-002");
    BOOST_TEST(mssql.status == status::fail);
    BOOST_TEST(evidence(mssql, "custom_cert_string") == "true");
    const auto mongo = result_of(
        make_connection("DOCUMENTDB",
                        {{"CONNECTION_URL", "mongodb://h:27017/?tls=true&tlsInsecure=true"}}),
        "GLUE-002");
    BOOST_TEST(mongo.status == status::fail);
}

BOOST_AUTO_TEST_CASE(glue_002_is_medium_under_the_enforce_flag) {
    const auto r = result_of(
        make_connection("JDBC", {{"JDBC_CONNECTION_URL", "jdbc:mysql://db/x?sslMode=PREFERRED"},
                                 {"JDBC_ENFORCE_SSL", "true"}}),
        "GLUE-002");
    BOOST_TEST(r.status == status::fail);
    BOOST_TEST(r.severity == severity::medium);
}

BOOST_AUTO_TEST_CASE(glue_002_passes_with_verification_and_reports_a_flag_url_conflict) {
    const auto verified = result_of(
        make_connection("JDBC",
                        {{"JDBC_CONNECTION_URL", "jdbc:postgresql://db/x?sslmode=verify-full"}}),
        "GLUE-002");
    BOOST_TEST(verified.status == status::pass);
    BOOST_TEST(evidence(verified, "flag_url_conflict") == "false");
    const auto conflict = result_of(
        make_connection("JDBC", {{"JDBC_CONNECTION_URL", "jdbc:postgresql://db/x?sslmode=disable"},
                                 {"JDBC_ENFORCE_SSL", "true"}}),
        "GLUE-002");
    BOOST_TEST(conflict.status == status::pass); // Glue's flag governs
    BOOST_TEST(evidence(conflict, "flag_url_conflict") == "true");
}

BOOST_AUTO_TEST_CASE(glue_002_not_applicable_without_tls_unknown_with_unreadable_url) {
    BOOST_TEST(result_of(make_connection("JDBC", {{"JDBC_CONNECTION_URL",
                                                   "jdbc:postgresql://db/x?sslmode=disable"}}),
                         "GLUE-002")
                   .status == status::not_applicable);
    BOOST_TEST(result_of(make_connection("JDBC", {{"JDBC_CONNECTION_URL", "not a url"},
                                                  {"JDBC_ENFORCE_SSL", "true"}}),
                         "GLUE-002")
                   .status == status::unknown);
}

// GLUE-003 ---------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(glue_003_kafka_ssl_flag) {
    const auto off = result_of(make_connection("KAFKA", {{"KAFKA_BOOTSTRAP_SERVERS", "b-1:9092"},
                                                         {"KAFKA_SSL_ENABLED", " False "}}),
                               "GLUE-003");
    BOOST_TEST(off.status == status::fail);
    BOOST_TEST(off.severity == severity::high);
    BOOST_TEST(evidence(off, "bootstrap") == "b-1:9092");
    BOOST_TEST(evidence(off, "port_hint") == "9092 (MSK plaintext listener)");
    const auto plain = result_of(make_connection("KAFKA", {{"KAFKA_BOOTSTRAP_SERVERS", "b-1:9092"},
                                                           {"KAFKA_SSL_ENABLED", "false"},
                                                           {"KAFKA_SASL_MECHANISM", "PLAIN"}}),
                                 "GLUE-003");
    BOOST_TEST(plain.severity == severity::critical);
    BOOST_TEST(evidence(plain, "sasl_mechanism") == "PLAIN");
    const auto absent =
        result_of(make_connection("KAFKA", {{"KAFKA_BOOTSTRAP_SERVERS", "b:9094"}}), "GLUE-003");
    BOOST_TEST(absent.status == status::pass); // the API's default is true
    BOOST_TEST(evidence(absent, "kafka_ssl_enabled") == "absent");
    BOOST_TEST(
        result_of(make_connection("KAFKA", {{"KAFKA_SSL_ENABLED", "TRUE"}}), "GLUE-003").status ==
        status::pass);
    BOOST_TEST(
        result_of(make_connection("JDBC", {{"KAFKA_SSL_ENABLED", "false"}}), "GLUE-003").status ==
        status::not_applicable);
}

// GLUE-004 ---------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(glue_004_skip_flags) {
    const auto jdbc =
        result_of(make_connection("JDBC", {{"SKIP_CUSTOM_JDBC_CERT_VALIDATION", "TRUE"},
                                           {"CUSTOM_JDBC_CERT", "s3://b/ca.pem"}}),
                  "GLUE-004");
    BOOST_TEST(jdbc.status == status::fail);
    BOOST_TEST(jdbc.severity == severity::medium);
    BOOST_TEST(evidence(jdbc, "keys") == "SKIP_CUSTOM_JDBC_CERT_VALIDATION");
    BOOST_TEST(evidence(jdbc, "custom_cert") == "true");
    BOOST_TEST(jdbc.message.find("SHA-1") != std::string::npos);
    BOOST_TEST(jdbc.message.find("hostname checks are not affected") != std::string::npos);
    BOOST_TEST(result_of(make_connection("KAFKA", {{"KAFKA_SKIP_CUSTOM_CERT_VALIDATION", "true"}}),
                         "GLUE-004")
                   .status == status::fail);
    BOOST_TEST(result_of(make_connection("JDBC", {{"SKIP_CUSTOM_JDBC_CERT_VALIDATION", "false"}}),
                         "GLUE-004")
                   .status == status::pass);
    BOOST_TEST(result_of(make_connection("MONGODB", {{"SKIP_CUSTOM_JDBC_CERT_VALIDATION", "true"}}),
                         "GLUE-004")
                   .status == status::not_applicable);
}

// GLUE-010 ---------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(glue_010_public_ip_literals_fail) {
    const auto r = result_of(
        make_connection("JDBC", {{"JDBC_CONNECTION_URL", "jdbc:postgresql://52.94.76.10:5432/x"},
                                 {"JDBC_ENFORCE_SSL", "true"}}),
        "GLUE-010");
    BOOST_TEST(r.status == status::fail);
    BOOST_TEST(r.severity == severity::medium);
    BOOST_TEST(evidence(r, "host") == "52.94.76.10");
    BOOST_TEST(evidence(r, "port") == "5432");
    BOOST_TEST(evidence(r, "range_class") == "public");
    // High when TLS is not enforced either.
    BOOST_TEST(result_of(make_connection("JDBC", {{"JDBC_CONNECTION_URL",
                                                   "jdbc:postgresql://52.94.76.10:5432/x"}}),
                         "GLUE-010")
                   .severity == severity::high);
    const auto kafka = result_of(
        make_connection("KAFKA", {{"KAFKA_BOOTSTRAP_SERVERS", "10.0.0.1:9094,[2600:1f18::5]:9094"},
                                  {"KAFKA_SSL_ENABLED", "false"}}),
        "GLUE-010");
    BOOST_TEST(kafka.status == status::fail);
    BOOST_TEST(kafka.severity == severity::high);
    BOOST_TEST(evidence(kafka, "host") == "2600:1f18::5");
    const auto host_property =
        result_of(make_connection("JDBC", {{"HOST", "8.8.8.8"}, {"PORT", "3306"}}), "GLUE-010");
    BOOST_TEST(host_property.status == status::fail);
}

BOOST_AUTO_TEST_CASE(glue_010_private_names_and_missing_hosts) {
    BOOST_TEST(result_of(make_connection("JDBC", {{"JDBC_CONNECTION_URL",
                                                   "jdbc:postgresql://10.1.2.3:5432/x"}}),
                         "GLUE-010")
                   .status == status::pass);
    BOOST_TEST(result_of(make_connection("MONGODB", {{"CONNECTION_URL",
                                                      "mongodb://[fd00::1]:27017,192.168.0.4/x"}}),
                         "GLUE-010")
                   .status == status::pass);
    const auto names = result_of(
        make_connection("JDBC", {{"JDBC_CONNECTION_URL", "jdbc:postgresql://db.example.com/x"}}),
        "GLUE-010");
    BOOST_TEST(names.status == status::not_applicable); // no DNS: deterministic and offline
    BOOST_TEST(result_of(make_connection("JDBC", {{"JDBC_CONNECTION_URL", "garbage"}}), "GLUE-010")
                   .status == status::unknown);
    BOOST_TEST(result_of(make_connection("NETWORK", {}), "GLUE-010").status ==
               status::not_applicable);
}

BOOST_AUTO_TEST_SUITE_END()
