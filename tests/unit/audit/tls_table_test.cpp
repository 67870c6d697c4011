// Every row of the URL TLS table (audit-rules.md section 3), both directions: what forces TLS,
// what turns verification off, what disables it, and what does none of these.
#include "audit/tls_table.hpp"

#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <ostream>
#include <string>

using namespace glue_inventory::audit::detail;

namespace {

struct tls_case {
    std::string url;
    url_tls tls;
    bool verification_off;
};

std::ostream& operator<<(std::ostream& os, const tls_case& c) {
    return os << c.url << " -> " << to_string(c.tls) << (c.verification_off ? ", unverified" : "");
}

const std::vector<tls_case> cases = {
    // postgresql (pgJDBC)
    {"jdbc:postgresql://db/x?sslmode=verify-full", url_tls::forced, false},
    {"jdbc:postgresql://db/x?sslmode=verify-ca", url_tls::forced, false},
    {"jdbc:postgresql://db/x?sslmode=require", url_tls::forced, true},
    {"jdbc:postgresql://db/x?SSLMODE=REQUIRE", url_tls::forced, true},
    {"jdbc:postgresql://db/x?ssl=true", url_tls::forced, false},
    {"jdbc:postgresql://db/x?ssl=TRUE", url_tls::forced, false},
    {"jdbc:postgresql://db/x?sslmode=prefer", url_tls::unspecified, true},
    {"jdbc:postgresql://db/x?sslmode=allow", url_tls::unspecified, true},
    {"jdbc:postgresql://db/x?sslmode=disable", url_tls::disabled, false},
    {"jdbc:postgresql://db/x?ssl=false", url_tls::disabled, false},
    {"jdbc:postgresql://db/x?ssl=true&sslfactory=org.postgresql.ssl.NonValidatingFactory",
     url_tls::forced, true},
    {"jdbc:postgresql://db/"
     "x?sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory",
     url_tls::forced, false},
    {"jdbc:postgresql://db/x?sslmode=disable&ssl=true", url_tls::disabled, false}, // sslmode wins
    {"jdbc:postgresql://db/x", url_tls::unspecified, false},
    // mysql (Connector/J 8)
    {"jdbc:mysql://db/x?sslMode=VERIFY_IDENTITY", url_tls::forced, false},
    {"jdbc:mysql://db/x?sslMode=VERIFY_CA", url_tls::forced, false},
    {"jdbc:mysql://db/x?sslMode=REQUIRED", url_tls::forced, true},
    {"jdbc:mysql://db/x?sslmode=required", url_tls::forced, true},
    {"jdbc:mysql://db/x?sslMode=PREFERRED", url_tls::unspecified, true},
    {"jdbc:mysql://db/x?sslMode=DISABLED", url_tls::disabled, false},
    {"jdbc:mysql://db/x?useSSL=true&requireSSL=true", url_tls::forced, false},
    {"jdbc:mysql://db/x?useSSL=true", url_tls::unspecified, false},
    {"jdbc:mysql://db/x?useSSL=false", url_tls::disabled, false},
    {"jdbc:mysql://db/x?useSSL=true&requireSSL=true&verifyServerCertificate=false", url_tls::forced,
     true},
    {"jdbc:mysql://db/x?sslMode=VERIFY_IDENTITY&useSSL=false", url_tls::forced, false},
    {"jdbc:mysql://db/x", url_tls::unspecified, false},
    // mariadb
    {"jdbc:mariadb://db/x?sslMode=verify-full", url_tls::forced, false},
    {"jdbc:mariadb://db/x?sslMode=verify-ca", url_tls::forced, false},
    {"jdbc:mariadb://db/x?sslMode=trust", url_tls::forced, true},
    {"jdbc:mariadb://db/x?useSsl=true", url_tls::forced, false},
    {"jdbc:mariadb://db/x?useSsl=true&trustServerCertificate=true", url_tls::forced, true},
    {"jdbc:mariadb://db/x?sslMode=disable", url_tls::disabled, false},
    {"jdbc:mariadb://db/x", url_tls::unspecified, false},
    // sqlserver
    {"jdbc:sqlserver://db:1433;encrypt=true", url_tls::forced, false},
    {"jdbc:sqlserver://db:1433;encrypt=mandatory", url_tls::forced, false},
    {"jdbc:sqlserver://db:1433;encrypt=strict", url_tls::forced, false},
    {"jdbc:sqlserver://db:1433;encrypt=true;trustServerCertificate=true", url_tls::forced, true},
    {"jdbc:sqlserver://db:1433;encrypt=true;trustServerCertificate=false", url_tls::forced, false},
    {"jdbc:sqlserver://db:1433;encrypt=false", url_tls::disabled, false},
    {"jdbc:sqlserver://db:1433;encrypt=optional", url_tls::disabled, false},
    {"jdbc:sqlserver://db:1433;databaseName=x", url_tls::unspecified, false}, // default differs
    // oracle
    {"jdbc:oracle:thin:@tcps://ora:2484/svc", url_tls::forced, false},
    {"jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCPS)(HOST=ora)(PORT=2484)))",
     url_tls::forced, false},
    {"jdbc:oracle:thin:@tcps://ora:2484/svc?oracle.net.ssl_server_dn_match=false", url_tls::forced,
     true},
    {"jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=tcps)(HOST=ora)(PORT=2484))"
     "(SECURITY=(SSL_SERVER_DN_MATCH=FALSE)))",
     url_tls::forced, true},
    {"jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=ora)(PORT=1521)))",
     url_tls::disabled, false},
    {"jdbc:oracle:thin:@tcp://ora:1521/svc", url_tls::disabled, false},
    {"jdbc:oracle:thin:@//ora:1521/svc", url_tls::unspecified, false},
    {"jdbc:oracle:thin:@ora:1521:ORCL", url_tls::unspecified, false},
    // redshift (2.x)
    {"jdbc:redshift://rs:5439/dev?ssl=true", url_tls::forced, false},
    {"jdbc:redshift://rs:5439/dev?sslmode=verify-full", url_tls::forced, false},
    {"jdbc:redshift://rs:5439/dev?sslmode=verify-ca", url_tls::forced, false},
    {"jdbc:redshift://rs:5439/dev?sslmode=require", url_tls::forced, true},
    {"jdbc:redshift://rs:5439/dev?ssl=true&SSLFactory=com.amazon.redshift.ssl.NonValidatingFactory",
     url_tls::forced, true},
    {"jdbc:redshift://rs:5439/dev?ssl=true&ssl_insecure=true", url_tls::forced, true},
    {"jdbc:redshift://rs:5439/dev?ssl=false", url_tls::disabled, false},
    {"jdbc:redshift://rs:5439/dev", url_tls::driver_default, false},
    // db2
    {"jdbc:db2://db2:50001/SAMPLE:sslConnection=true;", url_tls::forced, false},
    {"jdbc:db2://db2:50001/SAMPLE:sslConnection=TRUE;", url_tls::forced, false},
    {"jdbc:db2://db2:50000/SAMPLE:sslConnection=false;", url_tls::disabled, false},
    {"jdbc:db2://db2:50000/SAMPLE", url_tls::unspecified, false},
    // mongodb
    {"mongodb://h:27017/app?tls=true", url_tls::forced, false},
    {"mongodb://h:27017/app?ssl=true", url_tls::forced, false},
    {"mongodb+srv://cluster0.example.net/app", url_tls::forced, false},
    {"mongodb+srv://cluster0.example.net/app?tls=false", url_tls::disabled, false},
    {"mongodb://h:27017/app?tls=true&tlsAllowInvalidCertificates=true", url_tls::forced, true},
    {"mongodb://h:27017/app?tls=true&tlsAllowInvalidHostnames=true", url_tls::forced, true},
    {"mongodb://h:27017/app?tls=true&tlsInsecure=TRUE", url_tls::forced, true},
    {"mongodb://h:27017/app?tls=true&tlsInsecure=false", url_tls::forced, false},
    {"mongodb://h:27017/app?tls=false", url_tls::disabled, false},
    {"mongodb://h:27017/app?ssl=false", url_tls::disabled, false},
    {"mongodb://h:27017/app", url_tls::unspecified, false},
};

} // namespace

