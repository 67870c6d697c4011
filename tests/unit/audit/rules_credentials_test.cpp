// GLUE-005..009, 014, 015.
#include "audit_test_support.hpp"

using namespace audit_test;

BOOST_AUTO_TEST_SUITE(rules_credentials)

// GLUE-005 ---------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(glue_005_direct_password_keys_any_case) {
    for (const char* k :
         {"PASSWORD", "password", "ENCRYPTED_PASSWORD", "KAFKA_CLIENT_KEYSTORE_PASSWORD",
          "KAFKA_CLIENT_KEY_PASSWORD", "KAFKA_SASL_PLAIN_PASSWORD", "KAFKA_SASL_SCRAM_PASSWORD",
          "ENCRYPTED_KAFKA_CLIENT_KEYSTORE_PASSWORD", "ENCRYPTED_KAFKA_CLIENT_KEY_PASSWORD",
          "ENCRYPTED_KAFKA_SASL_PLAIN_PASSWORD", "ENCRYPTED_KAFKA_SASL_SCRAM_PASSWORD"}) {
        const auto r =
            result_of(make_connection("KAFKA", {{k, "v4lue"}, {"SECRET_ID", "s"}}), "GLUE-005");
        BOOST_TEST(r.status == status::fail, k);
        BOOST_TEST(evidence(r, "keys") == k);
        BOOST_TEST(evidence(r, "detected_by") == "direct");
        BOOST_TEST(evidence(r, "secret_reference") == "true");
    }
}

BOOST_AUTO_TEST_CASE(glue_005_encrypted_by_catalog) {
    BOOST_TEST(evidence(result_of(make_connection("JDBC", {{"USERNAME", "u"}, {"PASSWORD", "p"}}),
                                  "GLUE-005"),
                        "encrypted_by_catalog") == "false");
    BOOST_TEST(evidence(result_of(make_connection("JDBC", {{"USERNAME", "u"},
                                                           {"ENCRYPTED_PASSWORD", "AQICAHh..."}}),
                                  "GLUE-005"),
                        "encrypted_by_catalog") == "true");
    // HidePassword: the key is gone, the user name remains.
    const auto hidden = result_of(make_connection("JDBC", {{"USERNAME", "u"}}), "GLUE-005");
    BOOST_TEST(hidden.status == status::fail);
    BOOST_TEST(evidence(hidden, "detected_by") == "implied");
    BOOST_TEST(evidence(hidden, "encrypted_by_catalog") == "unknown");
    BOOST_TEST(evidence(hidden, "keys") == "USERNAME");
}

BOOST_AUTO_TEST_CASE(glue_005_implied_from_kafka_sasl_users) {
    BOOST_TEST(result_of(make_connection("KAFKA", {{"KAFKA_SASL_SCRAM_USERNAME", "u"}}), "GLUE-005")
                   .status == status::fail);
    BOOST_TEST(result_of(make_connection("KAFKA", {{"KAFKA_SASL_SCRAM_USERNAME", "u"},
                                                   {"KAFKA_SASL_SCRAM_SECRETS_ARN", "arn:x"}}),
                         "GLUE-005")
                   .status == status::pass);
}

BOOST_AUTO_TEST_CASE(glue_005_passes_with_a_secret_reference) {
    const auto id = result_of(
        make_connection("JDBC", {{"USERNAME", "u"}, {"SECRET_ID", "prod/db"}}), "GLUE-005");
    BOOST_TEST(id.status == status::pass);
    BOOST_TEST(evidence(id, "detected_by") == "none");
    connection c = make_connection("MONGODB", {{"USERNAME", "u"}});
    c.authentication_configuration = authentication_configuration{
        "BASIC", "arn:aws:secretsmanager:eu-west-1:1:secret:x", {}, {}};
    BOOST_TEST(result_of(c, "GLUE-005").status == status::pass);
    BOOST_TEST(result_of(make_connection("JDBC", {{"HOST", "h"}}), "GLUE-005").status ==
               status::pass);
}

