#include "protocol/response_parser.hpp"

#include "protocol/json_reader.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <glue_inventory/connection_members.hpp>

namespace glue_inventory::protocol {

using namespace json_reader;

// Defined in organizations.cpp: the ListAccounts document, read with the same parser.
bool parse_list_accounts_document(sj::parser& parser, std::string_view body,
                                  list_accounts_page& page, parse_error& err);

namespace {

// Every record is read in place: into the connection already at its place in the page's
// storage (a spent page given back: the scan's page pool), else a new one. A member present in
// the record is assigned into what is there (strings keep their storage: json_reader's
// keeps_storage), and once an object is read, the members it did not store (absent, or null)
// are reset, so that it ends exactly as if read into a fresh object. Each reader says whether
// it stored (`stored`: false for null, which leaves a member as it was); an object's members
// stored are bits of a member_mask, by the member's place in its table.

// The nested structures' members: X(wire name, member), in the API's order (each table's place
// is a member's bit).
#define GLUE_INVENTORY_OAUTH2_CLIENT_APPLICATION_MEMBERS(X)                                        \
    X("UserManagedClientApplicationClientId", user_managed_client_application_client_id)           \
    X("AWSManagedClientApplicationReference", aws_managed_client_application_reference)
#define GLUE_INVENTORY_OAUTH2_PROPERTIES_MEMBERS(X)                                                \
    X("OAuth2GrantType", oauth2_grant_type)                                                        \
    X("OAuth2ClientApplication", oauth2_client_application)                                        \
    X("TokenUrl", token_url)                                                                       \
    X("TokenUrlParametersMap", token_url_parameters_map)
#define GLUE_INVENTORY_AUTHENTICATION_CONFIGURATION_MEMBERS(X)                                     \
    X("AuthenticationType", authentication_type)                                                   \
    X("SecretArn", secret_arn)                                                                     \
    X("KmsKeyArn", kms_key_arn)                                                                    \
    X("OAuth2Properties", oauth2_properties)
#define GLUE_INVENTORY_PHYSICAL_CONNECTION_REQUIREMENTS_MEMBERS(X)                                 \
    X("SubnetId", subnet_id)                                                                       \
    X("SecurityGroupIdList", security_group_id_list)                                               \
    X("AvailabilityZone", availability_zone)

constexpr member_mask member_bit(std::size_t place) {
    return member_mask{1} << place;
}

// One reader per type of member: reads in place, says whether it stored.
bool read_value(sj::value& v, std::optional<std::string>& out, bool& stored, parse_error& err) {
    return read_string(v, out, stored, err);
}

bool read_value(sj::value& v, std::optional<std::vector<std::string>>& out, bool& stored,
                parse_error& err) {
    return read_string_list(v, out, stored, err);
}

bool read_value(sj::value& v, std::optional<property_map>& out, bool& stored, parse_error& err) {
    return read_property_map(v, out, stored, err);
}

// A nested structure (shape<Struct>, below), read in place.
template <class Struct>
struct shape;

template <class Struct>
bool read_value(sj::value& v, std::optional<Struct>& out, bool& stored, parse_error& err) {
    return read_object_in_place(v, out, stored, err, shape<Struct>::read_member,
                                shape<Struct>::reset_unseen);
}

// A nested structure's member reader (the key compared with each wire name in turn: these
// objects are small and rare) and its reset of the members an object did not store. Made from
// the structure's table, so that the bit a member is read with is the bit it is reset by.
#define GLUE_INVENTORY_SHAPE_PLACE(wire, member) member,
#define GLUE_INVENTORY_SHAPE_READ(wire, member)                                                    \
    if (key == (wire)) {                                                                           \
        bool stored = false;                                                                       \
        if (!read_value(v, out.member, stored, err)) {                                             \
            return false;                                                                          \
        }                                                                                          \
        seen |= stored ? member_bit(static_cast<std::size_t>(place::member)) : 0;                  \
        return true;                                                                               \
    }
#define GLUE_INVENTORY_SHAPE_RESET(wire, member)                                                   \
    if ((seen & member_bit(static_cast<std::size_t>(place::member))) == 0) {                       \
        out.member.reset();                                                                        \
    }
#define GLUE_INVENTORY_SHAPE(Struct, MEMBERS)                                                      \
    template <>                                                                                    \
    struct shape<Struct> {                                                                         \
        enum class place : std::size_t { MEMBERS(GLUE_INVENTORY_SHAPE_PLACE) };                    \
        static bool read_member(std::string_view key, sj::value& v, Struct& out,                   \
                                member_mask& seen, parse_error& err) {                             \
            MEMBERS(GLUE_INVENTORY_SHAPE_READ)                                                     \
            return true;                                                                           \
        }                                                                                          \
        static void reset_unseen(Struct& out, member_mask seen) {                                  \
            MEMBERS(GLUE_INVENTORY_SHAPE_RESET)                                                    \
        }                                                                                          \
    };

// Each before the structures that hold it.
GLUE_INVENTORY_SHAPE(oauth2_client_application, GLUE_INVENTORY_OAUTH2_CLIENT_APPLICATION_MEMBERS)
GLUE_INVENTORY_SHAPE(oauth2_properties, GLUE_INVENTORY_OAUTH2_PROPERTIES_MEMBERS)
GLUE_INVENTORY_SHAPE(authentication_configuration,
                     GLUE_INVENTORY_AUTHENTICATION_CONFIGURATION_MEMBERS)
GLUE_INVENTORY_SHAPE(physical_connection_requirements,
                     GLUE_INVENTORY_PHYSICAL_CONNECTION_REQUIREMENTS_MEMBERS)

#undef GLUE_INVENTORY_SHAPE
#undef GLUE_INVENTORY_SHAPE_RESET
#undef GLUE_INVENTORY_SHAPE_READ
#undef GLUE_INVENTORY_SHAPE_PLACE

// The members by the length of their wire name: a key's length rules out all but one or two
// names (at most names_per_length, checked when this compiles), so a key costs one comparison
// instead of up to 18.
constexpr std::size_t names_per_length = 2;
constexpr std::size_t longest_member_name = [] {
    std::size_t longest = 0;
    for (auto name : connection_member_names) {
        longest = std::max(longest, name.size());
    }
    return longest;
}();
using members_of_one_length = std::array<connection_member, names_per_length>;

constexpr auto members_by_length = [] {
    std::array<members_of_one_length, longest_member_name + 1> table{};
    for (std::size_t i = 1; i < connection_member_names.size(); ++i) {
        auto& slots = table[connection_member_names[i].size()];
        std::size_t k = 0;
        while (k < names_per_length && slots[k] != connection_member::unknown) {
            ++k;
        }
        if (k == names_per_length) {
            throw "more member names of one length than names_per_length"; // fails to compile
        }
        slots[k] = static_cast<connection_member>(i);
    }
    return table;
}();

// The member whose name is `key`, `key` being Length bytes long: the names of that length
// (from slot Slot on) compared with a length known when this compiles, as the hand-written
// switch did (GCC inlines those comparisons).
template <std::size_t Length, std::size_t Slot = 0>
connection_member member_of_length(std::string_view key) {
    constexpr members_of_one_length slots =
        Length < members_by_length.size() ? members_by_length[Length] : members_of_one_length{};
    if constexpr (Slot == names_per_length || slots[Slot] == connection_member::unknown) {
        return connection_member::unknown;
    } else {
        constexpr auto name = connection_member_names[static_cast<std::size_t>(slots[Slot])];
        if (std::memcmp(key.data(), name.data(), Length) == 0) {
            return slots[Slot];
        }
        return member_of_length<Length, Slot + 1>(key);
    }
}

// A switch over the key's length up to longest_case_length (the cases are lengths, not
// members: a new member needs no new case unless its name is longer).
constexpr std::size_t longest_case_length = 40;
static_assert(longest_member_name <= longest_case_length,
              "a member name is longer than the cases of connection_member_of: add cases");

// clang-format off
connection_member connection_member_of(std::string_view key) {
#define GLUE_INVENTORY_LENGTH_CASE(n) case n: return member_of_length<n>(key);
    switch (key.size()) {
    GLUE_INVENTORY_LENGTH_CASE(1) GLUE_INVENTORY_LENGTH_CASE(2) GLUE_INVENTORY_LENGTH_CASE(3)
    GLUE_INVENTORY_LENGTH_CASE(4) GLUE_INVENTORY_LENGTH_CASE(5) GLUE_INVENTORY_LENGTH_CASE(6)
    GLUE_INVENTORY_LENGTH_CASE(7) GLUE_INVENTORY_LENGTH_CASE(8) GLUE_INVENTORY_LENGTH_CASE(9)
    GLUE_INVENTORY_LENGTH_CASE(10) GLUE_INVENTORY_LENGTH_CASE(11) GLUE_INVENTORY_LENGTH_CASE(12)
    GLUE_INVENTORY_LENGTH_CASE(13) GLUE_INVENTORY_LENGTH_CASE(14) GLUE_INVENTORY_LENGTH_CASE(15)
    GLUE_INVENTORY_LENGTH_CASE(16) GLUE_INVENTORY_LENGTH_CASE(17) GLUE_INVENTORY_LENGTH_CASE(18)
    GLUE_INVENTORY_LENGTH_CASE(19) GLUE_INVENTORY_LENGTH_CASE(20) GLUE_INVENTORY_LENGTH_CASE(21)
    GLUE_INVENTORY_LENGTH_CASE(22) GLUE_INVENTORY_LENGTH_CASE(23) GLUE_INVENTORY_LENGTH_CASE(24)
    GLUE_INVENTORY_LENGTH_CASE(25) GLUE_INVENTORY_LENGTH_CASE(26) GLUE_INVENTORY_LENGTH_CASE(27)
    GLUE_INVENTORY_LENGTH_CASE(28) GLUE_INVENTORY_LENGTH_CASE(29) GLUE_INVENTORY_LENGTH_CASE(30)
    GLUE_INVENTORY_LENGTH_CASE(31) GLUE_INVENTORY_LENGTH_CASE(32) GLUE_INVENTORY_LENGTH_CASE(33)
    GLUE_INVENTORY_LENGTH_CASE(34) GLUE_INVENTORY_LENGTH_CASE(35) GLUE_INVENTORY_LENGTH_CASE(36)
    GLUE_INVENTORY_LENGTH_CASE(37) GLUE_INVENTORY_LENGTH_CASE(38) GLUE_INVENTORY_LENGTH_CASE(39)
    GLUE_INVENTORY_LENGTH_CASE(40)
    default: return connection_member::unknown;
    }
#undef GLUE_INVENTORY_LENGTH_CASE
}
// clang-format on

// A timestamp as the CLI's NDJSON record writes it (ISO 8601 UTC); null is absent.
bool read_iso_timestamp(sj::value& v, std::optional<timestamp>& out, bool& stored,
                        parse_error& err) {
    std::string_view text;
    if (!read_or_null(v.get_string().get(text), v, stored, "expected an ISO 8601 timestamp", err)) {
        return false;
    }
    if (stored) {
        timestamp t{};
        if (!parse_iso8601(text, t)) {
            return fail(err, "expected an ISO 8601 timestamp (2024-05-01T12:34:56.789Z)");
        }
        out = t;
    }
    return true;
}

// The timestamps of a Connection: JSON numbers of seconds in a response, ISO 8601 strings in the
// CLI's NDJSON record; everything else is read the same way.
enum class timestamp_form { epoch_seconds, iso8601 };

template <timestamp_form Form>
bool read_connection_timestamp(sj::value& v, std::optional<timestamp>& out, bool& stored,
                               parse_error& err) {
    if constexpr (Form == timestamp_form::iso8601) {
        return read_iso_timestamp(v, out, stored, err);
    } else {
        return read_timestamp(v, out, stored, err);
    }
}

// One reader per kind of the member table (glue_inventory/connection_members.hpp): each reads
// in place and says whether it stored.
template <timestamp_form Form>
struct member_reader {
    template <class Member>
    static bool string(sj::value& v, Member& out, bool& stored, parse_error& err) {
        return read_value(v, out, stored, err);
    }
    template <class Member>
    static bool string_list(sj::value& v, Member& out, bool& stored, parse_error& err) {
        return read_value(v, out, stored, err);
    }
    template <class Member>
    static bool map(sj::value& v, Member& out, bool& stored, parse_error& err) {
        return read_value(v, out, stored, err);
    }
    template <class Member>
    static bool structure(sj::value& v, Member& out, bool& stored, parse_error& err) {
        return read_value(v, out, stored, err);
    }
    static bool time(sj::value& v, std::optional<timestamp>& out, bool& stored, parse_error& err) {
        return read_connection_timestamp<Form>(v, out, stored, err);
    }
    static bool integer(sj::value& v, std::optional<int>& out, bool& stored, parse_error& err) {
        return read_int(v, out, stored, err);
    }
};

constexpr member_mask member_bit(connection_member m) {
    return member_bit(static_cast<std::size_t>(m));
}
static_assert(connection_member_count + 1 <= sizeof(member_mask) * 8,
              "a Connection member has no bit in member_mask: widen it");

// One member of a Connection, read in place and marked in `seen` when stored.
// Always inlined: into read_connection's two forms (a new connection, a spent page's), as the
// one form had it inlined by itself; a call per member cost ~500 instructions a W2 record.
template <timestamp_form Form = timestamp_form::epoch_seconds>
[[gnu::always_inline]] inline bool read_connection_member(std::string_view key, sj::value& v,
                                                          connection& c, member_mask& seen,
                                                          parse_error& err) {
    using read = member_reader<Form>;
    switch (connection_member_of(key)) {
    case connection_member::unknown:
        return true; // not touched: On-Demand skips it when the next field is read
#define GLUE_INVENTORY_READ_MEMBER(wire, member, kind)                                             \
    case connection_member::member: {                                                              \
        bool stored = false;                                                                       \
        if (!read::kind(v, c.member, stored, err)) {                                               \
            return false;                                                                          \
        }                                                                                          \
        seen |= stored ? member_bit(connection_member::member) : 0;                                \
        return true;                                                                               \
    }
        GLUE_INVENTORY_CONNECTION_MEMBERS(GLUE_INVENTORY_READ_MEMBER)
#undef GLUE_INVENTORY_READ_MEMBER
    }
    return true;
}

// The members of `c` that a record did not store, reset.
void reset_unseen_members(connection& c, member_mask seen) {
#define GLUE_INVENTORY_RESET_MEMBER(wire, member, kind)                                            \
    if ((seen & member_bit(connection_member::member)) == 0) {                                     \
        c.member.reset();                                                                          \
    }
    GLUE_INVENTORY_CONNECTION_MEMBERS(GLUE_INVENTORY_RESET_MEMBER)
#undef GLUE_INVENTORY_RESET_MEMBER
}

// A record of ConnectionList, into `c`: a new connection (Held false), or one of a spent page
// (Held true), whose members the record did not store are then reset, so that it ends as a new
// one would.
template <bool Held>
bool read_connection(sj::value& v, connection& c, parse_error& err) {
    member_mask seen = 0;
    // Through a lambda, not the function's address: GCC then inlines the member switch into
    // the loop over the members, as it did when this loop was written out here (5% faster).
    if (!read_required_object(
            v, c, err,
            [&seen](std::string_view key, sj::value& value, connection& out, parse_error& e) {
                return read_connection_member(key, value, out, seen, e);
            })) {
        return false;
    }
    if constexpr (Held) {
        reset_unseen_members(c, seen);
    }
    return true;
}

// The page's members; `used` counts the connections read so far into page.connections (a
// repeated ConnectionList appends, as into a plain list).
bool read_get_connections_member(std::string_view key, sj::value& v, get_connections_page& page,
                                 std::size_t& used, parse_error& err) {
    if (key == "ConnectionList") {
        return read_list_into(v, page.connections, used, err, read_connection<false>,
                              read_connection<true>);
    }
    if (key == "NextToken") {
        return read_string(v, page.next_token, err);
    }
    return true;
}

// A member of the CLI's NDJSON record: the context's three, then the Connection's (the record
// is new: what was not stored needs no reset).
bool read_ndjson_record_member(std::string_view key, sj::value& v, ndjson_record& r,
                               parse_error& err) {
    if (key == "AccountId") {
        return read_string(v, r.account_id, err);
    }
    if (key == "Region") {
        return read_string(v, r.region, err);
    }
    if (key == "CatalogId") {
        return read_string(v, r.catalog_id, err);
    }
    member_mask seen = 0;
    return read_connection_member<timestamp_form::iso8601>(key, v, r.conn, seen, err);
}

} // namespace

// The connections of a page are reserved at the count of the previous page this parser read
// (a full page of a big target is followed by another): growing the list one connection at a
// time moved every connection about once more (~600 instructions a W2 record) and reallocated
// ~10 times a page. At most max_reserved_connections (GetConnections' MaxResults limit); a page
// that used less than half of its storage is shrunk to fit after the parse, so a small page
// after a big one (or parsed into a big spent page) keeps no idle room while it waits for the
// consumer.
constexpr std::size_t max_reserved_connections = 1000;

struct response_parser::impl {
    sj::parser parser;
    std::size_t last_page_connections = 0;
};

response_parser::response_parser() : impl_(std::make_unique<impl>()) {}
response_parser::~response_parser() = default;
response_parser::response_parser(response_parser&&) noexcept = default;
response_parser& response_parser::operator=(response_parser&&) noexcept = default;

std::size_t response_parser::padding() noexcept {
    return simdjson::SIMDJSON_PADDING;
}

bool response_parser::parse_get_connections(std::string_view body, get_connections_page& page,
                                            parse_error& error) {
    // The connections `page` holds are storage: record i is read into connection i (in place,
    // as into a new one), the page grows past them or drops those left over.
    auto& connections = page.connections;
    page.next_token.reset();
    const std::size_t reserve = std::min(impl_->last_page_connections, max_reserved_connections);
    if (connections.capacity() < reserve) {
        connections.reserve(reserve);
    }
    std::size_t used = 0;
    const bool ok = read_document(
        impl_->parser, body, page, error,
        [&used](std::string_view key, sj::value& v, get_connections_page& p, parse_error& e) {
            return read_get_connections_member(key, v, p, used, e);
        });
    connections.erase(connections.begin() + static_cast<std::ptrdiff_t>(used), connections.end());
    impl_->last_page_connections = used;
    if (connections.capacity() > 2 * connections.size()) {
        connections.shrink_to_fit();
    }
    return ok;
}

bool response_parser::parse_ndjson_record(std::string_view line, ndjson_record& record,
                                          parse_error& error) {
    record = ndjson_record{};
    if (!read_document(impl_->parser, line, record, error, read_ndjson_record_member)) {
        return false;
    }
    if (record.account_id.empty() || record.region.empty()) {
        error.what = "no AccountId or Region (not a record of `glue-inventory scan`)";
        error.where.clear();
        return false;
    }
    return true;
}

bool response_parser::parse_list_accounts(std::string_view body, list_accounts_page& page,
                                          parse_error& error) {
    return parse_list_accounts_document(impl_->parser, body, page, error);
}

} // namespace glue_inventory::protocol
