#include "protocol/response_parser.hpp"

#include "protocol/json_reader.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <glue_inventory/connection_members.hpp>
#include <tuple>
#include <type_traits>

namespace glue_inventory::protocol {

using namespace json_reader;

// Defined in organizations.cpp: the ListAccounts document, read with the same parser.
bool parse_list_accounts_document(sj::parser& parser, std::string_view body,
                                  list_accounts_page& page, parse_error& err);

namespace {

// Every record is read into storage that may hold an earlier record (a page parsed into the
// storage of the previous one keeps its strings' capacity): a member present in this record is
// assigned into what is there, and each object's members that this record did not have are
// reset once the object is read, so that it ends exactly as if read into a fresh one. Each
// reader says whether it stored a value (`stored`: false for null, which leaves the member as
// it was); the members stored are bits of a member_mask.
using member_mask = std::uint32_t;

template <class Struct, class Member>
struct shape_member {
    std::string_view wire;
    Member Struct::*member;
};

// The members of each nested structure: its wire names and members, in the API's order (a
// table each, like Connection's in connection_members.hpp, read by read_shape_member and reset
// by reset_unseen_members below).
template <class Struct>
struct shape;

template <>
struct shape<oauth2_client_application> {
    using s = oauth2_client_application;
    static constexpr std::tuple members{
        shape_member<s, std::optional<std::string>>{"UserManagedClientApplicationClientId",
                                                    &s::user_managed_client_application_client_id},
        shape_member<s, std::optional<std::string>>{"AWSManagedClientApplicationReference",
                                                    &s::aws_managed_client_application_reference},
    };
};

template <>
struct shape<oauth2_properties> {
    using s = oauth2_properties;
    static constexpr std::tuple members{
        shape_member<s, std::optional<std::string>>{"OAuth2GrantType", &s::oauth2_grant_type},
        shape_member<s, std::optional<oauth2_client_application>>{"OAuth2ClientApplication",
                                                                  &s::oauth2_client_application},
        shape_member<s, std::optional<std::string>>{"TokenUrl", &s::token_url},
        shape_member<s, std::optional<property_map>>{"TokenUrlParametersMap",
                                                     &s::token_url_parameters_map},
    };
};

template <>
struct shape<authentication_configuration> {
    using s = authentication_configuration;
    static constexpr std::tuple members{
        shape_member<s, std::optional<std::string>>{"AuthenticationType", &s::authentication_type},
        shape_member<s, std::optional<std::string>>{"SecretArn", &s::secret_arn},
        shape_member<s, std::optional<std::string>>{"KmsKeyArn", &s::kms_key_arn},
        shape_member<s, std::optional<oauth2_properties>>{"OAuth2Properties",
                                                          &s::oauth2_properties},
    };
};

template <>
struct shape<physical_connection_requirements> {
    using s = physical_connection_requirements;
    static constexpr std::tuple members{
        shape_member<s, std::optional<std::string>>{"SubnetId", &s::subnet_id},
        shape_member<s, std::optional<std::vector<std::string>>>{"SecurityGroupIdList",
                                                                 &s::security_group_id_list},
        shape_member<s, std::optional<std::string>>{"AvailabilityZone", &s::availability_zone},
    };
};

// One reader per type of member a nested structure has.
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

template <class Struct>
bool read_value(sj::value& v, std::optional<Struct>& out, bool& stored, parse_error& err);

// Reads the member of Struct named `key` (the I-th of its table and on) into `out`, marking it
// in `seen` when stored; a key of no member is left untouched (On-Demand skips it).
template <class Struct, std::size_t I = 0>
bool read_shape_member(std::string_view key, sj::value& v, Struct& out, member_mask& seen,
                       parse_error& err) {
    constexpr auto& members = shape<Struct>::members;
    if constexpr (I == std::tuple_size_v<std::remove_cvref_t<decltype(members)>>) {
        return true;
    } else {
        constexpr auto m = std::get<I>(members);
        if (key != m.wire) {
            return read_shape_member<Struct, I + 1>(key, v, out, seen, err);
        }
        bool stored = false;
        if (!read_value(v, out.*m.member, stored, err)) {
            return false;
        }
        if (stored) {
            seen |= member_mask{1} << I;
        }
        return true;
    }
}

// Resets each member of `out` whose bit is not in `seen`.
template <class Struct>
void reset_unseen_members(Struct& out, member_mask seen) {
    std::apply(
        [&](const auto&... m) {
            std::size_t i = 0;
            ((((seen >> i++) & 1U) == 0 ? (out.*m.member).reset() : void()), ...);
        },
        shape<Struct>::members);
}

// A nested structure, read into the one `out` holds when it holds one (as if into a new one).
template <class Struct>
bool read_value(sj::value& v, std::optional<Struct>& out, bool& stored, parse_error& err) {
    sj::object obj;
    if (!open_object(v, obj, stored, err)) {
        return false;
    }
    if (!stored) {
        return true;
    }
    Struct& s = out ? *out : out.emplace();
    member_mask seen = 0;
    if (!read_members(obj, s, err,
                      [&seen](std::string_view key, sj::value& value, Struct& o, parse_error& e) {
                          return read_shape_member(key, value, o, seen, e);
                      })) {
        return false;
    }
    reset_unseen_members(s, seen);
    return true;
}

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
bool read_iso_timestamp(sj::value& v, std::optional<timestamp>& out, parse_error& err) {
    std::string_view text;
    bool present = false;
    if (!read_or_null(v.get_string().get(text), v, present, "expected an ISO 8601 timestamp",
                      err)) {
        return false;
    }
    if (present) {
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
bool read_connection_timestamp(sj::value& v, std::optional<timestamp>& out, parse_error& err) {
    if constexpr (Form == timestamp_form::iso8601) {
        return read_iso_timestamp(v, out, err);
    } else {
        return read_timestamp(v, out, err);
    }
}

// One reader per kind of the member table (glue_inventory/connection_members.hpp); `stored` is
// false when the value was null (the member is then as it was).
template <timestamp_form Form>
struct member_reader {
    static bool string(sj::value& v, std::optional<std::string>& out, bool& stored,
                       parse_error& err) {
        return read_string(v, out, stored, err);
    }
    static bool string_list(sj::value& v, std::optional<std::vector<std::string>>& out,
                            bool& stored, parse_error& err) {
        return read_string_list(v, out, stored, err);
    }
    static bool map(sj::value& v, std::optional<property_map>& out, bool& stored,
                    parse_error& err) {
        return read_property_map(v, out, stored, err);
    }
    template <class Struct>
    static bool structure(sj::value& v, std::optional<Struct>& out, bool& stored,
                          parse_error& err) {
        return read_value(v, out, stored, err);
    }
    static bool time(sj::value& v, std::optional<timestamp>& out, bool& stored, parse_error& err) {
        std::optional<timestamp> t;
        if (!read_connection_timestamp<Form>(v, t, err)) {
            return false;
        }
        stored = t.has_value();
        if (stored) {
            out = t;
        }
        return true;
    }
    static bool integer(sj::value& v, std::optional<int>& out, bool& stored, parse_error& err) {
        std::optional<int> n;
        if (!read_int(v, n, err)) {
            return false;
        }
        stored = n.has_value();
        if (stored) {
            out = n;
        }
        return true;
    }
};

// A member's bit in a member_mask: bit 0 is connection_member::unknown, never set.
constexpr member_mask member_bit(connection_member m) {
    return member_mask{1} << static_cast<unsigned>(m);
}
static_assert(connection_member_count < sizeof(member_mask) * 8,
              "more members than bits in member_mask: widen it");

// Reads the member `key` into `c`, marking it in `seen` when stored.
template <timestamp_form Form = timestamp_form::epoch_seconds>
bool read_connection_member(std::string_view key, sj::value& v, connection& c, member_mask& seen,
                            parse_error& err) {
    using read = member_reader<Form>;
    bool stored = false;
    switch (connection_member_of(key)) {
    case connection_member::unknown:
        return true; // not touched: On-Demand skips it when the next field is read
#define GLUE_INVENTORY_READ_MEMBER(wire, member, kind)                                             \
    case connection_member::member:                                                                \
        if (!read::kind(v, c.member, stored, err)) {                                               \
            return false;                                                                          \
        }                                                                                          \
        seen |= stored ? member_bit(connection_member::member) : 0;                                \
        return true;
        GLUE_INVENTORY_CONNECTION_MEMBERS(GLUE_INVENTORY_READ_MEMBER)
#undef GLUE_INVENTORY_READ_MEMBER
    }
    return true;
}

// Resets each member of `c` that is not in `seen`: what the previous record of this storage had
// and this one has not.
void reset_unseen_members(connection& c, member_mask seen) {
#define GLUE_INVENTORY_RESET_MEMBER(wire, member, kind)                                            \
    if ((seen & member_bit(connection_member::member)) == 0) {                                     \
        c.member.reset();                                                                          \
    }
    GLUE_INVENTORY_CONNECTION_MEMBERS(GLUE_INVENTORY_RESET_MEMBER)
#undef GLUE_INVENTORY_RESET_MEMBER
}

// One Connection of a ConnectionList, into `c`, which may hold an earlier record.
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
    reset_unseen_members(c, seen);
    return true;
}

// A GetConnections page being read: its connections so far (the page's vector may hold more,
// left from the page whose storage it reuses: they are dropped at the end).
struct page_reading {
    get_connections_page& page;
    std::size_t connections = 0;
};

bool read_get_connections_member(std::string_view key, sj::value& v, page_reading& p,
                                 parse_error& err) {
    if (key == "ConnectionList") {
        // A second ConnectionList appends to the first; null leaves the list as it was.
        sj::array arr;
        bool present = false;
        if (!open_array(v, arr, present, err)) {
            return false;
        }
        return !present ||
               read_items_into(arr, p.page.connections, p.connections, err, read_connection);
    }
    if (key == "NextToken") {
        return read_string(v, p.page.next_token, err);
    }
    return true;
}

// A member of the CLI's NDJSON record: the context's three, then the Connection's.
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
    // The record is new (parse_ndjson_record): nothing to reset, `seen` is not needed.
    member_mask seen = 0;
    return read_connection_member<timestamp_form::iso8601>(key, v, r.conn, seen, err);
}

} // namespace

struct response_parser::impl {
    sj::parser parser;
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
    page.next_token.reset();
    page_reading reading{page};
    const bool ok = read_document(impl_->parser, body, reading, error, read_get_connections_member);
    page.connections.resize(reading.connections);
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
