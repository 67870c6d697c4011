// Every JSON the CLI writes (the NDJSON and json formats, the --errors lines) escapes U+2028
// and U+2029, so that Unicode-aware line splitters and JavaScript read one record per line;
// the stderr failure line, which is text, turns them into spaces.
#include "failure_report.hpp"
#include "record_writer.hpp"

#include <boost/test/unit_test.hpp>
#include <simdjson.h>

namespace {

const std::string line_separator = "\xE2\x80\xA8";
const std::string paragraph_separator = "\xE2\x80\xA9";

bool holds_a_raw_separator(const std::string& text) {
    return text.find(line_separator) != std::string::npos ||
           text.find(paragraph_separator) != std::string::npos;
}

glue_cli::target_failure failure_with_message(std::string message) {
    glue_cli::target_failure f;
    f.target.account_id = "111122223333";
    f.target.region = "us-east-1";
    f.error = glue_inventory::make_error_code(glue_inventory::errc::service_error);
    f.diag.aws_error_code = "SignatureDoesNotMatch";
    f.diag.message = std::move(message);
    f.diag.http_status = 403;
    f.diag.request_id = "r" + paragraph_separator + "1";
    f.diag.attempts = 1;
    return f;
}

} // namespace

BOOST_AUTO_TEST_SUITE(json_output)

BOOST_AUTO_TEST_CASE(an_errors_file_line_escapes_the_separators_and_parses_back) {
    const std::string message = "first" + line_separator + "second" + paragraph_separator +
                                std::string(13, 'x') + line_separator + "\nthird";
    std::string line;
    glue_cli::write_failure_ndjson(failure_with_message(message), line);
    BOOST_TEST(!holds_a_raw_separator(line));
    BOOST_TEST(line.find("first\\u2028second\\u2029") != std::string::npos, line);
    BOOST_TEST(line.find('\n') == line.size() - 1); // one line
    simdjson::dom::parser parser;
    simdjson::dom::element e;
    BOOST_TEST_REQUIRE(!parser.parse(line).get(e));
    BOOST_TEST(std::string_view(e["Message"]) == message);
    BOOST_TEST(std::string_view(e["RequestId"]) == "r" + paragraph_separator + "1");
    BOOST_TEST(std::string_view(e["ErrorCode"]) == "SignatureDoesNotMatch");
}

BOOST_AUTO_TEST_CASE(a_stderr_failure_line_turns_separators_into_spaces) {
    std::string line;
    glue_cli::write_failure_text(
        failure_with_message("a" + line_separator + "b" + paragraph_separator + "c\nd"), line);
    BOOST_TEST(!holds_a_raw_separator(line));
    BOOST_TEST(line.find("SignatureDoesNotMatch: a b c d (HTTP 403, request id r 1, ") !=
                   std::string::npos,
               line);
    BOOST_TEST(line.find('\n') == line.size() - 1);
}

BOOST_AUTO_TEST_CASE(server_text_on_a_terminal_is_one_line_without_escape_sequences) {
    std::string line;
    glue_cli::append_one_line(
        "red \x1b[31mALERT\x1b[0m\r\nline two" + line_separator + "\x7f\xC3\xA9", line);
    BOOST_TEST(line == "red  [31mALERT [0m  line two  \xC3\xA9");
}

BOOST_AUTO_TEST_CASE(both_record_formats_escape_the_separators_and_parse_back) {
    glue_inventory::connection c;
    c.name = "n" + line_separator;
    c.description = std::string(15, 'd') + paragraph_separator + "\xC3\xA9" + line_separator;
    c.connection_properties = glue_inventory::property_map{{"K" + paragraph_separator, "v"}};
    const glue_cli::record_context ctx{"111122223333", "us-east-1", "111122223333"};

    std::string ndjson;
    auto w = glue_cli::make_ndjson_writer();
    w->begin(ndjson);
    w->write(ctx, c, ndjson);
    w->write(ctx, c, ndjson);
    w->end(ndjson);
    BOOST_TEST(!holds_a_raw_separator(ndjson));

    std::string json;
    auto j = glue_cli::make_json_writer();
    j->begin(json);
    j->write(ctx, c, json);
    j->write(ctx, c, json);
    j->end(json);
    BOOST_TEST(!holds_a_raw_separator(json));

    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    BOOST_TEST_REQUIRE(!parser.parse(json).get(doc));
    std::size_t records = 0;
    for (simdjson::dom::element record : doc.get_array()) {
        ++records;
        BOOST_TEST(std::string_view(record["Name"]) == *c.name);
        BOOST_TEST(std::string_view(record["Description"]) == *c.description);
        BOOST_TEST(std::string_view(record["ConnectionProperties"]["K" + paragraph_separator]) ==
                   "v");
        // The NDJSON line of the same record is the same JSON.
        const std::string line = ndjson.substr(0, ndjson.find('\n'));
        simdjson::dom::parser line_parser;
        simdjson::dom::element parsed;
        BOOST_TEST_REQUIRE(!line_parser.parse(line).get(parsed));
        BOOST_TEST(simdjson::minify(parsed) == simdjson::minify(record));
    }
    BOOST_TEST(records == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
