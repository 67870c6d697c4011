#include "protocol/organizations.hpp"
#include "protocol/request_writer.hpp"

#include <boost/test/unit_test.hpp>
#include <simdjson.h>

using namespace glue_inventory;
using namespace glue_inventory::protocol;

namespace {

std::string body_of(const get_connections_request& req) {
    std::string out;
    write_get_connections_request(req, out);
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(request_writer)

BOOST_AUTO_TEST_CASE(an_empty_request_is_an_empty_object) {
    BOOST_TEST(body_of({}) == "{}");
}

BOOST_AUTO_TEST_CASE(every_member_is_written_in_model_order) {
    get_connections_request req;
    req.catalog_id = "111122223333";
    req.filter = get_connections_filter{std::vector<std::string>{"a", "b"}, "JDBC", 2};
    req.hide_password = true;
    req.next_token = "tok/+=";
    req.max_results = 100;
    BOOST_TEST(body_of(req) ==
               R"({"CatalogId":"111122223333","Filter":{"MatchCriteria":["a","b"],)"
               R"("ConnectionType":"JDBC","ConnectionSchemaVersion":2},"HidePassword":true,)"
               R"("NextToken":"tok/+=","MaxResults":100})");
}

BOOST_AUTO_TEST_CASE(only_present_members_are_written) {
    get_connections_request req;
    req.hide_password = false;
    req.filter = get_connections_filter{};
    req.filter->connection_schema_version = 1;
    BOOST_TEST(body_of(req) == R"({"Filter":{"ConnectionSchemaVersion":1},"HidePassword":false})");
    get_connections_request empty_filter;
    empty_filter.filter = get_connections_filter{};
    BOOST_TEST(body_of(empty_filter) == R"({"Filter":{}})");
}

BOOST_AUTO_TEST_CASE(strings_are_escaped) {
    get_connections_request req;
    req.next_token = std::string{"a\"b\\c\n\x01\x7f\xC3\xA9", 10};
    BOOST_TEST(body_of(req) == "{\"NextToken\":\"a\\\"b\\\\c\\u000a\\u0001\x7f\xC3\xA9\"}");
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    BOOST_TEST_REQUIRE(!parser.parse(body_of(req)).get(doc));
    std::string_view token;
    BOOST_TEST_REQUIRE(!doc["NextToken"].get(token));
    BOOST_TEST(token == *req.next_token);
}

BOOST_AUTO_TEST_CASE(list_accounts_request_has_only_present_members) {
    std::string out;
    write_list_accounts_request(std::nullopt, std::nullopt, out);
    BOOST_TEST(out == "{}");
    out.clear();
    write_list_accounts_request(std::string{"t"}, 20, out);
    BOOST_TEST(out == R"({"NextToken":"t","MaxResults":20})");
    out.clear();
    write_list_accounts_request(std::nullopt, 5, out);
    BOOST_TEST(out == R"({"MaxResults":5})");
}

BOOST_AUTO_TEST_SUITE_END()
