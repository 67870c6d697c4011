// A page parsed into the storage of an earlier page (the scan's recycled pages) must end exactly
// as a page parsed into an empty one: no member, list entry, map entry or nested member of an
// earlier record may leak into the next. Each test parses pages one after the other into the
// same storage and compares the result with a fresh parse, member by member.
#include "protocol/response_pages.hpp"
#include "protocol/response_parser.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <glue_inventory/connection_members.hpp>
#include <string>
#include <vector>

using namespace glue_inventory;
using namespace glue_inventory::protocol;
using protocol_test::padded_body;

namespace {

std::string page_text(const get_connections_page& page) {
    std::string out;
    write_get_connections_response(page, timestamp_style::epoch_seconds, out);
    return out;
}

get_connections_page fresh_parse(std::string_view body) {
    response_parser parser;
    get_connections_page page;
    parse_error error;
    const padded_body padded{body};
    BOOST_TEST_REQUIRE(parser.parse_get_connections(padded.view(), page, error),
                       error.where + ": " + error.what);
    return page;
}

// Parses `body` into `storage` (which holds whatever the previous parse left) and checks it
// against a fresh parse of the same body, member by member, then whole.
void check_reused_parse(response_parser& parser, get_connections_page& storage,
                        std::string_view body) {
    const auto expected = fresh_parse(body);
    parse_error error;
    const padded_body padded{body};
    BOOST_TEST_REQUIRE(parser.parse_get_connections(padded.view(), storage, error),
                       error.where + ": " + error.what);
    BOOST_TEST_REQUIRE(storage.connections.size() == expected.connections.size());
    for (std::size_t i = 0; i < expected.connections.size(); ++i) {
        const connection& got = storage.connections[i];
        const connection& want = expected.connections[i];
#define GLUE_INVENTORY_CHECK_MEMBER(wire, member, kind)                                            \
    BOOST_TEST((got.member == want.member), "record " << i << ": " << wire);
        GLUE_INVENTORY_CONNECTION_MEMBERS(GLUE_INVENTORY_CHECK_MEMBER)
#undef GLUE_INVENTORY_CHECK_MEMBER
    }
    BOOST_TEST((storage.next_token == expected.next_token));
    BOOST_TEST((storage == expected));
}

// full_connection() without the member named `wire` (a top-level member of the table).
connection full_without(std::string_view wire) {
    connection c = protocol_test::full_connection();
#define GLUE_INVENTORY_RESET_IF_NAMED(name, member, kind)                                          \
    if (wire == name) {                                                                            \
        c.member.reset();                                                                          \
    }
    GLUE_INVENTORY_CONNECTION_MEMBERS(GLUE_INVENTORY_RESET_IF_NAMED)
#undef GLUE_INVENTORY_RESET_IF_NAMED
    return c;
}

get_connections_page rich_page(std::size_t records) {
    get_connections_page page;
    for (std::size_t i = 0; i < records; ++i) {
        connection c = protocol_test::full_connection();
        c.name = "a-rather-long-connection-name-" + std::to_string(i);
        page.connections.push_back(std::move(c));
    }
    page.next_token = "a-long-next-token-of-the-rich-page";
    return page;
}

// A small deterministic generator (xorshift), so that a failure can be replayed.
struct draws {
    std::uint64_t state;
    std::uint64_t next() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    }
    bool one_in(std::uint64_t n) { return next() % n == 0; }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
};

template <class T>
void maybe_drop(std::optional<T>& member, draws& d) {
    if (d.one_in(3)) {
        member.reset();
    }
}

std::vector<std::string> some_strings(draws& d, std::string_view prefix) {
    std::vector<std::string> out(d.below(4));
    for (auto& s : out) {
        s = std::string(prefix) + std::string(d.below(40), 'x');
    }
    return out;
}

