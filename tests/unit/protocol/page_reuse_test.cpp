// Pages parsed into the storage of spent pages (the scan's page pool) must equal fresh parses
// exactly: every record is read into the connection already at its place, and whatever that
// connection held (members the new record lacks, longer lists and maps, nested structures the
// new record does not have, a half-written record of a rejected page, strings a consumer moved
// out) must be gone. Differential: each page is parsed fresh and into recycled storage, and the
// two compared whole.
#include "protocol/response_pages.hpp"
#include "protocol/response_parser.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

using namespace glue_inventory;
using namespace glue_inventory::protocol;
using protocol_test::padded_body;

namespace {

/// A fresh parse: a new parser, a new page.
get_connections_page parse_fresh(std::string_view body) {
    response_parser parser;
    get_connections_page page;
    parse_error error;
    const padded_body padded{body};
    BOOST_TEST_REQUIRE(parser.parse_get_connections(padded.view(), page, error),
                       error.where + ": " + error.what + "\n" + std::string(body));
    return page;
}

/// The same body parsed into `storage` (a spent page), with `parser` (reused, as the client's).
void parse_into(response_parser& parser, std::string_view body, get_connections_page& storage) {
    parse_error error;
    const padded_body padded{body};
    BOOST_TEST_REQUIRE(parser.parse_get_connections(padded.view(), storage, error),
                       error.where + ": " + error.what);
}

/// Random Connection records as JSON text: every member present, absent, null or repeated
/// (the last one counts; a null after a value keeps the value), strings short and long,
/// lists and maps of 0 to 7 entries, nested structures present, empty, null or absent, unknown
/// members in between.
class record_writer {
public:
    explicit record_writer(std::uint64_t seed) : rng_(seed) {}

    std::string page(std::size_t records, bool token) {
        std::string out = R"({"ConnectionList":[)";
        for (std::size_t i = 0; i < records; ++i) {
            if (i != 0) {
                out += ',';
            }
            connection_record(out);
        }
        out += ']';
        if (token) {
            out += R"(,"NextToken":")" + text(1, 40) + '"';
        }
        out += '}';
        return out;
    }

    std::size_t below(std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
    }
    bool one_in(std::size_t n) { return below(n) == 0; }

private:
    // A string of printable ASCII (and now and then an escape or a multi-byte character),
    // usually short, sometimes long enough to need storage of its own.
    std::string text(std::size_t shortest, std::size_t longest) {
        if (one_in(6)) {
            longest = 400;
        }
        const std::size_t n = shortest + below(longest - shortest + 1);
        std::string s;
        for (std::size_t i = 0; i < n; ++i) {
            switch (below(40)) {
            case 0:
                s += "\\\"";
                break;
            case 1:
                s += "\xC3\xA9";
                break;
            case 2:
                s += "\\n";
                break;
            default:
                s += static_cast<char>('a' + below(26));
            }
        }
        return s;
    }

    std::string string_value() { return one_in(8) ? "null" : '"' + text(0, 30) + '"'; }

    std::string list_value() {
        if (one_in(8)) {
            return "null";
        }
        std::string s = "[";
        const std::size_t n = below(8);
        for (std::size_t i = 0; i < n; ++i) {
            s += (i ? "," : "") + ('"' + text(0, 20) + '"');
        }
        return s + ']';
    }

    std::string map_value() {
        if (one_in(8)) {
            return "null";
        }
        std::string s = "{";
        const std::size_t n = below(8);
        for (std::size_t i = 0; i < n; ++i) {
            s += (i ? "," : "") + ('"' + text(1, 12) + "\":\"" + text(0, 30) + '"');
        }
        return s + '}';
    }