BOOST_AUTO_TEST_CASE(glue_005_not_applicable_to_network_saas_iam_unless_a_password_is_there) {
    BOOST_TEST(result_of(make_connection("NETWORK", {}), "GLUE-005").status ==
               status::not_applicable);
    BOOST_TEST(result_of(make_connection("SLACK", {{"USERNAME", "u"}}), "GLUE-005").status ==
               status::not_applicable);
    BOOST_TEST(result_of(make_connection("DYNAMODB", {}), "GLUE-005").status ==
               status::not_applicable);
    BOOST_TEST(result_of(make_connection("NETWORK", {{"PASSWORD", "p"}}), "GLUE-005").status ==
               status::fail);
    // A type this version does not know: the type-agnostic rule still runs, but never fails on
    // an absence (no secret reference) there.
    BOOST_TEST(result_of(make_connection("FUTURE_DB", {{"PASSWORD", "p"}}), "GLUE-005").status ==
               status::fail);
    BOOST_TEST(result_of(make_connection("FUTURE_DB", {{"USERNAME", "u"}}), "GLUE-005").status ==
               status::unknown);
    BOOST_TEST(
        result_of(make_connection("FUTURE_DB", {{"USERNAME", "u"}, {"SECRET_ID", "s"}}), "GLUE-005")
            .status == status::pass);
}

// GLUE-006 ---------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(glue_006_userinfo_and_secret_parameters) {
    const auto userinfo = result_of(
        make_connection("JDBC", {{"JDBC_CONNECTION_URL", "jdbc:postgresql://app:pw@db/x"}}),
        "GLUE-006");
    BOOST_TEST(userinfo.status == status::fail);
    BOOST_TEST(evidence(userinfo, "properties") == "JDBC_CONNECTION_URL");
    BOOST_TEST(evidence(userinfo, "schemes") == "jdbc:postgresql");
    BOOST_TEST(evidence(userinfo, "userinfo_password") == "true");
    for (const char* url :
         {"jdbc:postgresql://db/x?password=p", "jdbc:sqlserver://db;pwd=p",
          "jdbc:postgresql://db/x?sslpassword=p", "jdbc:mysql://db/x?trustStorePassword=p",
          "jdbc:mysql://db/x?keyStorePassword=p",
          "jdbc:mysql://db/x?clientCertificateKeyStorePassword=p",
          "jdbc:mysql://db/x?trustCertificateKeyStorePassword=p",
          "jdbc:awsathena://a:443;SecretAccessKey=p", "jdbc:x://h/?Client_Secret=p",
          "jdbc:x://h/?TOKEN=p", "jdbc:oracle:thin:scott/tiger@ora:1521:ORCL",
          "jdbc:db2://h:1/S:password=p;"}) {
        BOOST_TEST(
            result_of(make_connection("JDBC", {{"JDBC_CONNECTION_URL", url}}), "GLUE-006").status ==
                status::fail,
            url);
    }
    // A malformed URL's prefix is not echoed as a scheme (it may be the userinfo).
    const auto malformed = result_of(
        make_connection("JDBC", {{"JDBC_CONNECTION_URL", "jdbc:scott/tiger@db?password=x"}}),
        "GLUE-006");
    BOOST_TEST(malformed.status == status::fail);
    BOOST_TEST(evidence(malformed, "schemes") == "unknown");
    const auto named = result_of(
        make_connection("JDBC", {{"JDBC_CONNECTION_URL", "jdbc:postgresql://db/x?user=u&PWD=p"}}),
        "GLUE-006");
    BOOST_TEST(evidence(named, "parameters") == "PWD");
    const auto connector = result_of(
        make_connection("CUSTOM", {{"CONNECTOR_URL", "https://u:p@repo.example.com/c.jar"}}),
        "GLUE-006");
    BOOST_TEST(connector.status == status::fail);
    BOOST_TEST(evidence(connector, "properties") == "CONNECTOR_URL");
}

BOOST_AUTO_TEST_CASE(glue_006_names_only_redaction_hides_do_not_fail_it) {
    // apikey is hidden in every output (the redaction's wider names) but is not one of GLUE-006's
    // parameters: the shared scan of the data store's URL must not turn one into the other.
    const auto c = make_connection(
        "JDBC", {{"JDBC_CONNECTION_URL", "jdbc:postgresql://db/x?apikey=abc&sslmode=disable"}});
    BOOST_TEST(result_of(c, "GLUE-006").status == status::pass);
    BOOST_TEST(evidence(result_of(c, "GLUE-001"), "url") ==
               "jdbc:postgresql://db/x?apikey=REDACTED&sslmode=disable");
    // The same URL in CONNECTOR_URL, scanned on its own, gives the same answer.
    const auto connector = make_connection(
        "CUSTOM", {{"CONNECTOR_URL", "jdbc:postgresql://db/x?apikey=abc&password=p"}});
    const auto r = result_of(connector, "GLUE-006");
    BOOST_TEST(r.status == status::fail);
    BOOST_TEST(evidence(r, "parameters") == "password");
}

