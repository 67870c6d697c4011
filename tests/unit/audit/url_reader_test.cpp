#include "audit/url_reader.hpp"

#include <boost/test/unit_test.hpp>
#include <string>

using namespace glue_inventory::audit::detail;

namespace {

parsed_url read(std::string_view url) {
    parsed_url u;
    BOOST_TEST_REQUIRE(read_url(url, u), url);
    return u;
}

std::string value_of(const parsed_url& u, std::string_view name) {
    const auto* p = u.find(name);
    return p == nullptr ? "<absent>" : std::string(p->value);
}

} // namespace

BOOST_AUTO_TEST_SUITE(url_reader)

BOOST_AUTO_TEST_CASE(postgresql_hosts_port_and_query_parameters) {
    const auto u = read("jdbc:postgresql://db.example.com:5432/orders?sslmode=verify-full&user=x");
    BOOST_TEST((u.engine == url_engine::postgresql));
    BOOST_TEST(u.scheme == "jdbc:postgresql");
    BOOST_TEST_REQUIRE(u.hosts().size() == 1U);
    BOOST_TEST(u.hosts()[0].host == "db.example.com");
    BOOST_TEST(u.hosts()[0].port == "5432");
    BOOST_TEST(value_of(u, "SSLMODE") == "verify-full"); // names compared ignoring case
    BOOST_TEST(value_of(u, "user") == "x");
    BOOST_TEST(!u.has_userinfo);
}

BOOST_AUTO_TEST_CASE(failover_hosts_and_ipv6_literals) {
    const auto u = read("jdbc:postgresql://[2001:db8::1]:5432,10.0.0.2:5433,replica/db");
    BOOST_TEST_REQUIRE(u.hosts().size() == 3U);
    BOOST_TEST(u.hosts()[0].host == "2001:db8::1");
    BOOST_TEST(u.hosts()[0].port == "5432");
    BOOST_TEST(u.hosts()[1].host == "10.0.0.2");
    BOOST_TEST(u.hosts()[2].host == "replica");
    BOOST_TEST(u.hosts()[2].port == "");
}

BOOST_AUTO_TEST_CASE(mysql_and_redshift_sub_protocols) {
    const auto m = read("jdbc:mysql:loadbalance://a:3306,b:3306/db?sslMode=REQUIRED");
    BOOST_TEST((m.engine == url_engine::mysql));
    BOOST_TEST(m.hosts().size() == 2U);
    BOOST_TEST(value_of(m, "sslMode") == "REQUIRED");
    const auto r =
        read("jdbc:redshift:iam://cluster.abc.eu-west-1.redshift.amazonaws.com:5439/dev");
    BOOST_TEST((r.engine == url_engine::redshift));
    BOOST_TEST(r.hosts()[0].port == "5439");
}

BOOST_AUTO_TEST_CASE(userinfo_with_and_without_password) {
    const auto with = read("mongodb://app:pa/ss@h1:27017,h2:27017/db?tls=true");
    BOOST_TEST(with.has_userinfo);
    BOOST_TEST(with.userinfo_has_password);
    BOOST_TEST_REQUIRE(with.hosts().size() == 2U);
    BOOST_TEST(with.hosts()[0].host == "h1");
    const auto without = read("jdbc:mysql://app@db:3306/x");
    BOOST_TEST(without.has_userinfo);
    BOOST_TEST(!without.userinfo_has_password);
    BOOST_TEST(without.hosts()[0].host == "db");
    // A '?' in the password (no '=' after it): still userinfo, never a host or a port.
    const auto question = read("jdbc:postgresql://u:p?ss@db:5432/x");
    BOOST_TEST(question.userinfo_has_password);
    BOOST_TEST_REQUIRE(question.hosts().size() == 1U);
    BOOST_TEST(question.hosts()[0].host == "db");
    BOOST_TEST(question.hosts()[0].port == "5432");
    // An '@' inside a parameter value is not userinfo.
    const auto in_value = read("jdbc:postgresql://db/x?user=a@b.example");
    BOOST_TEST(!in_value.has_userinfo);
    BOOST_TEST(in_value.hosts()[0].host == "db");
}

BOOST_AUTO_TEST_CASE(sqlserver_semicolon_parameters_instance_and_braces) {
    const auto u = read("jdbc:sqlserver://sql.example.com\\inst:1433;databaseName=x;"
                        "encrypt=true;password={a;b};trustServerCertificate=false");
    BOOST_TEST((u.engine == url_engine::sqlserver));
    BOOST_TEST_REQUIRE(u.hosts().size() == 1U);
    BOOST_TEST(u.hosts()[0].host == "sql.example.com");
    BOOST_TEST(u.hosts()[0].port == "1433");
    BOOST_TEST(value_of(u, "encrypt") == "true");
    BOOST_TEST(value_of(u, "password") == "{a;b}");
    BOOST_TEST(value_of(u, "trustServerCertificate") == "false");
    const auto named = read("jdbc:sqlserver://;serverName=10.1.2.3;portNumber=1433;encrypt=false");
    BOOST_TEST_REQUIRE(named.hosts().size() == 1U);
    BOOST_TEST(named.hosts()[0].host == "10.1.2.3");
    BOOST_TEST(named.hosts()[0].port == "1433");
}

