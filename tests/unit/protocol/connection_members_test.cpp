// The member table (glue_inventory/connection_members.hpp) against the botocore model, and the
// three things made from it agreeing with it: the writer writes each member under its table name,
// the parser reads it back from that name and from no other.
#include "protocol/response_pages.hpp"
#include "protocol/response_parser.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>
#include <glue_inventory/connection_members.hpp>
#include <simdjson.h>
#include <string>
#include <vector>

using namespace glue_inventory;
using namespace glue_inventory::protocol;

namespace {

// A connection with only the member `m` of `full` set.
connection only(const connection& full, connection_member m) {
    connection c;
    switch (m) {
    case connection_member::unknown:
        break;
#define GLUE_INVENTORY_COPY_MEMBER(wire, member, kind)                                             \
    case connection_member::member:                                                                \
        c.member = full.member;                                                                    \
        break;
        GLUE_INVENTORY_CONNECTION_MEMBERS(GLUE_INVENTORY_COPY_MEMBER)
#undef GLUE_INVENTORY_COPY_MEMBER
    }
    return c;
}

get_connections_page parse_page(const std::string& text) {
    std::string body = text;
    const std::size_t size = body.size();
    body.append(response_parser::padding(), '\0');
    response_parser parser;
    get_connections_page page;
    parse_error error;
    BOOST_TEST_REQUIRE(parser.parse_get_connections({body.data(), size}, page, error),
                       error.where + ": " + error.what);
    return page;
}

} // namespace

BOOST_AUTO_TEST_SUITE(connection_members)

BOOST_AUTO_TEST_CASE(the_table_is_botocores_connection_shape_in_its_order) {
    const std::string shapes =
        protocol_test::read_file(GLUE_TEST_DATA_DIR "/glue-get-connections-shapes.json");
    simdjson::dom::parser parser;
    simdjson::dom::object members;
    BOOST_TEST_REQUIRE(!parser.parse(shapes)["shapes"]["Connection"]["members"].get(members));
    std::vector<std::string_view> botocore;
    for (auto field : members) {
        botocore.push_back(field.key);
    }
    const std::vector<std::string_view> table(connection_member_names.begin() + 1,
                                              connection_member_names.end());
    BOOST_TEST(table == botocore, boost::test_tools::per_element());
    BOOST_TEST(connection_member_count == botocore.size());
}

BOOST_AUTO_TEST_CASE(each_member_is_written_under_its_name_and_read_back_from_it) {
    const connection full = protocol_test::full_connection();
    for (std::size_t i = 1; i < connection_member_names.size(); ++i) {
        const auto m = static_cast<connection_member>(i);
        const std::string_view name = connection_member_names[i];
        get_connections_page page;
        page.connections.push_back(only(full, m));
        BOOST_TEST_REQUIRE((page.connections.front() != connection{}), name);
        std::string text;
        write_get_connections_response(page, timestamp_style::epoch_seconds, text);
        BOOST_TEST(text.starts_with(R"({"ConnectionList":[{")" + std::string(name) + "\":"), text);
        BOOST_TEST((parse_page(text) == page), name);
    }
}

BOOST_AUTO_TEST_CASE(a_key_one_byte_off_a_member_name_is_skipped) {
    for (std::size_t i = 1; i < connection_member_names.size(); ++i) {
        const std::string name{connection_member_names[i]};
        for (const std::size_t at : {std::size_t{0}, name.size() / 2, name.size() - 1}) {
            std::string key = name;
            key[at] = key[at] == 'x' ? 'y' : 'x';
            const auto page = parse_page(R"({"ConnectionList":[{")" + key + R"(":null}]})");
            BOOST_TEST_REQUIRE(page.connections.size() == 1U);
            BOOST_TEST((page.connections.front() == connection{}), key);
        }
        // A prefix and an extension of the name are other keys too.
        for (const std::string& key : {name.substr(0, name.size() - 1), name + "s"}) {
            const auto page = parse_page(R"({"ConnectionList":[{")" + key + R"(":null}]})");
            BOOST_TEST((page.connections.front() == connection{}), key);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