BOOST_AUTO_TEST_SUITE(tls_table)

BOOST_DATA_TEST_CASE(every_row_both_directions, boost::unit_test::data::make(cases), c) {
    parsed_url u;
    BOOST_TEST_REQUIRE(read_url(c.url, u), c.url);
    const tls_reading r = read_tls(u);
    BOOST_TEST(to_string(r.tls) == to_string(c.tls), c.url);
    BOOST_TEST(r.verification_off == c.verification_off, c.url);
    BOOST_TEST(r.engine_known);
}

BOOST_AUTO_TEST_CASE(names_of_the_deciding_parameters_are_kept) {
    parsed_url u;
    BOOST_TEST_REQUIRE(read_url("jdbc:postgresql://db/x?user=a&sslmode=require", u));
    const auto r = read_tls(u);
    BOOST_TEST_REQUIRE(r.tls_names().size() == 1U);
    BOOST_TEST(r.tls_names()[0] == "sslmode");
    BOOST_TEST_REQUIRE(r.verification_names().size() == 1U);
    BOOST_TEST(r.verification_names()[0] == "sslmode");
}

BOOST_AUTO_TEST_CASE(an_engine_outside_the_table_is_unspecified_and_unknown) {
    parsed_url u;
    BOOST_TEST_REQUIRE(read_url("jdbc:sap://hana:30015/?encrypt=true", u));
    const auto r = read_tls(u);
    BOOST_TEST(!r.engine_known);
    BOOST_TEST((r.tls == url_tls::unspecified));
}

BOOST_AUTO_TEST_SUITE_END()