    std::string time_value() {
        if (one_in(8)) {
            return "null";
        }
        return std::to_string(1'500'000'000 + below(200'000'000)) + "." +
               std::to_string(below(1000));
    }

    std::string int_value() { return one_in(8) ? "null" : std::to_string(below(3)); }

    // An object of `members`, each (name, value maker) written with probability 3/4, one in
    // eight of them written twice (two values of its kind, a null among them now and then),
    // an unknown member now and then; null or empty one time in eight each.
    template <class Members>
    std::string object_value(const Members& members) {
        if (one_in(8)) {
            return "null";
        }
        if (one_in(8)) {
            return "{}";
        }
        std::string s = "{";
        bool first = true;
        auto member = [&](const std::string& name, const std::string& value) {
            s += (first ? "\"" : ",\"") + name + "\":" + value;
            first = false;
        };
        for (const auto& [name, make] : members) {
            if (one_in(12)) {
                member("Unknown" + text(1, 5), one_in(2) ? "[1,{\"a\":null}]" : "\"x\"");
            }
            if (one_in(4)) {
                continue;
            }
            member(name, make());
            if (one_in(8)) {
                member(name, make());
            }
        }
        return s + '}';
    }

    using maker = std::function<std::string()>;

    std::string client_application() {
        const std::vector<std::pair<std::string, maker>> members{
            {"UserManagedClientApplicationClientId", [this] { return string_value(); }},
            {"AWSManagedClientApplicationReference", [this] { return string_value(); }},
        };
        return object_value(members);
    }

    std::string oauth2_properties() {
        const std::vector<std::pair<std::string, maker>> members{
            {"OAuth2GrantType", [this] { return string_value(); }},
            {"OAuth2ClientApplication", [this] { return client_application(); }},
            {"TokenUrl", [this] { return string_value(); }},
            {"TokenUrlParametersMap", [this] { return map_value(); }},
        };
        return object_value(members);
    }

    std::string authentication_configuration() {
        const std::vector<std::pair<std::string, maker>> members{
            {"AuthenticationType", [this] { return string_value(); }},
            {"SecretArn", [this] { return string_value(); }},
            {"KmsKeyArn", [this] { return string_value(); }},
            {"OAuth2Properties", [this] { return oauth2_properties(); }},
        };
        return object_value(members);
    }

    std::string physical_connection_requirements() {
        const std::vector<std::pair<std::string, maker>> members{
            {"SubnetId", [this] { return string_value(); }},
            {"SecurityGroupIdList", [this] { return list_value(); }},
            {"AvailabilityZone", [this] { return string_value(); }},
        };
        return object_value(members);
    }

    void connection_record(std::string& out) {
        const std::vector<std::pair<std::string, maker>> members{
            {"Name", [this] { return string_value(); }},
            {"Description", [this] { return string_value(); }},
            {"ConnectionType", [this] { return string_value(); }},
            {"MatchCriteria", [this] { return list_value(); }},
            {"ConnectionProperties", [this] { return map_value(); }},
            {"SparkProperties", [this] { return map_value(); }},
            {"AthenaProperties", [this] { return map_value(); }},
            {"PythonProperties", [this] { return map_value(); }},
            {"PhysicalConnectionRequirements",
             [this] { return physical_connection_requirements(); }},
            {"CreationTime", [this] { return time_value(); }},
            {"LastUpdatedTime", [this] { return time_value(); }},
            {"LastUpdatedBy", [this] { return string_value(); }},
            {"Status", [this] { return string_value(); }},
            {"StatusReason", [this] { return string_value(); }},
            {"LastConnectionValidationTime", [this] { return time_value(); }},
            {"AuthenticationConfiguration", [this] { return authentication_configuration(); }},
            {"ConnectionSchemaVersion", [this] { return int_value(); }},
            {"CompatibleComputeEnvironments", [this] { return list_value(); }},
        };
        // A record is never null (the list's elements may not be): an empty one now and then.
        std::string object = object_value(members);
        out += object == "null" ? "{}" : object;
    }

    std::mt19937_64 rng_;
};

/// What a consumer may leave in a page it gives back: strings moved out, members reset.
void spend(get_connections_page& page, record_writer& random) {
    for (auto& c : page.connections) {
        if (random.one_in(4) && c.name) {
            std::string taken = std::move(*c.name);
            (void)taken;
        }
        if (random.one_in(6)) {
            c.connection_properties.reset();
        }
        if (random.one_in(6) && c.description) {
            c.description->append(500, 'x'); // a consumer's own growth
        }
    }
}

} // namespace

BOOST_AUTO_TEST_SUITE(page_reuse)