property_map some_map(draws& d) {
    property_map out(d.below(5));
    for (auto& [k, v] : out) {
        k = "key-" + std::to_string(d.below(100)) + std::string(d.below(20), 'k');
        v = "value-" + std::string(d.below(60), 'v');
    }
    return out;
}

// A connection whose every member, nested member, list and map is there or not at random,
// with random lengths.
connection random_connection(draws& d) {
    connection c = protocol_test::full_connection();
    c.description = std::string(d.below(80), 'd');
    c.match_criteria = some_strings(d, "criterion-");
    c.connection_properties = some_map(d);
    c.spark_properties = some_map(d);
    c.compatible_compute_environments = some_strings(d, "ENV");
    c.physical_connection_requirements->security_group_id_list = some_strings(d, "sg-");
    auto& auth = *c.authentication_configuration;
    auth.oauth2_properties->token_url_parameters_map = some_map(d);
    maybe_drop(
        auth.oauth2_properties->oauth2_client_application->aws_managed_client_application_reference,
        d);
    maybe_drop(auth.oauth2_properties->oauth2_client_application
                   ->user_managed_client_application_client_id,
               d);
    maybe_drop(auth.oauth2_properties->oauth2_client_application, d);
    maybe_drop(auth.oauth2_properties->oauth2_grant_type, d);
    maybe_drop(auth.oauth2_properties->token_url, d);
    maybe_drop(auth.oauth2_properties->token_url_parameters_map, d);
    maybe_drop(auth.oauth2_properties, d);
    maybe_drop(auth.authentication_type, d);
    maybe_drop(auth.secret_arn, d);
    maybe_drop(auth.kms_key_arn, d);
    auto& reqs = *c.physical_connection_requirements;
    maybe_drop(reqs.subnet_id, d);
    maybe_drop(reqs.security_group_id_list, d);
    maybe_drop(reqs.availability_zone, d);
#define GLUE_INVENTORY_MAYBE_DROP(wire, member, kind) maybe_drop(c.member, d);
    GLUE_INVENTORY_CONNECTION_MEMBERS(GLUE_INVENTORY_MAYBE_DROP)
#undef GLUE_INVENTORY_MAYBE_DROP
    return c;
}

} // namespace

BOOST_AUTO_TEST_SUITE(page_reuse_suite)

BOOST_AUTO_TEST_CASE(a_sparse_page_after_a_rich_one_is_as_if_parsed_fresh) {
    response_parser parser;
    get_connections_page storage;
    check_reused_parse(parser, storage, page_text(rich_page(5)));

    // Fewer records, each with a few members only, nested structures with fewer members,
    // shorter lists and maps, and no NextToken.
    get_connections_page sparse;
    connection a;
    a.name = "s";
    sparse.connections.push_back(a);
    connection b;
    b.description = "only a description, longer than a small string";
    b.physical_connection_requirements = physical_connection_requirements{};
    b.physical_connection_requirements->availability_zone = "eu-west-1b";
    b.authentication_configuration = authentication_configuration{};
    b.authentication_configuration->oauth2_properties = oauth2_properties{};
    b.authentication_configuration->oauth2_properties->token_url_parameters_map =
        property_map{{"only", "one"}};
    b.match_criteria = std::vector<std::string>{};
    b.connection_properties = property_map{{"USERNAME", "u"}};
    sparse.connections.push_back(b);
    sparse.connections.emplace_back(); // a record with no member at all
    check_reused_parse(parser, storage, page_text(sparse));

    // Rich again (more records than the storage now holds), then empty.
    check_reused_parse(parser, storage, page_text(rich_page(7)));
    check_reused_parse(parser, storage, R"({"ConnectionList":[]})");
    BOOST_TEST(storage.connections.empty());
}

