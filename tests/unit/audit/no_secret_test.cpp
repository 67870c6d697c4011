// Never a secret in a result: every secret value of these fixtures (passwords, URL passwords in
// every form, keystore and SASL passwords, free-form secret values, secrets echoed in a
// StatusReason) is absent from every message and every evidence item of every rule, in both the
// failing and the passing direction.
#include "audit_test_support.hpp"

using namespace audit_test;

namespace {

// Each fixture secret carries this marker, so that a leak of any of them is found by one search.
constexpr std::string_view marker = "Fx5ecr3t";

std::string secret(int i) {
    return std::string(marker) + std::to_string(i);
}

std::vector<connection> fixtures() {
    std::vector<connection> out;
    const auto jdbc = [&](std::string url) {
        out.push_back(make_connection("JDBC", {{"JDBC_CONNECTION_URL", std::move(url)},
                                               {"USERNAME", "app"},
                                               {"PASSWORD", secret(0)}}));
    };
    jdbc("jdbc:postgresql://app:" + secret(1) + "@db:5432/x?sslmode=require");
    jdbc("jdbc:postgresql://db/x?user=app&password=" + secret(2) + "&sslpassword=" + secret(3));
    jdbc("jdbc:mysql://db/x?trustStorePassword=" + secret(4) + "&keyStorePassword=" + secret(5));
    jdbc("jdbc:mysql://db/x?clientCertificateKeyStorePassword=" + secret(6) +
         "&trustCertificateKeyStorePassword=" + secret(7));
    jdbc("jdbc:sqlserver://8.8.8.8:1433;user=app;password=" + secret(8) + ";pwd={" + secret(9) +
         ";x}");
    jdbc("jdbc:oracle:thin:scott/" + secret(10) + "@//ora:1521/svc");
    jdbc("jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCPS)(HOST=o)(PORT=2484))"
         "(CONNECT_DATA=(PASSWORD=" +
         secret(11) + ")))");
    jdbc("jdbc:db2://db2:50000/S:user=app;password=" + secret(12) + ";sslConnection=true;");
    jdbc("jdbc:awsathena://athena:443;SecretAccessKey=" + secret(13) +
         ";Client_Secret=" + secret(14) + ";token=" + secret(15));
    jdbc(secret(16) + ":" + secret(17) + "@not-a-url");
    out.push_back(make_connection(
        "MONGODB", {{"CONNECTION_URL", "mongodb://app:" + secret(18) + "@h1,h2/db?tls=false"}}));
    out.push_back(make_connection(
        "KAFKA", {{"KAFKA_BOOTSTRAP_SERVERS", "user:" + secret(19) + "@52.1.2.3:9092"},
                  {"KAFKA_SSL_ENABLED", "false"},
                  {"KAFKA_SASL_MECHANISM", "PLAIN"},
                  {"KAFKA_SASL_PLAIN_USERNAME", "u"},
                  {"KAFKA_SASL_PLAIN_PASSWORD", secret(20)},
                  {"KAFKA_CLIENT_KEYSTORE_PASSWORD", secret(21)},
                  {"KAFKA_CLIENT_KEY_PASSWORD", secret(22)},
                  {"ENCRYPTED_KAFKA_SASL_SCRAM_PASSWORD", secret(23)},
                  {"KAFKA_CLIENT_KEYSTORE", "s3://b/ks.jks"}}));
    connection v2 = make_connection("SALESFORCE", {{"api_key", secret(24)}});
    v2.spark_properties = property_map{{"spark.password", secret(25)}};
    v2.python_properties = property_map{{"token", secret(26)}};
    v2.authentication_configuration = authentication_configuration{
        "OAUTH2",
        "arn:aws:secretsmanager:eu-west-1:1:secret:x",
        {},
        oauth2_properties{"CLIENT_CREDENTIALS",
                          {},
                          "http://u:" + secret(27) +
                              "@login.example.com/t?client_secret=" + secret(28),
                          property_map{{"client_secret", secret(29)}}}};
    v2.status = "FAILED";
    v2.status_reason = "Could not connect to jdbc:mysql://a:" + secret(30) +
                       "@db/x?password=" + secret(31) + " password: " + secret(32) +
                       R"( {"token":")" + secret(33) + "\"}";
    out.push_back(v2);
    connection custom =
        make_connection("CUSTOM", {{"CONNECTOR_URL", "https://u:" + secret(34) + "@repo/c.jar"},
                                   {"ENCRYPTED_PASSWORD", secret(35)}});
    out.push_back(custom);
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(no_secret_in_results)

BOOST_AUTO_TEST_CASE(no_fixture_secret_in_any_message_or_evidence) {
    std::size_t fails = 0;
    for (const auto& c : fixtures()) {
        for (const auto& r : evaluate_all(c)) {
            fails += r.status == status::fail ? 1 : 0;
            BOOST_TEST(r.message.find(marker) == std::string::npos,
                       r.rule->id << ": " << r.message);
            for (const auto& [name, value] : r.evidence) {
                BOOST_TEST(name.find(marker) == std::string::npos, r.rule->id << ": " << name);
                BOOST_TEST(value.find(marker) == std::string::npos,
                           r.rule->id << ": " << name << " = " << value);
            }
        }
        const auto res = describe(c, default_target());
        BOOST_TEST(res.arn.find(marker) == std::string::npos);
    }
    BOOST_TEST(fails > 20U); // the fixtures do fail: the test looks at real findings
}

BOOST_AUTO_TEST_CASE(the_fixtures_fail_the_credential_rules) {
    for (const auto& c : fixtures()) {
        if (c.connection_type == "JDBC") {
            BOOST_TEST(result_of(c, "GLUE-005").status == status::fail);
            if (c.connection_properties->front().second.find("not-a-url") == std::string::npos) {
                BOOST_TEST(result_of(c, "GLUE-006").status == status::fail,
                           c.connection_properties->front().second);
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
