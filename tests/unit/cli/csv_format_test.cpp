// CSV: RFC 4180 quoting and the stable column set.
#include "csv_format.hpp"
#include "record_writer.hpp"

#include <boost/test/unit_test.hpp>

namespace {
std::string cell(std::string_view text) {
    std::string out;
    glue_cli::append_csv_cell(text, out);
    return out;
}
} // namespace

BOOST_AUTO_TEST_CASE(plain_cells_are_not_quoted) {
    BOOST_TEST(cell("sales-dw") == "sales-dw");
    BOOST_TEST(cell("") == "");
    BOOST_TEST(cell("Snowflake über OAuth") == "Snowflake über OAuth");
}

BOOST_AUTO_TEST_CASE(cells_with_separators_quotes_or_line_breaks_are_quoted) {
    BOOST_TEST(cell("a,b") == "\"a,b\"");
    BOOST_TEST(cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    BOOST_TEST(cell("line1\nline2") == "\"line1\nline2\"");
    BOOST_TEST(cell("cr\r") == "\"cr\r\"");
}

BOOST_AUTO_TEST_CASE(csv_header_is_the_documented_column_set) {
    auto writer = glue_cli::make_csv_writer();
    std::string out;
    writer->begin(out);
    BOOST_TEST(out.rfind("AccountId,Region,CatalogId,Name,Description,ConnectionType,", 0) == 0u);
    BOOST_TEST(out.substr(out.size() - 2) == "\r\n");
}

BOOST_AUTO_TEST_CASE(csv_row_has_every_column_with_nested_members_as_json) {
    glue_inventory::connection c;
    c.name = "dw, main";
    c.match_criteria = std::vector<std::string>{"a"};
    c.connection_schema_version = 1;
    auto writer = glue_cli::make_csv_writer();
    std::string out;
    writer->write({"111122223333", "us-east-1", "111122223333"}, c, out);
    BOOST_TEST(out == "111122223333,us-east-1,111122223333,\"dw, main\",,,\"[\"\"a\"\"]\""
                      ",,,,,,,,,,,,,1,\r\n");
}
