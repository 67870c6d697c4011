#include "protocol/response_pages.hpp"
#include "protocol/response_parser.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>
#include <simdjson.h>

using namespace glue_inventory;
using namespace glue_inventory::protocol;
using protocol_test::padded_body;

namespace {

struct parsed {
    bool ok = false;
    get_connections_page page;
    parse_error error;
};

parsed parse(std::string_view body) {
    static response_parser parser; // reused across bodies, as the client does
    parsed result;
    const padded_body padded{body};
    result.ok = parser.parse_get_connections(padded.view(), result.page, result.error);
    return result;
}

// The first connection of a one-connection page whose connection object is `object`.
connection parse_connection(const std::string& object) {
    const auto result = parse(R"({"ConnectionList":[)" + object + "]}");
    BOOST_TEST_REQUIRE(result.ok, result.error.where + ": " + result.error.what);
    BOOST_TEST_REQUIRE(result.page.connections.size() == 1U);
    return result.page.connections.front();
}

void check_rejected(std::string_view body, std::string_view where) {
    const auto result = parse(body);
    BOOST_TEST(!result.ok, body);
    BOOST_TEST(!result.error.what.empty(), body);
    BOOST_TEST(result.error.where == where, body);
}

std::string page_text(const get_connections_page& page) {
    std::string out;
    write_get_connections_response(page, timestamp_style::epoch_seconds, out);
    return out;
}

std::vector<std::string> connection_types_from_botocore() {
    const std::string shapes =
        protocol_test::read_file(GLUE_TEST_DATA_DIR "/glue-get-connections-shapes.json");
    simdjson::dom::parser parser;
    simdjson::dom::array values;
    const auto e = parser.parse(shapes)["shapes"]["ConnectionType"]["enum"].get(values);
    BOOST_TEST_REQUIRE(!e);
    std::vector<std::string> types;
    for (auto value : values) {
        types.emplace_back(std::string_view{value});
    }
    return types;
}

} // namespace

BOOST_AUTO_TEST_SUITE(response_parser_suite)

BOOST_AUTO_TEST_CASE(reads_every_member_of_a_connection) {
    get_connections_page page;
    page.connections.push_back(protocol_test::full_connection());
    page.next_token = "next/token==";
    const auto result = parse(page_text(page));
    BOOST_TEST_REQUIRE(result.ok, result.error.where + ": " + result.error.what);
    BOOST_TEST((result.page == page));
}

BOOST_AUTO_TEST_CASE(an_empty_page_has_no_connections_and_no_token) {
    const auto result = parse(R"({"ConnectionList":[]})");
    BOOST_TEST_REQUIRE(result.ok);
    BOOST_TEST(result.page.connections.empty());
    BOOST_TEST(!result.page.next_token.has_value());
    BOOST_TEST(parse("{}").ok);
}

BOOST_AUTO_TEST_CASE(every_connection_type_of_botocore_round_trips) {
    const auto types = connection_types_from_botocore();
    BOOST_TEST_REQUIRE(types.size() == 92U);
    get_connections_page page;
    for (const auto& type : types) {
        connection c = protocol_test::full_connection();
        c.name = "conn-" + type;
        c.connection_type = type;
        page.connections.push_back(std::move(c));
    }
    const auto result = parse(page_text(page));
    BOOST_TEST_REQUIRE(result.ok, result.error.where + ": " + result.error.what);
    BOOST_TEST_REQUIRE(result.page.connections.size() == types.size());
    for (std::size_t i = 0; i < types.size(); ++i) {
        BOOST_TEST((result.page.connections[i] == page.connections[i]), types[i]);
    }
}

BOOST_AUTO_TEST_CASE(property_maps_keep_the_server_order) {
    const auto c = parse_connection(R"({"ConnectionProperties":{"Z":"1","A":"2","M":"3"}})");
    const property_map expected{{"Z", "1"}, {"A", "2"}, {"M", "3"}};
    BOOST_TEST((c.connection_properties == expected));
}

