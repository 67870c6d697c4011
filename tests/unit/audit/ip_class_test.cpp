#include "audit/ip_class.hpp"

#include <boost/test/unit_test.hpp>
#include <string>

using namespace glue_inventory::audit::detail;

namespace {

std::string class_of(std::string_view host) {
    return std::string(to_string(classify_ip(host)));
}

} // namespace

BOOST_AUTO_TEST_SUITE(ip_classification)

BOOST_AUTO_TEST_CASE(ipv4_private_ranges_and_their_edges) {
    BOOST_TEST(class_of("10.0.0.1") == "private");
    BOOST_TEST(class_of("10.255.255.255") == "private");
    BOOST_TEST(class_of("172.16.0.1") == "private");
    BOOST_TEST(class_of("172.31.255.254") == "private");
    BOOST_TEST(class_of("172.15.255.255") == "public");
    BOOST_TEST(class_of("172.32.0.1") == "public");
    BOOST_TEST(class_of("192.168.1.1") == "private");
    BOOST_TEST(class_of("192.169.0.1") == "public");
    BOOST_TEST(class_of("11.0.0.1") == "public");
}

BOOST_AUTO_TEST_CASE(ipv4_local_and_special_ranges) {
    BOOST_TEST(class_of("127.0.0.1") == "loopback");
    BOOST_TEST(class_of("127.255.0.9") == "loopback");
    BOOST_TEST(class_of("169.254.169.254") == "link_local");
    BOOST_TEST(class_of("169.255.0.1") == "public");
    BOOST_TEST(class_of("100.64.0.1") == "cgnat");
    BOOST_TEST(class_of("100.127.255.255") == "cgnat");
    BOOST_TEST(class_of("100.128.0.1") == "public");
    BOOST_TEST(class_of("100.63.255.255") == "public");
    BOOST_TEST(class_of("0.0.0.0") == "unspecified");
    BOOST_TEST(class_of("8.8.8.8") == "public");
    BOOST_TEST(class_of("52.94.76.10") == "public");
}

BOOST_AUTO_TEST_CASE(ipv6_ranges) {
    BOOST_TEST(class_of("::1") == "loopback");
    BOOST_TEST(class_of("::") == "unspecified");
    BOOST_TEST(class_of("fe80::1") == "link_local");
    BOOST_TEST(class_of("febf::1") == "link_local");
    BOOST_TEST(class_of("fec0::1") == "public");
    BOOST_TEST(class_of("fc00::1") == "unique_local");
    BOOST_TEST(class_of("fd12:3456:789a::1") == "unique_local");
    BOOST_TEST(class_of("2600:1f18::1") == "public");
    BOOST_TEST(class_of("2001:db8::1") == "public");
    BOOST_TEST(class_of("FE80::ABCD") == "link_local");
}

BOOST_AUTO_TEST_CASE(ipv4_mapped_ipv6_is_its_ipv4) {
    BOOST_TEST(class_of("::ffff:10.1.2.3") == "private");
    BOOST_TEST(class_of("::ffff:8.8.8.8") == "public");
    BOOST_TEST(class_of("::ffff:127.0.0.1") == "loopback");
}

BOOST_AUTO_TEST_CASE(brackets_ports_and_zones) {
    BOOST_TEST(class_of("[::1]") == "loopback");
    BOOST_TEST(class_of("[2600:1f18::1]:5432") == "public");
    BOOST_TEST(class_of("10.0.0.1:5432") == "private");
    BOOST_TEST(class_of("8.8.4.4:9092") == "public");
    BOOST_TEST(class_of("fe80::1%eth0") == "link_local");
    BOOST_TEST(class_of("[fe80::1%25eth0]:80") == "link_local");
}

BOOST_AUTO_TEST_CASE(host_names_and_malformed_literals_are_not_ips) {
    BOOST_TEST(class_of("db.example.com") == "not_an_ip");
    BOOST_TEST(class_of("db.example.com:5432") == "not_an_ip");
    BOOST_TEST(class_of("10.0.0") == "not_an_ip");
    BOOST_TEST(class_of("256.1.1.1") == "not_an_ip");
    BOOST_TEST(class_of("10.0.0.1.nip.io") == "not_an_ip");
    BOOST_TEST(class_of("") == "not_an_ip");
    BOOST_TEST(class_of("[::1") == "not_an_ip");
    BOOST_TEST(class_of("1:2:3") == "not_an_ip");
}

BOOST_AUTO_TEST_SUITE_END()