BOOST_AUTO_TEST_CASE(oracle_forms) {
    const auto ez = read("jdbc:oracle:thin:@//ora.example.com:1521/ORCL");
    BOOST_TEST((ez.engine == url_engine::oracle));
    BOOST_TEST(ez.hosts()[0].host == "ora.example.com");
    BOOST_TEST(ez.hosts()[0].port == "1521");
    BOOST_TEST(!ez.oracle_tcps);
    const auto sid = read("jdbc:oracle:thin:scott/tiger@ora:1521:ORCL");
    BOOST_TEST(sid.has_userinfo);
    BOOST_TEST(sid.userinfo_has_password);
    BOOST_TEST(sid.hosts()[0].host == "ora");
    BOOST_TEST(sid.hosts()[0].port == "1521");
    const auto tcps =
        read("jdbc:oracle:thin:@tcps://ora:2484/svc?oracle.net.ssl_server_dn_match=false");
    BOOST_TEST(tcps.oracle_tcps);
    BOOST_TEST(value_of(tcps, "oracle.net.ssl_server_dn_match") == "false");
    const auto desc =
        read("jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS_LIST=(ADDRESS=(PROTOCOL=TCPS)(HOST=10.0.0.9)"
             "(PORT=2484))(ADDRESS=(PROTOCOL=TCPS)(HOST=ora2)(PORT=2484)))"
             "(CONNECT_DATA=(SERVICE_NAME=svc))(SECURITY=(SSL_SERVER_DN_MATCH=TRUE)))");
    BOOST_TEST(desc.oracle_tcps);
    BOOST_TEST_REQUIRE(desc.hosts().size() == 2U);
    BOOST_TEST(desc.hosts()[0].host == "10.0.0.9");
    BOOST_TEST(desc.hosts()[0].port == "2484");
    BOOST_TEST(desc.hosts()[1].host == "ora2");
    BOOST_TEST(value_of(desc, "SSL_SERVER_DN_MATCH") == "TRUE");
    BOOST_TEST(value_of(desc, "SERVICE_NAME") == "svc");
}

BOOST_AUTO_TEST_CASE(oracle_written_as_a_hierarchical_url) {
    const auto u = read("jdbc:oracle://ora.example.com:1521/svc?x=1");
    BOOST_TEST((u.engine == url_engine::oracle));
    BOOST_TEST_REQUIRE(u.hosts().size() == 1U);
    BOOST_TEST(u.hosts()[0].host == "ora.example.com");
    BOOST_TEST(!u.oracle_tcps);
}

BOOST_AUTO_TEST_CASE(db2_colon_semicolon_parameters) {
    const auto u = read("jdbc:db2://db2.example.com:50000/SAMPLE:sslConnection=true;user=x;");
    BOOST_TEST((u.engine == url_engine::db2));
    BOOST_TEST(u.hosts()[0].host == "db2.example.com");
    BOOST_TEST(u.hosts()[0].port == "50000");
    BOOST_TEST(value_of(u, "sslConnection") == "true");
    BOOST_TEST(value_of(u, "user") == "x");
}

BOOST_AUTO_TEST_CASE(mongodb_srv_and_parameters) {
    const auto u = read("mongodb+srv://cluster0.example.net/app?retryWrites=true&tlsInsecure=true");
    BOOST_TEST((u.engine == url_engine::mongodb));
    BOOST_TEST(u.srv);
    BOOST_TEST(u.scheme == "mongodb+srv");
    BOOST_TEST(value_of(u, "tlsInsecure") == "true");
}

BOOST_AUTO_TEST_CASE(other_jdbc_engines_are_read_generically) {
    const auto u = read("jdbc:sap://hana.example.com:30015/?encrypt=true");
    BOOST_TEST((u.engine == url_engine::other_jdbc));
    BOOST_TEST(u.scheme == "jdbc:sap");
    BOOST_TEST(u.hosts()[0].host == "hana.example.com");
    BOOST_TEST(value_of(u, "encrypt") == "true");
}

BOOST_AUTO_TEST_CASE(what_is_not_a_url) {
    parsed_url u;
    BOOST_TEST(!read_url("", u));
    BOOST_TEST(!read_url("db.example.com:5432", u));
    BOOST_TEST(!read_url("https://example.com/x", u));
    BOOST_TEST(!read_url("jdbc:", u));
    BOOST_TEST(!read_url("jdbc:oracle:thin", u));
    BOOST_TEST(!read_url("jdbc:scott/tiger@db:1521", u)); // no driver name
    // More parameters than the reader keeps: unreadable, not judged on a prefix.
    std::string many = "jdbc:postgresql://db/x?";
    for (std::size_t i = 0; i <= max_url_parameters; ++i) {
        many += "p" + std::to_string(i) + "=1&";
    }
    BOOST_TEST(!read_url(many, u));
}

BOOST_AUTO_TEST_CASE(host_lists_of_kafka_bootstrap_servers) {
    parsed_url u;
    BOOST_TEST_REQUIRE(read_host_list("b-1.msk:9094, b-2.msk:9094,[fd00::5]:9092", u));
    BOOST_TEST_REQUIRE(u.hosts().size() == 3U);
    BOOST_TEST(u.hosts()[1].host == "b-2.msk");
    BOOST_TEST(u.hosts()[2].host == "fd00::5");
    BOOST_TEST(u.hosts()[2].port == "9092");
    parsed_url with_userinfo;
    BOOST_TEST_REQUIRE(read_host_list("user:secret@b-1:9092", with_userinfo));
    BOOST_TEST(with_userinfo.hosts()[0].host == "b-1"); // never the userinfo
}

BOOST_AUTO_TEST_SUITE_END()
