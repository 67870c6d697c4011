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

// Each read_<shape>_member reads one member of that shape's object (read_members calls it); on
// failure err.where is relative to the member, read_members puts the member's name in front.

bool read_oauth2_client_application_member(std::string_view key, sj::value& v,
                                           oauth2_client_application& app, parse_error& err) {
    if (key == "UserManagedClientApplicationClientId") {
        return read_string(v, app.user_managed_client_application_client_id, err);
    }
    if (key == "AWSManagedClientApplicationReference") {
        return read_string(v, app.aws_managed_client_application_reference, err);
    }
    return true;
}

bool read_oauth2_properties_member(std::string_view key, sj::value& v, oauth2_properties& props,
                                   parse_error& err) {
    if (key == "OAuth2GrantType") {
        return read_string(v, props.oauth2_grant_type, err);
    }
    if (key == "OAuth2ClientApplication") {
        return read_object(v, props.oauth2_client_application, err,
                           read_oauth2_client_application_member);
    }
    if (key == "TokenUrl") {
        return read_string(v, props.token_url, err);
    }
    if (key == "TokenUrlParametersMap") {
        return read_property_map(v, props.token_url_parameters_map, err);
    }
    return true;
}

bool read_authentication_configuration_member(std::string_view key, sj::value& v,
                                              authentication_configuration& auth,
                                              parse_error& err) {
    if (key == "AuthenticationType") {
        return read_string(v, auth.authentication_type, err);
    }
    if (key == "SecretArn") {
        return read_string(v, auth.secret_arn, err);
    }
    if (key == "KmsKeyArn") {
        return read_string(v, auth.kms_key_arn, err);
    }
    if (key == "OAuth2Properties") {
        return read_object(v, auth.oauth2_properties, err, read_oauth2_properties_member);
    }
    return true;
}

bool read_physical_connection_requirements_member(std::string_view key, sj::value& v,
                                                  physical_connection_requirements& reqs,
                                                  parse_error& err) {
    if (key == "SubnetId") {
        return read_string(v, reqs.subnet_id, err);
    }
    if (key == "SecurityGroupIdList") {
        return read_string_list(v, reqs.security_group_id_list, err);
    }
    if (key == "AvailabilityZone") {
        return read_string(v, reqs.availability_zone, err);
    }
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

// One reader per kind of the member table (glue_inventory/connection_members.hpp).
template <timestamp_form Form>
struct member_reader {
    static bool string(sj::value& v, std::optional<std::string>& out, parse_error& err) {
        return read_string(v, out, err);
    }
    static bool string_list(sj::value& v, std::optional<std::vector<std::string>>& out,
                            parse_error& err) {
        return read_string_list(v, out, err);
    }
    static bool map(sj::value& v, std::optional<property_map>& out, parse_error& err) {
        return read_property_map(v, out, err);
    }
    static bool structure(sj::value& v, std::optional<physical_connection_requirements>& out,
                          parse_error& err) {
        return read_object(v, out, err, read_physical_connection_requirements_member);
    }
    static bool structure(sj::value& v, std::optional<authentication_configuration>& out,
                          parse_error& err) {
        return read_object(v, out, err, read_authentication_configuration_member);
    }
    static bool time(sj::value& v, std::optional<timestamp>& out, parse_error& err) {
        return read_connection_timestamp<Form>(v, out, err);
    }
    static bool integer(sj::value& v, std::optional<int>& out, parse_error& err) {
        return read_int(v, out, err);
    }
};

template <timestamp_form Form = timestamp_form::epoch_seconds>
bool read_connection_member(std::string_view key, sj::value& v, connection& c, parse_error& err) {
    using read = member_reader<Form>;
    switch (connection_member_of(key)) {
    case connection_member::unknown:
        return true; // not touched: On-Demand skips it when the next field is read
#define GLUE_INVENTORY_READ_MEMBER(wire, member, kind)                                             \
    case connection_member::member:                                                                \
        return read::kind(v, c.member, err);
        GLUE_INVENTORY_CONNECTION_MEMBERS(GLUE_INVENTORY_READ_MEMBER)
#undef GLUE_INVENTORY_READ_MEMBER
    }
    return true;
}

bool read_connection(sj::value& v, connection& c, parse_error& err) {
    // Through a lambda, not the function's address: GCC then inlines the member switch into
    // the loop over the members, as it did when this loop was written out here (5% faster).
    return read_required_object(
        v, c, err, [](std::string_view key, sj::value& value, connection& out, parse_error& e) {
            return read_connection_member(key, value, out, e);
        });
}

bool read_get_connections_member(std::string_view key, sj::value& v, get_connections_page& page,
                                 parse_error& err) {
    if (key == "ConnectionList") {
        return read_list(v, page.connections, err, read_connection);
    }
    if (key == "NextToken") {
        return read_string(v, page.next_token, err);
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
    return read_connection_member<timestamp_form::iso8601>(key, v, r.conn, err);
}

} // namespace

// The connections of a page are reserved at the count of the previous page this parser read
// (a full page of a big target is followed by another): growing the list one connection at a
// time moved every connection about once more (~600 instructions a W2 record) and reallocated
// ~10 times a page. At most max_reserved_connections (GetConnections' MaxResults limit); a page
// that used less than half of what was reserved is shrunk to fit after the parse, so a small
// page after a big one keeps no idle room while it waits for the consumer.
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
    page.connections.clear();
    page.next_token.reset();
    page.connections.reserve(std::min(impl_->last_page_connections, max_reserved_connections));
    const bool ok = read_document(impl_->parser, body, page, error, read_get_connections_member);
    impl_->last_page_connections = page.connections.size();
    if (page.connections.capacity() > 2 * page.connections.size()) {
        page.connections.shrink_to_fit();
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
