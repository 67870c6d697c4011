// Redaction of every secret-bearing URL form and free-text pair (the "never a secret in a
// finding" rule of issue 11).
#include <boost/test/unit_test.hpp>
#include <glue_inventory/audit.hpp>
#include <string>

using glue_inventory::audit::redact_text;
using glue_inventory::audit::redact_url;

BOOST_AUTO_TEST_SUITE(redaction)

BOOST_AUTO_TEST_CASE(userinfo_is_replaced_whole) {
    BOOST_TEST(redact_url("mongodb://app:S3cr3t!@h1:27017,h2:27017/db?tls=true") ==
               "mongodb://REDACTED@h1:27017,h2:27017/db?tls=true");
    BOOST_TEST(redact_url("jdbc:mysql://app:pa/ss@db:3306/x") == "jdbc:mysql://REDACTED@db:3306/x");
    BOOST_TEST(redact_url("jdbc:postgresql://only-user@db/x") == "jdbc:postgresql://REDACTED@db/x");
    // An unencoded '@' in the password: everything up to the last '@' of the authority goes.
    BOOST_TEST(redact_url("mongodb://u:p@ss@h/db") == "mongodb://REDACTED@h/db");
}

BOOST_AUTO_TEST_CASE(oracle_user_slash_password) {
    BOOST_TEST(redact_url("jdbc:oracle:thin:scott/tiger@//ora:1521/svc") ==
               "jdbc:oracle:thin:REDACTED@//ora:1521/svc");
    BOOST_TEST(redact_url("jdbc:oracle:thin:@//ora:1521/svc") ==
               "jdbc:oracle:thin:@//ora:1521/svc");
    BOOST_TEST(redact_url("jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(HOST=o)(PORT=1))"
                          "(CONNECT_DATA=(PASSWORD=tiger)(SERVICE_NAME=s)))") ==
               "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(HOST=o)(PORT=1))"
               "(CONNECT_DATA=(PASSWORD=REDACTED)(SERVICE_NAME=s)))");
}

BOOST_AUTO_TEST_CASE(query_parameters) {
    BOOST_TEST(redact_url("jdbc:postgresql://db/x?user=u&password=p4ss&sslmode=verify-full") ==
               "jdbc:postgresql://db/x?user=u&password=REDACTED&sslmode=verify-full");
    BOOST_TEST(redact_url("jdbc:postgresql://db/x?sslmode=verify-full&sslpassword=k3y") ==
               "jdbc:postgresql://db/x?sslmode=verify-full&sslpassword=REDACTED");
    BOOST_TEST(redact_url("jdbc:mysql://db/x?trustStorePassword=ts&keyStorePassword=ks") ==
               "jdbc:mysql://db/x?trustStorePassword=REDACTED&keyStorePassword=REDACTED");
    BOOST_TEST(redact_url("jdbc:mysql://db/x?clientCertificateKeyStorePassword=a&"
                          "trustCertificateKeyStorePassword=b") ==
               "jdbc:mysql://db/x?clientCertificateKeyStorePassword=REDACTED&"
               "trustCertificateKeyStorePassword=REDACTED");
    BOOST_TEST(redact_url("jdbc:awsathena://athena.eu-west-1.amazonaws.com:443;"
                          "AccessKeyId=AKIAX;SecretAccessKey=wJalr/K7MDENG") ==
               "jdbc:awsathena://athena.eu-west-1.amazonaws.com:443;"
               "AccessKeyId=REDACTED;SecretAccessKey=REDACTED");
    BOOST_TEST(redact_url("https://api.example.com/x?Client_Secret=cs&token=tk&page=2") ==
               "https://api.example.com/x?Client_Secret=REDACTED&token=REDACTED&page=2");
    BOOST_TEST(redact_url("mongodb://h/db?authSource=admin&PASSWORD=Up") ==
               "mongodb://h/db?authSource=admin&PASSWORD=REDACTED");
}

BOOST_AUTO_TEST_CASE(a_separator_inside_a_password_does_not_show_its_tail) {
    // An unencoded '&' or ';' in a password: the part after it is no parameter (no '='), so it
    // is hidden with the rest; the next real parameter is kept.
    BOOST_TEST(redact_url("jdbc:postgresql://db/x?password=p4&ss&sslmode=require") ==
               "jdbc:postgresql://db/x?password=REDACTED&sslmode=require");
    BOOST_TEST(redact_url("jdbc:sqlserver://db:1433;password=p4;ss;encrypt=true;") ==
               "jdbc:sqlserver://db:1433;password=REDACTED;encrypt=true;");
    BOOST_TEST(redact_url("jdbc:mysql://db/x?password=a&b&c") ==
               "jdbc:mysql://db/x?password=REDACTED");
    BOOST_TEST(redact_url("jdbc:mysql://db/x?password=a&&ssl=true") ==
               "jdbc:mysql://db/x?password=REDACTED&&ssl=true");
}