BOOST_AUTO_TEST_CASE(a_record_read_over_a_full_one_keeps_nothing_of_it) {
    // The fullest record, then records with one member each absent, null or emptied, each read
    // into the storage the full record left.
    get_connections_page full_page;
    full_page.connections = {protocol_test::full_connection(), protocol_test::full_connection()};
    std::string full;
    write_get_connections_response(full_page, timestamp_style::epoch_seconds, full);

    const std::vector<std::string> sparse = {
        R"({"ConnectionList":[{"Name":"a"}]})",
        R"({"ConnectionList":[{"Name":null,"Description":"d"},{}]})",
        R"({"ConnectionList":[{"PhysicalConnectionRequirements":{}},{"AuthenticationConfiguration":{"OAuth2Properties":{}}}]})",
        R"({"ConnectionList":[{"PhysicalConnectionRequirements":{"SubnetId":null}},{"AuthenticationConfiguration":{"OAuth2Properties":{"OAuth2ClientApplication":{"AWSManagedClientApplicationReference":"r"}}}}]})",
        R"({"ConnectionList":[{"MatchCriteria":[],"ConnectionProperties":{}},{"MatchCriteria":["x"],"ConnectionProperties":{"k":"v"}}]})",
        R"({"ConnectionList":[{"Name":"a","Name":null},{"Name":null,"Name":"b"}],"NextToken":"t"})",
        R"({"ConnectionList":[{"PhysicalConnectionRequirements":{"SubnetId":"s"},"PhysicalConnectionRequirements":{"AvailabilityZone":"z"}}]})",
        R"({"ConnectionList":[{"AuthenticationConfiguration":{"SecretArn":"s"},"AuthenticationConfiguration":null}]})",
        R"({"ConnectionList":[{"Name":"x"}],"ConnectionList":[{"Status":"READY"},{}]})",
        R"({"ConnectionList":[{"CreationTime":null,"ConnectionSchemaVersion":null,"LastConnectionValidationTime":1}]})",
        R"({"ConnectionList":[]})",
        R"({})",
    };
    response_parser parser;
    for (const auto& body : sparse) {
        get_connections_page storage;
        parse_into(parser, full, storage);
        BOOST_TEST_REQUIRE((storage == full_page));
        parse_into(parser, body, storage);
        BOOST_TEST((storage == parse_fresh(body)), body);
    }
}

BOOST_AUTO_TEST_CASE(random_pages_in_recycled_storage_equal_fresh_parses) {
    // Pages of 0 to ~60 records, one after the other, into three storages taken in turn (as
    // the pool hands them out), sometimes spent by a consumer, sometimes holding a rejected
    // page's half-written records, and a single huge page now and then.
    for (const std::uint64_t seed : {1U, 2U, 3U, 20261202U}) {
        record_writer random(seed);
        response_parser parser;
        std::vector<get_connections_page> storages(3);
        std::size_t compared = 0;
        for (int round = 0; round < 300; ++round) {
            auto& storage = storages[random.below(storages.size())];
            if (random.one_in(10)) {
                // A page rejected half way: its records up to the failure are written.
                std::string broken = random.page(1 + random.below(30), false);
                broken.resize(broken.size() / 2);
                parse_error error;
                const padded_body padded{broken};
                BOOST_TEST(!parser.parse_get_connections(padded.view(), storage, error));
            }
            const std::size_t records =
                random.one_in(20) ? 300 + random.below(300) : random.below(60);
            const std::string body = random.page(records, random.one_in(2));
            parse_into(parser, body, storage);
            const auto fresh = parse_fresh(body);
            BOOST_TEST_REQUIRE(fresh.connections.size() == records);
            BOOST_TEST_REQUIRE((storage == fresh), "seed " << seed << " round " << round);
            ++compared;
            if (random.one_in(3)) {
                spend(storage, random);
            }
        }
        BOOST_TEST(compared == 300U);
    }
}

BOOST_AUTO_TEST_CASE(a_recycled_page_reuses_its_strings_storage) {
    // The point of it: a long string read over one of the same length keeps its storage.
    const std::string name(200, 'n');
    const std::string body = R"({"ConnectionList":[{"Name":")" + name + R"("}]})";
    const std::string other = R"({"ConnectionList":[{"Name":")" + std::string(180, 'm') + R"("}]})";
    response_parser parser;
    get_connections_page storage;
    parse_into(parser, body, storage);
    const char* bytes = storage.connections.at(0).name->data();
    parse_into(parser, other, storage);
    BOOST_TEST(storage.connections.at(0).name->data() == bytes);
    BOOST_TEST(*storage.connections.at(0).name == std::string(180, 'm'));
    // A much shorter one does not keep it (a recycled page holds at most about twice what a
    // fresh one would).
    parse_into(parser, R"({"ConnectionList":[{"Name":"short but over fifteen"}]})", storage);
    BOOST_TEST(storage.connections.at(0).name->capacity() < 2 * 22U + 1);
}

BOOST_AUTO_TEST_CASE(a_small_page_in_big_storage_keeps_no_idle_room) {
    // rec6's policy with recycled storage: a page using less than half its storage is shrunk.
    record_writer random(7);
    response_parser parser;
    get_connections_page storage;
    parse_into(parser, random.page(1000, true), storage);
    BOOST_TEST(storage.connections.size() == 1000U);
    const std::string small = random.page(3, false);
    parse_into(parser, small, storage);
    BOOST_TEST((storage == parse_fresh(small)));
    BOOST_TEST(storage.connections.capacity() <= 6U);
}

BOOST_AUTO_TEST_SUITE_END()