BOOST_AUTO_TEST_CASE(lists_and_maps_are_read_whole_and_alone_in_every_size) {
    // Lists and maps go through a scratch of views that is kept between reads (and released
    // past 256 entries): every size, escapes included, must come out exact, and nothing of a
    // previous read, failed or not, may leak into the next.
    for (const std::size_t n :
         {0UL, 1UL, 2UL, 3UL, 5UL, 17UL, 256UL, 257UL, 1000UL, 1UL, 0UL, 4UL}) {
        std::string list;
        std::string map;
        std::vector<std::string> expected_list;
        property_map expected_map;
        for (std::size_t i = 0; i < n; ++i) {
            const std::string item = "item-" + std::to_string(i) + std::string(i % 20, 'x');
            list += (i == 0 ? "" : ",") + std::string{"\""} + item + "\\n\"";
            expected_list.push_back(item + "\n");
            map += (i == 0 ? "" : ",") + std::string{"\"k"} + std::to_string(i) + "\":\"" + item +
                   "\"";
            expected_map.emplace_back("k" + std::to_string(i), item);
        }
        const auto c =
            parse_connection(R"({"MatchCriteria":[)" + list + R"(],"ConnectionProperties":{)" +
                             map + R"(},"SparkProperties":{"a":"b"}})");
        BOOST_TEST((c.match_criteria == expected_list), n);
        BOOST_TEST((c.connection_properties == expected_map), n);
        BOOST_TEST((c.spark_properties == property_map{{"a", "b"}}), n);
        // A failed list and a failed map half way, then a good page: only its own entries.
        BOOST_TEST(!parse(R"({"ConnectionList":[{"MatchCriteria":[)" + list + (n == 0 ? "" : ",") +
                          R"(1]}]})")
                        .ok);
        BOOST_TEST(!parse(R"({"ConnectionList":[{"ConnectionProperties":{)" + map +
                          (n == 0 ? "" : ",") + R"("bad":2}}]})")
                        .ok);
        const auto after =
            parse_connection(R"({"MatchCriteria":["z"],"PythonProperties":{"p":"q"}})");
        BOOST_TEST((after.match_criteria == std::vector<std::string>{"z"}), n);
        BOOST_TEST((after.python_properties == property_map{{"p", "q"}}), n);
    }
}

BOOST_AUTO_TEST_CASE(pages_of_every_size_in_turn_parse_as_they_would_alone) {
    // The parser reserves a page's list at the previous page's count: big, small, empty and
    // failed pages in turn must each be what they are, and a small page after a big one must
    // not keep the big one's room.
    response_parser parser;
    for (const std::size_t n : {1000UL, 3UL, 1200UL, 0UL, 999UL, 1UL, 1000UL}) {
        get_connections_page page;
        for (std::size_t i = 0; i < n; ++i) {
            auto c = protocol_test::full_connection();
            c.name = "conn-" + std::to_string(i);
            page.connections.push_back(std::move(c));
        }
        page.next_token = "token-" + std::to_string(n);
        std::string body;
        write_get_connections_response(page, timestamp_style::epoch_seconds, body);
        const padded_body padded{body};
        get_connections_page parsed;
        parse_error error;
        BOOST_TEST_REQUIRE(parser.parse_get_connections(padded.view(), parsed, error), n);
        BOOST_TEST((parsed == page), n);
        BOOST_TEST(parsed.connections.capacity() <= std::max<std::size_t>(2 * n, 1), n);
        if (n == 0) { // a failed page in the sequence too
            const padded_body broken{R"({"ConnectionList":[{"Name":1}]})"};
            BOOST_TEST(!parser.parse_get_connections(broken.view(), parsed, error));
        }
    }
}

BOOST_AUTO_TEST_CASE(timestamps_in_every_notation) {
    const auto c = parse_connection(R"({"CreationTime":1700000000,)"
                                    R"("LastUpdatedTime":1.700000000123E9,)"
                                    R"("LastConnectionValidationTime":-1.0005 })");
    BOOST_TEST(c.creation_time->time_since_epoch().count() == 1700000000000);
    BOOST_TEST(c.last_updated_time->time_since_epoch().count() == 1700000000123);
    BOOST_TEST(c.last_connection_validation_time->time_since_epoch().count() == -1001);
}

BOOST_AUTO_TEST_CASE(a_timestamp_out_of_range_is_rejected_with_its_path) {
    check_rejected(R"({"ConnectionList":[{},{"CreationTime":1e20}]})",
                   "ConnectionList[1].CreationTime");
}

BOOST_AUTO_TEST_CASE(a_malformed_number_is_rejected) {
    check_rejected(R"({"ConnectionList":[{"CreationTime":01}]})", "ConnectionList[0].CreationTime");
    check_rejected(R"({"ConnectionList":[{"CreationTime":1.}]})", "ConnectionList[0].CreationTime");
}

