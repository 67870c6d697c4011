#include "protocol/connection_json.hpp"
#include "protocol/ndjson_record.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>
#include <simdjson.h>

using namespace glue_inventory;
using namespace glue_inventory::protocol;

namespace {

std::string json_string(std::string_view s) {
    std::string out;
    write_json_string(s, out);
    return out;
}

std::string record_of(const connection& c) {
    std::string out;
    write_ndjson_record({"111122223333", "eu-west-1", "444455556666"}, c, out);
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(connection_json)

BOOST_AUTO_TEST_CASE(quotes_and_backslashes_are_escaped) {
    BOOST_TEST(json_string(R"(a"b\c)") == R"("a\"b\\c")");
}

BOOST_AUTO_TEST_CASE(every_control_character_is_a_unicode_escape) {
    BOOST_TEST(json_string(std::string_view{"\x00\x1f\n\t", 4}) == R"("\u0000\u001f\u000a\u0009")");
}

BOOST_AUTO_TEST_CASE(valid_utf8_passes_through) {
    const std::string_view text =
        "\x7f \xC3\xA9 \xE2\x82\xAC \xED\x9F\xBF \xEE\x80\x80 \xF0\x9F\x9A\x80 "
        "\xF4\x8F\xBF\xBF";
    BOOST_TEST(json_string(text) == "\"" + std::string{text} + "\"");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_bytes_become_replacement_characters) {
    const std::string r = "\xEF\xBF\xBD";
    BOOST_TEST(json_string("a\xFF"
                           "b") == "\"a" + r + "b\"");
    BOOST_TEST(json_string("\x80") == "\"" + r + "\"");                         // lone continuation
    BOOST_TEST(json_string("\xC3") == "\"" + r + "\"");                         // truncated
    BOOST_TEST(json_string("\xC0\xAF") == "\"" + r + r + "\"");                 // overlong
    BOOST_TEST(json_string("\xE0\x80\xAF") == "\"" + r + r + r + "\"");         // overlong
    BOOST_TEST(json_string("\xED\xA0\x80") == "\"" + r + r + r + "\"");         // surrogate
    BOOST_TEST(json_string("\xF4\x90\x80\x80") == "\"" + r + r + r + r + "\""); // > U+10FFFF
    BOOST_TEST(json_string("\xE2\x82x") == "\"" + r + r + "x\"");
}

// write_json_string tests eight bytes at a time: the cases below put what needs attention at
// every position of a word, across the boundary of two words, and in the short tail.

// A byte or sequence that needs attention and what it must become.
struct special_case {
    std::string_view input;
    std::string_view written;
};

const special_case special_cases[] = {
    {"\"", R"(\")"},
    {"\\", R"(\\)"},
    {std::string_view{"\x00", 1}, R"(\u0000)"},
    {"\n", R"(\u000a)"},
    {"\x1f", R"(\u001f)"},
    {"\xFF", "\xEF\xBF\xBD"},                                 // never valid in UTF-8
    {"\x80", "\xEF\xBF\xBD"},                                 // a lone continuation byte
    {"\xC3\xA9", "\xC3\xA9"},                                 // 2-byte sequence, passed through
    {"\xE2\x82\xAC", "\xE2\x82\xAC"},                         // 3-byte sequence
    {"\xF0\x9F\x9A\x80", "\xF0\x9F\x9A\x80"},                 // 4-byte sequence
    {"\xE2\x82x", "\xEF\xBF\xBD\xEF\xBF\xBDx"},               // truncated 3-byte sequence
    {"\xF0\x9F\x9A", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"}, // truncated 4-byte sequence
    {"\xE2\x80\xA8", R"(\u2028)"},                            // LINE SEPARATOR
    {"\xE2\x80\xA9", R"(\u2029)"},                            // PARAGRAPH SEPARATOR
    {"\xE2\x80\xA7", "\xE2\x80\xA7"},                         // U+2027, just below
    {"\xE2\x80\xAA", "\xE2\x80\xAA"},                         // U+202A, just above
    {"\xE2\x80\x94", "\xE2\x80\x94"},                         // EM DASH: same first byte
    {"\xE2\x81\xA8", "\xE2\x81\xA8"},                         // U+2068: same last byte
};

BOOST_AUTO_TEST_CASE(special_bytes_at_every_position_of_two_words_and_the_tail) {
    // Up to 40: across two 16-byte blocks, eight-byte words and the tail after them.
    for (const auto& special : special_cases) {
        for (std::size_t position = 0; position < 40; ++position) {
            for (std::size_t after : {std::size_t{0}, std::size_t{1}, std::size_t{9}}) {
                const std::string before(position, 'a');
                const std::string tail(after, 'z');
                const std::string input = before + std::string{special.input} + tail;
                const std::string expected =
                    "\"" + before + std::string{special.written} + tail + "\"";
                BOOST_TEST(json_string(input) == expected,
                           "position " << position << ", " << after << " bytes after");
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(two_special_bytes_in_one_word_and_in_neighbouring_words) {
    for (std::size_t first = 0; first < 16; ++first) {
        for (std::size_t second = first + 1; second < 17; ++second) {
            std::string input(17, 'b');
            input[first] = '"';
            input[second] = '\n';
            std::string expected = "\"" + std::string(first, 'b') + R"(\")" +
                                   std::string(second - first - 1, 'b') + R"(\u000a)" +
                                   std::string(16 - second, 'b') + "\"";
            BOOST_TEST(json_string(input) == expected, "at " << first << " and " << second);
        }
    }
}

BOOST_AUTO_TEST_CASE(every_printable_ascii_byte_but_quote_and_backslash_passes_through) {
    // Neighbours of the thresholds (0x20, 0x21 and 0x23 around '"', 0x5b and 0x5d around '\\',
    // 0x7f below 0x80) in every position of a word.
    std::string printable;
    for (int c = 0x20; c < 0x80; ++c) {
        if (c != '"' && c != '\\') {
            printable += static_cast<char>(c);
        }
    }
    for (std::size_t shift = 0; shift < 8; ++shift) {
        const std::string input = std::string(shift, ' ') + printable;
        BOOST_TEST(json_string(input) == "\"" + input + "\"");
    }
}

BOOST_AUTO_TEST_CASE(long_clean_runs_pass_through_whole) {
    for (std::size_t length = 1000; length < 1009; ++length) {
        std::string input;
        for (std::size_t i = 0; i < length; ++i) {
            input += static_cast<char>('a' + i % 26);
        }
        BOOST_TEST(json_string(input) == "\"" + input + "\"");
        BOOST_TEST(json_string(input + "\t" + input) == "\"" + input + R"(\u0009)" + input + "\"");
    }
}

BOOST_AUTO_TEST_CASE(a_word_of_nothing_but_special_bytes_is_escaped_byte_by_byte) {
    BOOST_TEST(json_string(R"(""""\\\\)") == R"("\"\"\"\"\\\\\\\\")");
    std::string nine_escapes;
    for (int i = 0; i < 9; ++i) {
        nine_escapes += R"(\u0001)";
    }
    BOOST_TEST(json_string(std::string(9, '\x01')) == "\"" + nine_escapes + "\"");
}

BOOST_AUTO_TEST_CASE(every_member_is_written_with_api_names_and_nesting) {
    std::string out = "{";
    BOOST_TEST(write_connection_members(protocol_test::full_connection(),
                                        timestamp_style::epoch_seconds, out));
    out += '}';
    const std::string expected =
        R"({"Name":"orders-db","Description":"Orders \"primary\" )"
        "\xC3\xA9t\xC3\xA9 \xF0\x9F\x9A\x80"
        R"(\u000asecond line","ConnectionType":"JDBC","MatchCriteria":["orders","prod"],)"
        R"("ConnectionProperties":{"JDBC_CONNECTION_URL":"jdbc:postgresql://db.example.com:5432/orders",)"
        R"("USERNAME":"app","PASSWORD":"p\\a\"ss","JDBC_ENFORCE_SSL":"true"},)"
        R"("SparkProperties":{"spark.executor.memory":"4g"},)"
        R"("AthenaProperties":{"lambda_function_arn":"arn:aws:lambda:us-east-1:1:f"},)"
        R"("PythonProperties":{"b":"2","a":"1"},)"
        R"("PhysicalConnectionRequirements":{"SubnetId":"subnet-0123","SecurityGroupIdList":["sg-1","sg-2"],"AvailabilityZone":"us-east-1a"},)"
        R"("CreationTime":1714566896.789,"LastUpdatedTime":1714566897,)"
        R"("LastUpdatedBy":"arn:aws:iam::111122223333:user/admin","Status":"READY",)"
        R"("StatusReason":"validated","LastConnectionValidationTime":-1.5,)"
        R"("AuthenticationConfiguration":{"AuthenticationType":"OAUTH2",)"
        R"("SecretArn":"arn:aws:secretsmanager:us-east-1:111122223333:secret:s-AbCdEf",)"
        R"("KmsKeyArn":"arn:aws:kms:us-east-1:111122223333:key/k","OAuth2Properties":{)"
        R"("OAuth2GrantType":"CLIENT_CREDENTIALS","OAuth2ClientApplication":{)"
        R"("UserManagedClientApplicationClientId":"client-id","AWSManagedClientApplicationReference":"ref"},)"
        R"("TokenUrl":"https://login.example.com/oauth2/token",)"
        R"("TokenUrlParametersMap":{"audience":"api","scope":"read write"}}},)"
        R"("ConnectionSchemaVersion":2,"CompatibleComputeEnvironments":["SPARK","ATHENA","PYTHON"]})";
    BOOST_TEST(out == expected);
}

BOOST_AUTO_TEST_CASE(an_empty_connection_writes_nothing) {
    std::string out;
    BOOST_TEST(!write_connection_members(connection{}, timestamp_style::iso8601, out));
    BOOST_TEST(out.empty());
}

BOOST_AUTO_TEST_CASE(empty_lists_and_maps_are_written_because_they_are_present) {
    connection c;
    c.match_criteria = std::vector<std::string>{};
    c.spark_properties = property_map{};
    std::string out;
    write_connection_members(c, timestamp_style::iso8601, out);
    BOOST_TEST(out == R"("MatchCriteria":[],"SparkProperties":{})");
}

BOOST_AUTO_TEST_CASE(ndjson_record_starts_with_its_origin_and_ends_with_a_newline) {
    connection c;
    c.name = "n";
    BOOST_TEST(record_of(c) ==
               "{\"AccountId\":\"111122223333\",\"Region\":\"eu-west-1\",\"CatalogId\":"
               "\"444455556666\",\"Name\":\"n\"}\n");
    BOOST_TEST(record_of(connection{}) == "{\"AccountId\":\"111122223333\",\"Region\":"
                                          "\"eu-west-1\",\"CatalogId\":\"444455556666\"}\n");
}

BOOST_AUTO_TEST_CASE(a_record_prefix_is_made_again_when_its_context_changes) {
    connection c;
    c.name = "n";
    record_prefix prefix;
    for (const record_context ctx : {record_context{"111122223333", "eu-west-1", "444455556666"},
                                     record_context{"111122223333", "eu-west-1", "444455556666"},
                                     record_context{"111122223333", "eu-west-2", "444455556666"},
                                     record_context{"999922223333", "eu-west-2", "444455556666"},
                                     record_context{"999922223333", "eu-west-2", "9\"q"}}) {
        std::string from_prefix;
        write_ndjson_record(prefix.of(ctx), c, from_prefix);
        std::string direct;
        write_ndjson_record(ctx, c, direct);
        BOOST_TEST(from_prefix == direct);
    }
}

BOOST_AUTO_TEST_CASE(ndjson_record_parses_back_with_every_member) {
    const connection c = protocol_test::full_connection();
    const std::string line = record_of(c);
    BOOST_TEST(line.find('\n') == line.size() - 1);
    simdjson::dom::parser parser;
    simdjson::dom::object record;
    BOOST_TEST_REQUIRE(!parser.parse(line).get(record));
    std::vector<std::string_view> keys;
    for (auto [key, value] : record) {
        keys.push_back(key);
    }
    const std::vector<std::string_view> expected_keys = {"AccountId",
                                                         "Region",
                                                         "CatalogId",
                                                         "Name",
                                                         "Description",
                                                         "ConnectionType",
                                                         "MatchCriteria",
                                                         "ConnectionProperties",
                                                         "SparkProperties",
                                                         "AthenaProperties",
                                                         "PythonProperties",
                                                         "PhysicalConnectionRequirements",
                                                         "CreationTime",
                                                         "LastUpdatedTime",
                                                         "LastUpdatedBy",
                                                         "Status",
                                                         "StatusReason",
                                                         "LastConnectionValidationTime",
                                                         "AuthenticationConfiguration",
                                                         "ConnectionSchemaVersion",
                                                         "CompatibleComputeEnvironments"};
    BOOST_TEST(keys == expected_keys, boost::test_tools::per_element());
    std::string_view text;
    BOOST_TEST_REQUIRE(!record["Description"].get(text));
    BOOST_TEST(text == *c.description);
    BOOST_TEST_REQUIRE(!record["CreationTime"].get(text));
    BOOST_TEST(text == "2024-05-01T12:34:56.789Z");
    BOOST_TEST_REQUIRE(!record["LastConnectionValidationTime"].get(text));
    BOOST_TEST(text == "1969-12-31T23:59:58.500Z");
    BOOST_TEST_REQUIRE(!record["ConnectionProperties"]["PASSWORD"].get(text));
    BOOST_TEST(text == "p\\a\"ss");
    BOOST_TEST_REQUIRE(
        !record["AuthenticationConfiguration"]["OAuth2Properties"]["TokenUrlParametersMap"]["scope"]
             .get(text));
    BOOST_TEST(text == "read write");
    std::int64_t version = 0;
    BOOST_TEST_REQUIRE(!record["ConnectionSchemaVersion"].get(version));
    BOOST_TEST(version == 2);
}

// U+2028 and U+2029 in text that is valid UTF-8 (the path that copies multi-byte characters
// a word at a time) and in text that also holds an invalid byte (the byte-by-byte path), at
// every position of two 16-byte blocks and their eight-byte words, next to each other and next
// to other characters that start with the same byte.
BOOST_AUTO_TEST_CASE(line_and_paragraph_separators_are_escaped_on_every_path_and_position) {
    const std::string ls = "\xE2\x80\xA8";
    const std::string ps = "\xE2\x80\xA9";
    const std::string dash = "\xE2\x80\x94";
    const std::string r = "\xEF\xBF\xBD";
    for (std::size_t position = 0; position < 40; ++position) {
        for (const std::string_view filler : {"a", "\xC3\xA9"}) {
            std::string before;
            for (std::size_t k = 0; k < position; ++k) {
                before += k % 3 == 2 ? std::string_view{"x"} : filler;
            }
            const std::string pair = ls + ps;
            BOOST_TEST(json_string(before + pair + dash) ==
                           "\"" + before + R"(\u2028\u2029)" + dash + "\"",
                       "valid, position " << position);
            BOOST_TEST(json_string(before + dash + ls + "z\xFF" + ps) ==
                           "\"" + before + dash + R"(\u2028z)" + r + R"(\u2029")",
                       "invalid, position " << position);
            BOOST_TEST(json_string(before + ls + "\"" + ps + "\n") ==
                           "\"" + before + R"(\u2028\"\u2029\u000a")",
                       "with ASCII specials, position " << position);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_truncated_separator_is_replaced_not_escaped) {
    const std::string r = "\xEF\xBF\xBD";
    BOOST_TEST(json_string("\xE2\x80") == "\"" + r + r + "\"");
    BOOST_TEST(json_string("abcdefgh\xE2\x80") == "\"abcdefgh" + r + r + "\"");
}

BOOST_AUTO_TEST_CASE(separators_round_trip_through_a_json_parser) {
    connection c;
    c.name = std::string{"a\xE2\x80\xA8"} + std::string(13, 'b') +
             "\xE2\x80\xA9"
             "c";
    c.description = std::string{"\xE2\x80\xA9\xE2\x80\xA8 \xE6\x8E\xA5\xE7\xB6\x9A \xFF"};
    c.connection_properties =
        property_map{{"k\xE2\x80\xA8", std::string(15, 'v') + "\xE2\x80\xA9"}};
    const std::string line = record_of(c);
    // No raw separator survives, so a Unicode-aware line splitter sees one line.
    BOOST_TEST(line.find("\xE2\x80\xA8") == std::string::npos);
    BOOST_TEST(line.find("\xE2\x80\xA9") == std::string::npos);
    simdjson::dom::parser parser;
    simdjson::dom::element record;
    BOOST_TEST_REQUIRE(!parser.parse(line).get(record));
    std::string_view text;
    BOOST_TEST_REQUIRE(!record["Name"].get(text));
    BOOST_TEST(text == *c.name);
    BOOST_TEST_REQUIRE(!record["Description"].get(text));
    BOOST_TEST(text == "\xE2\x80\xA9\xE2\x80\xA8 \xE6\x8E\xA5\xE7\xB6\x9A \xEF\xBF\xBD");
    BOOST_TEST_REQUIRE(!record["ConnectionProperties"]["k\xE2\x80\xA8"].get(text));
    BOOST_TEST(text == std::string(15, 'v') + "\xE2\x80\xA9");
}

BOOST_AUTO_TEST_CASE(ndjson_record_with_invalid_utf8_is_still_valid_json) {
    connection c;
    c.name = std::string{"bad\xFF\xC3"};
    const std::string line = record_of(c);
    simdjson::dom::parser parser;
    simdjson::dom::element record;
    BOOST_TEST_REQUIRE(!parser.parse(line).get(record)); // simdjson validates UTF-8
    std::string_view name;
    BOOST_TEST_REQUIRE(!record["Name"].get(name));
    BOOST_TEST(name == "bad\xEF\xBF\xBD\xEF\xBF\xBD");
}

BOOST_AUTO_TEST_SUITE_END()
