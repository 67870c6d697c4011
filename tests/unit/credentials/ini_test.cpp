#include "credentials/ini.hpp"

#include <boost/test/unit_test.hpp>

namespace gc = glue_inventory::creds;

namespace {
gc::ini_document parse(std::string_view text) {
    auto r = gc::parse_ini(text, "test file");
    BOOST_REQUIRE_MESSAGE(r.has_value(), (r.has_error() ? r.error().message : ""));
    return *r;
}
std::string value(const gc::ini_document& doc, const std::string& section, const std::string& key) {
    auto it = doc.find(section);
    BOOST_REQUIRE(it != doc.end());
    const std::string* v = it->second.find(key);
    BOOST_REQUIRE(v != nullptr);
    return *v;
}
std::string error_of(std::string_view text) {
    auto r = gc::parse_ini(text, "test file");
    BOOST_REQUIRE(r.has_error());
    return r.error().message;
}
} // namespace

BOOST_AUTO_TEST_SUITE(ini_parser)

BOOST_AUTO_TEST_CASE(sections_and_properties_are_read_with_whitespace_trimmed) {
    auto doc =
        parse("[default]\naws_access_key_id=AKID\n  \n[ profile dev ]\n\tregion  =  eu-west-1\t\n");
    BOOST_TEST(value(doc, "default", "aws_access_key_id") == "AKID");
    BOOST_TEST(doc.count("profile dev") == 1U);
}

BOOST_AUTO_TEST_CASE(full_line_comments_and_blank_lines_are_ignored) {
    auto doc = parse("# top\n; also\n\n[default]\n   # indented comment\nregion = us-east-1\n");
    BOOST_TEST(value(doc, "default", "region") == "us-east-1");
    BOOST_TEST(doc.at("default").properties.size() == 1U);
}

BOOST_AUTO_TEST_CASE(inline_comments_need_a_blank_before_them) {
    auto doc = parse("[default] # header comment\nregion = us-east-1 # comment\n"
                     "url = https://example.com/#frag\nsemi = a;b ; comment\n");
    BOOST_TEST(value(doc, "default", "region") == "us-east-1");
    BOOST_TEST(value(doc, "default", "url") == "https://example.com/#frag");
    BOOST_TEST(value(doc, "default", "semi") == "a;b");
}

BOOST_AUTO_TEST_CASE(an_empty_value_followed_by_indented_lines_has_sub_properties) {
    auto doc = parse("[profile dev]\ns3 =\n  max_concurrent_requests = 10\n  "
                     "max_queue_size=1000\nregion = us-west-2\n");
    const auto& s3 = doc.at("profile dev").properties.at("s3");
    BOOST_TEST(s3.value.empty());
    BOOST_TEST(s3.sub_properties.at("max_concurrent_requests") == "10");
    BOOST_TEST(s3.sub_properties.at("max_queue_size") == "1000");
    BOOST_TEST(value(doc, "profile dev", "region") == "us-west-2");
}

BOOST_AUTO_TEST_CASE(an_indented_first_property_is_an_ordinary_property) {
    auto doc = parse("[default]\n  region = us-east-1\n");
    BOOST_TEST(value(doc, "default", "region") == "us-east-1");
}

BOOST_AUTO_TEST_CASE(indented_lines_after_a_value_continue_it) {
    auto doc = parse("[default]\nkey = first\n  second\n");
    BOOST_TEST(value(doc, "default", "key") == "first\nsecond");
}

BOOST_AUTO_TEST_CASE(crlf_line_ends_are_accepted) {
    auto doc = parse("[default]\r\nregion = us-east-1\r\ns3 =\r\n  addressing_style = path\r\n");
    BOOST_TEST(value(doc, "default", "region") == "us-east-1");
    BOOST_TEST(doc.at("default").properties.at("s3").sub_properties.at("addressing_style") ==
               "path");
}

BOOST_AUTO_TEST_CASE(keys_are_case_insensitive_as_in_configparser) {
    auto doc = parse("[default]\nAWS_Access_Key_ID = AKID\n");
    BOOST_TEST(value(doc, "default", "aws_access_key_id") == "AKID");
}

BOOST_AUTO_TEST_CASE(repeated_sections_merge_and_repeated_keys_keep_the_last_value) {
    auto doc = parse("[default]\nregion = us-east-1\noutput = json\n[other]\nx = 1\n"
                     "[default]\nregion = eu-west-1\n");
    BOOST_TEST(value(doc, "default", "region") == "eu-west-1");
    BOOST_TEST(value(doc, "default", "output") == "json");
}

BOOST_AUTO_TEST_CASE(a_value_may_contain_equals_signs) {
    auto doc = parse("[default]\naws_secret_access_key = abc/def+ghi==\n");
    BOOST_TEST(value(doc, "default", "aws_secret_access_key") == "abc/def+ghi==");
}

BOOST_AUTO_TEST_CASE(malformed_lines_are_errors_naming_the_line) {
    BOOST_TEST(error_of("region = us-east-1\n").find("line 1") != std::string::npos);
    BOOST_TEST(error_of("[default]\njust words\n").find("line 2") != std::string::npos);
    BOOST_TEST(error_of("[default\n").find("must end with ']'") != std::string::npos);
    BOOST_TEST(error_of("[default]\n = value\n").find("did not have a name") != std::string::npos);
    BOOST_TEST(error_of("[default]\ns3 =\n  no equals here\n").find("sub-property") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_property_whose_name_is_not_an_identifier_is_skipped_with_its_lines) {
    auto doc = parse("[default]\nin valid = x\n  more\nregion = eu-west-1\n");
    BOOST_TEST(doc.at("default").properties.size() == 1U);
    BOOST_TEST(value(doc, "default", "region") == "eu-west-1");
}

BOOST_AUTO_TEST_SUITE_END()