BOOST_AUTO_TEST_CASE(semicolon_and_db2_parameters) {
    BOOST_TEST(redact_url("jdbc:sqlserver://db:1433;user=u;password=p4ss;encrypt=true") ==
               "jdbc:sqlserver://db:1433;user=u;password=REDACTED;encrypt=true");
    BOOST_TEST(redact_url("jdbc:sqlserver://db:1433;pwd={a;b=c};encrypt=true") ==
               "jdbc:sqlserver://db:1433;pwd=REDACTED;encrypt=true");
    BOOST_TEST(redact_url("jdbc:db2://db2:50000/S:user=u;password=p4ss;sslConnection=true;") ==
               "jdbc:db2://db2:50000/S:user=u;password=REDACTED;sslConnection=true;");
    // user=a@b in a parameter is not userinfo.
    BOOST_TEST(redact_url("jdbc:sqlserver://db;user=a@b.example;password=x") ==
               "jdbc:sqlserver://db;user=a@b.example;password=REDACTED");
}

BOOST_AUTO_TEST_CASE(every_secret_name_in_every_parameter_form) {
    // GLUE-006's names, in the query (?k=v&...), semicolon (;k=v;...) and Oracle descriptor
    // ((K=V)) forms, in any case: the value is gone, the name and the neighbours stay.
    for (std::string name :
         {"password", "pwd", "sslpassword", "trustStorePassword", "keyStorePassword",
          "clientCertificateKeyStorePassword", "trustCertificateKeyStorePassword",
          "SecretAccessKey", "Client_Secret", "token", "PASSWORD", "oracle.net.wallet_password"}) {
        const std::string value = "v4lue-" + name;
        const std::string query = "jdbc:postgresql://db/x?a=1&" + name + "=" + value + "&b=2";
        BOOST_TEST(redact_url(query) == "jdbc:postgresql://db/x?a=1&" + name + "=REDACTED&b=2");
        const std::string semi = "jdbc:sqlserver://db:1433;a=1;" + name + "=" + value + ";b=2";
        BOOST_TEST(redact_url(semi) == "jdbc:sqlserver://db:1433;a=1;" + name + "=REDACTED;b=2");
        const std::string oracle =
            "jdbc:oracle:thin:@(DESCRIPTION=(A=1)(" + name + "=" + value + ")(B=2))";
        BOOST_TEST(redact_url(oracle) ==
                   "jdbc:oracle:thin:@(DESCRIPTION=(A=1)(" + name + "=REDACTED)(B=2))");
        const std::string text = "failed: " + name + "=" + value + " retrying";
        BOOST_TEST(redact_text(text) == "failed: " + name + "=REDACTED retrying");
    }
}

BOOST_AUTO_TEST_CASE(what_is_not_a_url_loses_its_user_pass_forms) {
    BOOST_TEST(redact_url("app:secret@db.example.com:5432/x") == "REDACTED@db.example.com:5432/x");
    BOOST_TEST(redact_url("db.example.com:5432") == "db.example.com:5432");
    BOOST_TEST(redact_url("") == "");
}

BOOST_AUTO_TEST_CASE(text_keeps_prose_and_hides_secrets) {
    BOOST_TEST(redact_text("Could not connect to jdbc:postgresql://app:pw@db:5432/x?password=p2 "
                           "(timeout)") ==
               "Could not connect to jdbc:postgresql://REDACTED@db:5432/x?password=REDACTED "
               "(timeout)");
    BOOST_TEST(redact_text("login failed: password=hunter2, user admin@example.com") ==
               "login failed: password=REDACTED, user admin@example.com");
    BOOST_TEST(redact_text("Password: hunter2 rejected") == "Password: REDACTED rejected");
    BOOST_TEST(redact_text(R"(bad config {"password": "hun ter2", "host": "db"})") ==
               R"(bad config {"password": "REDACTED", "host": "db"})");
    BOOST_TEST(redact_text("api_key='k-123' expired; token=abc") ==
               "api_key='REDACTED' expired; token=REDACTED");
    BOOST_TEST(redact_text("login as admin with password 'hun ter2' refused") ==
               "login as admin with password 'REDACTED' refused");
    BOOST_TEST(redact_text(R"(token "abc" expired, user 'bob' locked)") ==
               R"(token "REDACTED" expired, user 'bob' locked)");
    BOOST_TEST(redact_text("Could not reach the host: connection timed out") ==
               "Could not reach the host: connection timed out");
}

BOOST_AUTO_TEST_CASE(text_control_characters_become_spaces) {
    BOOST_TEST(redact_text("line one\nline\ttwo\x1b[31m") == "line one line two [31m");
}

BOOST_AUTO_TEST_CASE(text_is_cut_on_a_utf8_boundary) {
    BOOST_TEST(redact_text("abcdef", 6) == "abcdef");
    BOOST_TEST(redact_text("abcdefg", 6) == "abc...");
    // "é" is two bytes: a cut after its first byte moves before it.
    const std::string cut = redact_text("abé-and-more", 6);
    BOOST_TEST(cut == "ab...");
    BOOST_TEST(redact_text(std::string(1000, 'x')).size() == 512U);
    // The secret is gone before the cut: no half of it survives at the end.
    const std::string long_secret = "password=" + std::string(600, 's');
    const std::string out = redact_text(long_secret, 512);
    BOOST_TEST(out == "password=REDACTED");
}

BOOST_AUTO_TEST_SUITE_END()
