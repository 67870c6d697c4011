// audit --input: a record written by `scan` (protocol::write_ndjson_record) reads back into the
// same (context, connection) with the response parser's Connection reader; ISO 8601 timestamps.
#include "../protocol/test_support.hpp" // full_connection
#include "protocol/ndjson_record.hpp"
#include "protocol/response_parser.hpp"
#include "protocol/timestamp_text.hpp"

#include <boost/test/unit_test.hpp>

namespace gp = glue_inventory::protocol;

namespace {

bool parse_line(gp::response_parser& parser, std::string line, gp::ndjson_record& out,
                gp::parse_error& error) {
    const auto size = line.size();
    line.append(gp::response_parser::padding(), ' ');
    return parser.parse_ndjson_record(std::string_view(line.data(), size), out, error);
}

} // namespace

BOOST_AUTO_TEST_CASE(a_scan_record_reads_back_into_the_same_connection) {
    const auto c = protocol_test::full_connection();
    std::string line;
    gp::write_ndjson_record(gp::record_context{"111122223333", "eu-west-1", "444455556666"}, c,
                            line);
    BOOST_TEST_REQUIRE(line.back() == '\n');
    line.pop_back();
    gp::response_parser parser;
    gp::ndjson_record record;
    gp::parse_error error;
    BOOST_TEST_REQUIRE(parse_line(parser, line, record, error), error.what << " " << error.where);
    BOOST_TEST(record.account_id == "111122223333");
    BOOST_TEST(record.region == "eu-west-1");
    BOOST_TEST(record.catalog_id == "444455556666");
    BOOST_TEST((record.conn == c));
}

BOOST_AUTO_TEST_CASE(a_bad_record_says_where) {
    gp::response_parser parser;
    gp::ndjson_record record;
    gp::parse_error error;
    BOOST_TEST(!parse_line(parser, R"({"AccountId":"1","Region":"r","CreationTime":1714566896})",
                           record, error));
    BOOST_TEST(error.where == "CreationTime");
    BOOST_TEST(!parse_line(parser, R"({"Name":"x"})", record, error));
    BOOST_TEST(error.what.find("no AccountId or Region") == 0u);
    BOOST_TEST(!parse_line(parser, R"({"AccountId":"1","Region":"r"} x)", record, error));
    BOOST_TEST(!parse_line(
        parser, R"({"AccountId":"1","Region":"r","ConnectionProperties":{"A":1}})", record, error));
    BOOST_TEST(error.where == "ConnectionProperties.A");
}

BOOST_AUTO_TEST_CASE(iso8601_parses_what_the_writer_writes) {
    glue_inventory::timestamp t{};
    BOOST_TEST(gp::parse_iso8601("2024-05-01T12:34:56.789Z", t));
    std::string back;
    gp::write_iso8601(t, back);
    BOOST_TEST(back == "2024-05-01T12:34:56.789Z");
    BOOST_TEST(gp::parse_iso8601("2024-05-01T12:34:56Z", t));
    BOOST_TEST(gp::parse_iso8601("2024-05-01T12:34:56.5Z", t));
    back.clear();
    gp::write_iso8601(t, back);
    BOOST_TEST(back == "2024-05-01T12:34:56.500Z");
    for (const char* bad : {"2024-02-30T00:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01 12:34:56Z",
                            "2024-05-01T12:34:56", "2024-05-01T12:34:56.Z", "0000-01-01T00:00:00Z",
                            "2024-05-01T12:34:56.7890123456Z", ""}) {
        BOOST_TEST(!gp::parse_iso8601(bad, t), bad);
    }
}