BOOST_AUTO_TEST_CASE(null_members_are_absent) {
    const auto c = parse_connection(
        R"({"Name":null,"CreationTime":null,"MatchCriteria":null,"ConnectionProperties":null,)"
        R"("PhysicalConnectionRequirements":null,"ConnectionSchemaVersion":null,)"
        R"("AuthenticationConfiguration":{"OAuth2Properties":null,"SecretArn":null}})");
    connection expected;
    expected.authentication_configuration = authentication_configuration{};
    BOOST_TEST((c == expected));
    BOOST_TEST(parse(R"({"ConnectionList":null,"NextToken":null})").ok);
}

BOOST_AUTO_TEST_CASE(unknown_members_are_skipped_at_every_depth) {
    const auto result = parse(
        R"({"Unknown0":{"a":[1,2,{"b":null}]},"ConnectionList":[{"Future":[[[]]],"Name":"n",)"
        R"("PhysicalConnectionRequirements":{"New":{"x":1},"SubnetId":"s"},)"
        R"("AuthenticationConfiguration":{"OAuth2Properties":{"Later":true,)"
        R"("OAuth2ClientApplication":{"Other":"x","UserManagedClientApplicationClientId":"c"}}},)"
        R"("Status":"READY","Extra":-1.5e3}],"NextToken":"t","Trailing":"member"})");
    BOOST_TEST_REQUIRE(result.ok, result.error.where + ": " + result.error.what);
    const auto& c = result.page.connections.at(0);
    BOOST_TEST(*c.name == "n");
    BOOST_TEST(*c.physical_connection_requirements->subnet_id == "s");
    BOOST_TEST(*c.authentication_configuration->oauth2_properties->oauth2_client_application
                    ->user_managed_client_application_client_id == "c");
    BOOST_TEST(*c.status == "READY");
    BOOST_TEST(*result.page.next_token == "t");
}

BOOST_AUTO_TEST_CASE(escaped_keys_and_strings_are_unescaped) {
    const auto c = parse_connection(R"({"N\u0061me":"a\"b\\c\u00e9\ud83d\ude80\n"})");
    BOOST_TEST(*c.name == "a\"b\\c\xC3\xA9\xF0\x9F\x9A\x80\n");
}

BOOST_AUTO_TEST_CASE(wrong_types_are_rejected_with_the_member_path) {
    check_rejected(R"({"ConnectionList":[{"Name":1}]})", "ConnectionList[0].Name");
    check_rejected(R"({"ConnectionList":{}})", "ConnectionList");
    check_rejected(R"({"ConnectionList":["x"]})", "ConnectionList[0]");
    check_rejected(R"({"NextToken":true})", "NextToken");
    check_rejected(R"({"ConnectionList":[{},{},{"MatchCriteria":["a",2]}]})",
                   "ConnectionList[2].MatchCriteria[1]");
    check_rejected(R"({"ConnectionList":[{"ConnectionProperties":{"PORT":5432}}]})",
                   "ConnectionList[0].ConnectionProperties.PORT");
    check_rejected(R"({"ConnectionList":[{"ConnectionSchemaVersion":"2"}]})",
                   "ConnectionList[0].ConnectionSchemaVersion");
    check_rejected(R"({"ConnectionList":[{"ConnectionSchemaVersion":1.5}]})",
                   "ConnectionList[0].ConnectionSchemaVersion");
    check_rejected(R"({"ConnectionList":[{"CreationTime":"2024-05-01T00:00:00Z"}]})",
                   "ConnectionList[0].CreationTime");
    check_rejected(
        R"({"ConnectionList":[{"AuthenticationConfiguration":{"OAuth2Properties":{"TokenUrlParametersMap":[]}}}]})",
        "ConnectionList[0].AuthenticationConfiguration.OAuth2Properties.TokenUrlParametersMap");
    check_rejected(R"({"ConnectionList":[{"PhysicalConnectionRequirements":"x"}]})",
                   "ConnectionList[0].PhysicalConnectionRequirements");
    check_rejected(R"({"ConnectionList":[{"MatchCriteria":[null]}]})",
                   "ConnectionList[0].MatchCriteria[0]");
}

BOOST_AUTO_TEST_CASE(a_body_that_is_not_an_object_is_rejected) {
    for (const std::string_view body : {"[]", "\"x\"", "1", "null", "true"}) {
        check_rejected(body, "");
    }
}

BOOST_AUTO_TEST_CASE(an_empty_body_is_rejected) {
    check_rejected("", "");
    check_rejected("  \n", "");
}