BOOST_AUTO_TEST_CASE(glue_006_user_without_password_passes_and_no_url_is_not_applicable) {
    BOOST_TEST(result_of(make_connection(
                             "JDBC", {{"JDBC_CONNECTION_URL", "jdbc:mysql://app@db/x?user=a@b"}}),
                         "GLUE-006")
                   .status == status::pass);
    BOOST_TEST(result_of(make_connection("MONGODB", {{"CONNECTION_URL", "mongodb://h/x?tls=true"}}),
                         "GLUE-006")
                   .status == status::pass);
    BOOST_TEST(result_of(make_connection("NETWORK", {}), "GLUE-006").status ==
               status::not_applicable);
    BOOST_TEST(result_of(make_connection("JDBC", {{"HOST", "h"}}), "GLUE-006").status ==
               status::not_applicable);
}

// GLUE-007 ---------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(glue_007_secret_like_keys_in_free_form_maps) {
    connection c = make_connection("SALESFORCE", {{"apiKey", "x"}, {"PASSWORD", "y"}});
    c.spark_properties = property_map{{"spark.db.password", "x"}, {"spark.option", "y"}};
    c.athena_properties = property_map{{"private_key", "x"}};
    c.python_properties = property_map{{"AccessKey", "x"}, {"Access-Key2", "y"}};
    c.authentication_configuration = authentication_configuration{
        "OAUTH2",
        {},
        {},
        oauth2_properties{
            "CLIENT_CREDENTIALS", {}, "https://t", property_map{{"client_secret", "z"}}}};
    const auto r = result_of(c, "GLUE-007");
    BOOST_TEST(r.status == status::fail);
    BOOST_TEST(r.severity == severity::medium);
    BOOST_TEST(evidence(r, "ConnectionProperties") == "apiKey"); // PASSWORD is GLUE-005's
    BOOST_TEST(evidence(r, "SparkProperties") == "spark.db.password");
    BOOST_TEST(evidence(r, "AthenaProperties") == "private_key");
    BOOST_TEST(evidence(r, "PythonProperties") == "AccessKey,Access-Key2");
    BOOST_TEST(evidence(r, "TokenUrlParametersMap") == "client_secret");
}

BOOST_AUTO_TEST_CASE(glue_007_pattern_words) {
    for (const char* k : {"pass", "passwd", "PWD", "mySecret", "auth_token", "api-key", "API_KEY",
                          "apikey", "privatekey", "private-key", "credentials", "access_key"}) {
        connection c = make_connection("JDBC", {});
        c.spark_properties = property_map{{k, "v"}};
        BOOST_TEST(result_of(c, "GLUE-007").status == status::fail, k);
    }
}

BOOST_AUTO_TEST_CASE(glue_007_references_are_not_secrets) {
    connection c = make_connection("JDBC", {{"secretId", "x"}, {"token_ARN", "arn:x"}});
    c.spark_properties =
        property_map{{"SECRET_ID", "x"},
                     {"secret-id", "x"},
                     {"tokenSecretArn", "x"},
                     {"db.credential", "arn:aws:secretsmanager:eu-west-1:1:secret:x"},
                     {"cn.credential", "arn:aws-cn:secretsmanager:cn-north-1:1:s"},
                     {"spark.executor.memory", "4g"}};
    const auto r = result_of(c, "GLUE-007");
    BOOST_TEST(r.status == status::pass);
    BOOST_TEST(r.evidence.empty());
}

// GLUE-008 ---------------------------------------------------------------------------------------

namespace {
connection oauth2(std::optional<std::string> token_url) {
    connection c = make_connection("SALESFORCE", {});
    c.authentication_configuration = authentication_configuration{
        "OAUTH2",
        "arn:aws:secretsmanager:eu-west-1:1:secret:x",
        {},
        oauth2_properties{"AUTHORIZATION_CODE",
                          oauth2_client_application{"client-1", std::nullopt},
                          token_url,
                          {}}};
    return c;
}
} // namespace

BOOST_AUTO_TEST_CASE(glue_008_token_url_scheme) {
    const auto http = result_of(oauth2("http://login.example.com/oauth2/token"), "GLUE-008");
    BOOST_TEST(http.status == status::fail);
    BOOST_TEST(http.severity == severity::high);
    BOOST_TEST(evidence(http, "token_host") == "login.example.com");
    BOOST_TEST(evidence(http, "grant_type") == "AUTHORIZATION_CODE");
    BOOST_TEST(evidence(http, "client_app") == "user_managed");
    BOOST_TEST(result_of(oauth2("HTTP://login.example.com/t"), "GLUE-008").status == status::fail);
    BOOST_TEST(result_of(oauth2("https://login.example.com/t"), "GLUE-008").status == status::pass);
    BOOST_TEST(result_of(oauth2(std::nullopt), "GLUE-008").status == status::unknown);
    BOOST_TEST(result_of(make_connection("SALESFORCE", {}), "GLUE-008").status ==
               status::not_applicable);
}

