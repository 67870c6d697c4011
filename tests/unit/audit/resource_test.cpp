// Resource naming (audit-rules.md section 4) and fingerprints.
#include "audit_test_support.hpp"

using namespace audit_test;

BOOST_AUTO_TEST_SUITE(resource_naming)

BOOST_AUTO_TEST_CASE(arn_of_a_connection_in_the_account_catalog) {
    connection c;
    c.name = "orders db";
    c.connection_type = "JDBC";
    c.connection_schema_version = 2;
    c.last_updated_time = audit_now();
    const auto r = describe(c, default_target());
    BOOST_TEST(r.arn == "arn:aws:glue:eu-west-1:111122223333:connection/orders db");
    BOOST_TEST(r.partition == "aws");
    BOOST_TEST(r.account_id == "111122223333");
    BOOST_TEST(r.catalog_id == "111122223333");
    BOOST_TEST(r.region == "eu-west-1");
    BOOST_TEST(r.name == "orders db");
    BOOST_TEST(r.connection_type == "JDBC");
    BOOST_TEST((r.connection_schema_version == 2));
    BOOST_TEST((r.last_updated_time == audit_now()));
}

BOOST_AUTO_TEST_CASE(names_stay_raw_slashes_unicode_tabs) {
    connection c;
    c.name = "team/a b\tdonnées-接続";
    const auto r = describe(c, default_target());
    BOOST_TEST(r.arn == "arn:aws:glue:eu-west-1:111122223333:connection/team/a b\tdonnées-接続");
    // Split only at the first ":connection/".
    BOOST_TEST(r.arn.substr(r.arn.find(":connection/") + 12) == *c.name);
}

BOOST_AUTO_TEST_CASE(partitions_from_the_region) {
    connection c;
    c.name = "x";
    BOOST_TEST(describe(c, target{"111122223333", "cn-north-1", std::nullopt}).arn ==
               "arn:aws-cn:glue:cn-north-1:111122223333:connection/x");
    BOOST_TEST(describe(c, target{"111122223333", "us-gov-west-1", std::nullopt}).partition ==
               "aws-us-gov");
    BOOST_TEST(describe(c, target{"111122223333", "us-iso-east-1", std::nullopt}).partition ==
               "aws-iso");
    BOOST_TEST(describe(c, target{"111122223333", "eu-south-2", std::nullopt}).partition == "aws");
}

BOOST_AUTO_TEST_CASE(the_catalog_owner_is_the_account) {
    connection c;
    c.name = "x";
    const auto other = describe(c, target{"111122223333", "eu-west-1", "444455556666"});
    BOOST_TEST(other.account_id == "444455556666");
    BOOST_TEST(other.catalog_id == "444455556666");
    BOOST_TEST(other.arn == "arn:aws:glue:eu-west-1:444455556666:connection/x");
    const auto federated =
        describe(c, target{"111122223333", "eu-west-1", "444455556666:s3tablescatalog/b"});
    BOOST_TEST(federated.account_id == "444455556666");
    BOOST_TEST(federated.catalog_id == "444455556666:s3tablescatalog/b");
}

BOOST_AUTO_TEST_CASE(an_absent_name_and_type_are_empty) {
    const auto r = describe(connection{}, default_target());
    BOOST_TEST(r.name.empty());
    BOOST_TEST(r.connection_type.empty());
    BOOST_TEST(r.arn == "arn:aws:glue:eu-west-1:111122223333:connection/");
}

BOOST_AUTO_TEST_CASE(fingerprint_known_values) {
    // python3 -c "import hashlib; print(hashlib.sha256(
    //     b'GLUE-001\0arn:aws:glue:eu-west-1:111122223333:connection/orders db').hexdigest())"
    BOOST_TEST(
        fingerprint("GLUE-001", "arn:aws:glue:eu-west-1:111122223333:connection/orders db") ==
        "18efe2e822ad44b65d7018732b176e495a4d5289547025d67711533d9345396f");
    // python3 -c "import hashlib; print(hashlib.sha256('GLUE-005\0arn:aws-cn:glue:cn-north-1:'
    //     '111122223333:connection/a/b é'.encode()).hexdigest())"
    BOOST_TEST(
        fingerprint("GLUE-005", "arn:aws-cn:glue:cn-north-1:111122223333:connection/a/b é") ==
        "774f86997cdc89411541ea19172ffba77598e061e3e137635e321daf77d85f30");
    // The NUL keeps ("GLUE-00", "1arn") and ("GLUE-001", "arn") apart.
    BOOST_TEST(fingerprint("GLUE-00", "1arn") != fingerprint("GLUE-001", "arn"));
}

BOOST_AUTO_TEST_SUITE_END()