BOOST_AUTO_TEST_CASE(trailing_content_is_rejected) {
    for (const std::string_view body : {"{} x", "{}}", "{}{}", "{}]", "{} 1", "{},"}) {
        BOOST_TEST(!parse(body).ok, body);
    }
    BOOST_TEST(parse("{} \n\t\r").ok);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_rejected) {
    BOOST_TEST(!parse("{\"ConnectionList\":[{\"Name\":\"a\xFF\"}]}").ok);
    BOOST_TEST(!parse("{\"Unknown\":\"\xC0\xAF\"}").ok);                // even in a skipped member
    BOOST_TEST(!parse(R"({"ConnectionList":[{"Name":"\ud800"}]})").ok); // lone surrogate
}

BOOST_AUTO_TEST_CASE(malformed_json_is_rejected) {
    for (const std::string_view body :
         {"{", "{\"ConnectionList\"", "{\"ConnectionList\":", "{\"ConnectionList\":[",
          "{\"ConnectionList\":[{]}", "{\"a\" 1}", "{\"a\":1,}", "{'a':1}", "{\"NextToken\":tru}",
          "{\"ConnectionList\":[{\"Name\":\"x}]}", "{\"ConnectionList\":[{\"Name\":nul}]}"}) {
        BOOST_TEST(!parse(body).ok, body);
    }
}

// A documented limit of On-Demand: the value of a member that is skipped is checked for UTF-8
// and bracket structure, not for the spelling of its atoms. What we read is always checked.
BOOST_AUTO_TEST_CASE(atoms_inside_skipped_members_are_not_spelled_out) {
    BOOST_TEST(parse(R"({"Unknown":tru,"ConnectionList":[]})").ok);
    BOOST_TEST(!parse(R"({"NextToken":tru})").ok);
    BOOST_TEST(!parse(R"({"ConnectionList":[{"Name":nul}]})").ok);
}

BOOST_AUTO_TEST_CASE(deep_nesting_in_unknown_members_neither_crashes_nor_recurses) {
    constexpr std::size_t depth = 100'000;
    const std::string deep = "{\"Unknown\":" + std::string(depth, '[') + std::string(depth, ']') +
                             ",\"ConnectionList\":[{\"Name\":\"n\"}]}";
    const auto result = parse(deep);
    // Either answer is acceptable as long as it is an answer: simdjson may refuse the depth.
    if (result.ok) {
        BOOST_TEST(*result.page.connections.at(0).name == "n");
    } else {
        BOOST_TEST(!result.error.what.empty());
    }
    BOOST_TEST(!parse("{\"Unknown\":" + std::string(depth, '[')).ok);
}

BOOST_AUTO_TEST_CASE(huge_strings_are_read_whole) {
    const std::string big(8 * 1024 * 1024, 'x');
    const auto c = parse_connection(R"({"Description":")" + big + "\"}");
    BOOST_TEST(c.description->size() == big.size());
}

BOOST_AUTO_TEST_CASE(every_truncation_of_a_valid_page_is_rejected) {
    get_connections_page page;
    page.connections.push_back(protocol_test::full_connection());
    page.connections.push_back(protocol_test::full_connection());
    page.next_token = "tok";
    const std::string text = page_text(page);
    BOOST_TEST_REQUIRE(parse(text).ok);
    std::size_t accepted = 0;
    for (std::size_t size = 0; size < text.size(); ++size) {
        if (parse(std::string_view{text}.substr(0, size)).ok) {
            ++accepted;
            BOOST_TEST_MESSAGE("accepted a truncation at " << size);
        }
    }
    BOOST_TEST(accepted == 0U);
}

BOOST_AUTO_TEST_CASE(a_parser_is_reusable_after_a_rejected_body) {
    response_parser parser;
    get_connections_page page;
    parse_error error;
    const padded_body bad{"{\"ConnectionList\":[{\"Name\":1}]}"};
    BOOST_TEST(!parser.parse_get_connections(bad.view(), page, error));
    const padded_body good{"{\"ConnectionList\":[{\"Name\":\"n\"}]}"};
    BOOST_TEST(parser.parse_get_connections(good.view(), page, error));
    BOOST_TEST(page.connections.size() == 1U);
}

BOOST_AUTO_TEST_CASE(error_texts_never_contain_values_from_the_body) {
    const auto result =
        parse(R"({"ConnectionList":[{"ConnectionProperties":{"PASSWORD":["hunter2"]}}]})");
    BOOST_TEST(!result.ok);
    BOOST_TEST(result.error.what.find("hunter2") == std::string::npos);
    BOOST_TEST(result.error.where.find("hunter2") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