BOOST_AUTO_TEST_CASE(each_member_missing_after_a_record_that_had_it) {
    response_parser parser;
    for (const auto wire : connection_member_names) {
        if (wire.empty()) {
            continue;
        }
        get_connections_page storage = rich_page(2);
        get_connections_page without;
        without.connections.push_back(full_without(wire));
        without.connections.push_back(full_without(wire));
        BOOST_TEST_CONTEXT(wire) {
            check_reused_parse(parser, storage, page_text(rich_page(2)));
            check_reused_parse(parser, storage, page_text(without));
        }
    }
}

BOOST_AUTO_TEST_CASE(nulls_and_repeated_keys_as_in_a_fresh_parse) {
    response_parser parser;
    get_connections_page storage;
    const std::string rich = page_text(rich_page(3));
    // A null member is absent, or leaves what an earlier occurrence of its key set in this
    // record; a repeated list or object replaces the earlier; a repeated ConnectionList appends.
    const std::string bodies[] = {
        R"({"ConnectionList":[{"Name":null,"Description":null,"MatchCriteria":null,)"
        R"("ConnectionProperties":null,"PhysicalConnectionRequirements":null,)"
        R"("CreationTime":null,"ConnectionSchemaVersion":null}]})",
        R"({"ConnectionList":[{"Name":"first-name-long-enough","Name":null},)"
        R"({"MatchCriteria":["a","b","c"],"MatchCriteria":["d"]},)"
        R"({"ConnectionProperties":{"A":"1","B":"2"},"ConnectionProperties":{"C":"3"}},)"
        R"({"PhysicalConnectionRequirements":{"SubnetId":"s","AvailabilityZone":"z"},)"
        R"("PhysicalConnectionRequirements":{"SecurityGroupIdList":["sg"]}},)"
        R"({"AuthenticationConfiguration":{"OAuth2Properties":{"TokenUrl":"u"},)"
        R"("OAuth2Properties":{"OAuth2GrantType":"g"}}}]})",
        R"({"ConnectionList":[{"Name":"a"}],"ConnectionList":null,"ConnectionList":[{}]})",
        R"({"ConnectionList":[{"Unknown":{"Name":"x"},"Status":"READY"}],"NextToken":null})",
    };
    for (const auto& body : bodies) {
        BOOST_TEST_CONTEXT(body) {
            check_reused_parse(parser, storage, rich);
            check_reused_parse(parser, storage, body);
        }
    }
}

BOOST_AUTO_TEST_CASE(random_pages_one_after_the_other) {
    response_parser parser;
    get_connections_page storage;
    draws d{0x9e3779b97f4a7c15ULL};
    for (int round = 0; round < 200; ++round) {
        get_connections_page page;
        const std::size_t records = d.below(6);
        for (std::size_t i = 0; i < records; ++i) {
            page.connections.push_back(random_connection(d));
        }
        if (d.one_in(2)) {
            page.next_token = std::string(d.below(50), 't');
        }
        BOOST_TEST_CONTEXT("round " << round) {
            check_reused_parse(parser, storage, page_text(page));
        }
    }
}

BOOST_AUTO_TEST_CASE(a_page_of_the_same_shape_reuses_the_strings_storage) {
    // The point of parsing into the previous page: long strings keep their buffers.
    response_parser parser;
    get_connections_page storage;
    const std::string body = page_text(rich_page(2));
    check_reused_parse(parser, storage, body);
    const char* description = storage.connections[1].description->data();
    const char* url = storage.connections[1].connection_properties->front().second.data();
    const char* group = storage.connections[1]
                            .physical_connection_requirements->security_group_id_list->data()
                            ->data();
    const auto* records = storage.connections.data();
    check_reused_parse(parser, storage, body);
    BOOST_TEST(storage.connections.data() == records);
    BOOST_TEST(storage.connections[1].description->data() == description);
    BOOST_TEST(storage.connections[1].connection_properties->front().second.data() == url);
    BOOST_TEST(storage.connections[1]
                   .physical_connection_requirements->security_group_id_list->data()
                   ->data() == group);
}

BOOST_AUTO_TEST_SUITE_END()