// GLUE-009 ---------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(glue_009_kms_key_of_the_auth_secret) {
    connection c = make_connection("SERVICENOW", {});
    c.authentication_configuration = authentication_configuration{
        "BASIC", "arn:aws:secretsmanager:eu-west-1:1:secret:x", std::nullopt, {}};
    const auto r = result_of(c, "GLUE-009");
    BOOST_TEST(r.status == status::fail);
    BOOST_TEST(r.severity == severity::low);
    BOOST_TEST(evidence(r, "secret_arn") == "arn:aws:secretsmanager:eu-west-1:1:secret:x");
    BOOST_TEST(evidence(r, "kms_key") == "false");
    c.authentication_configuration->kms_key_arn = "arn:aws:kms:eu-west-1:1:key/k";
    BOOST_TEST(result_of(c, "GLUE-009").status == status::pass);
    c.authentication_configuration->authentication_type = "IAM";
    BOOST_TEST(result_of(c, "GLUE-009").status == status::not_applicable);
    c.authentication_configuration =
        authentication_configuration{"CUSTOM", std::nullopt, std::nullopt, {}};
    BOOST_TEST(result_of(c, "GLUE-009").status == status::not_applicable);
}

// GLUE-014 ---------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(glue_014_age_of_an_inline_credential) {
    connection c = make_connection("JDBC", {{"USERNAME", "u"}, {"PASSWORD", "p"}});
    c.last_updated_time = audit_now() - std::chrono::days{200};
    const auto old = result_of(c, "GLUE-014");
    BOOST_TEST(old.status == status::fail);
    BOOST_TEST(old.severity == severity::medium);
    BOOST_TEST(evidence(old, "age_days_at_least") == "200");
    BOOST_TEST(evidence(old, "threshold_days") == "90");
    c.last_updated_time = audit_now() - std::chrono::days{30};
    BOOST_TEST(result_of(c, "GLUE-014").status == status::pass);
    audit_options strict = default_options();
    strict.max_credential_age = std::chrono::days{7};
    BOOST_TEST(result_of(c, "GLUE-014", strict).status == status::fail);
    c.last_updated_time.reset();
    BOOST_TEST(result_of(c, "GLUE-014").status == status::unknown);
    BOOST_TEST(result_of(make_connection("JDBC", {{"SECRET_ID", "s"}}), "GLUE-014").status ==
               status::pass);
    BOOST_TEST(result_of(make_connection("NETWORK", {}), "GLUE-014").status ==
               status::not_applicable);
}

// GLUE-015 ---------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(glue_015_key_and_code_material_from_s3) {
    const auto keytab =
        result_of(make_connection("KAFKA", {{"KAFKA_SASL_GSSAPI_KEYTAB", "s3://keys/kafka.keytab"},
                                            {"JDBC_DRIVER_JAR_URI", "s3://d/x.jar"}}),
                  "GLUE-015");
    BOOST_TEST(keytab.status == status::fail);
    BOOST_TEST(keytab.severity == severity::low);
    BOOST_TEST(evidence(keytab, "KAFKA_SASL_GSSAPI_KEYTAB") == "s3://keys/kafka.keytab");
    const auto driver = result_of(
        make_connection("JDBC", {{"JDBC_DRIVER_JAR_URI", "s3://drivers/postgresql-42.jar"}}),
        "GLUE-015");
    BOOST_TEST(driver.status == status::fail);
    BOOST_TEST(driver.severity == severity::info);
    const auto connector = result_of(
        make_connection("MARKETPLACE", {{"CONNECTOR_URL", "s3://c/connector.jar"}}), "GLUE-015");
    BOOST_TEST(connector.status == status::fail);
    BOOST_TEST(result_of(make_connection("MARKETPLACE",
                                         {{"CONNECTOR_URL", "https://aws.amazon.com/marketplace"}}),
                         "GLUE-015")
                   .status == status::pass);
    BOOST_TEST(
        result_of(make_connection("MONGODB", {{"JDBC_DRIVER_JAR_URI", "s3://d/x.jar"}}), "GLUE-015")
            .status == status::not_applicable);
}

BOOST_AUTO_TEST_SUITE_END()
