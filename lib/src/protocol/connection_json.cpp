#include "protocol/connection_json.hpp"

#include "protocol/json_string.hpp"
#include "protocol/json_text.hpp"

#include <charconv>
#include <cstddef>
#include <cstring>
#include <glue_inventory/connection_members.hpp>

namespace glue_inventory::protocol {
namespace {

// `,"Name":` for a member name given as a literal, made when this compiles: member_writer::key
// writes it whole, or without its comma for the first member.
#define GLUE_INVENTORY_KEY(name) ",\"" name "\":"

void write_string_list(const std::vector<std::string>& list, json_out& out) {
    out += '[';
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (i != 0) {
            out += ',';
        }
        write_json_string(list[i], out);
    }
    out += ']';
}

void write_property_map(const property_map& map, json_out& out) {
    out += '{';
    bool first = true;
    for (const auto& [key, value] : map) {
        if (!first) {
            out += ',';
        }
        first = false;
        write_json_string(key, out);
        out += ':';
        write_json_string(value, out);
    }
    out += '}';
}

void write_timestamp(timestamp t, timestamp_style style, json_out& out) {
    if (style == timestamp_style::iso8601) {
        constexpr std::size_t quoted = iso8601_length + 2;
        out.need(quoted);
        char* to = out.cursor();
        if (format_iso8601(t, to + 1)) {
            to[0] = '"';
            to[quoted - 1] = '"';
            out.advance(quoted);
            return;
        }
        std::string text; // a year outside 0000..9999: only when built by hand
        write_iso8601(t, text);
        out += '"';
        out += text;
        out += '"';
    } else {
        std::string text;
        write_epoch_seconds(t, text);
        out += text;
    }
}

void write_integer(std::int64_t value, json_out& out) {
    constexpr std::size_t longest_integer = 20; // -9223372036854775808
    out.need(longest_integer);
    char* to = out.cursor();
    const auto result = std::to_chars(to, to + longest_integer, value);
    out.advance(static_cast<std::size_t>(result.ptr - to));
}

// The nested structures of Connection (defined below, written with member_writer).
void write_structure(const physical_connection_requirements& p, json_out& out);
void write_structure(const authentication_configuration& a, json_out& out);

// Writes members of one JSON object, putting the commas between them. One function per kind of
// the member table (glue_inventory/connection_members.hpp). Keys are GLUE_INVENTORY_KEY
// literals.
class member_writer {
public:
    explicit member_writer(json_out& out, timestamp_style style = timestamp_style::iso8601)
        : out_(out), style_(style) {}

    bool wrote_any() const { return wrote_any_; }

    template <std::size_t N>
    void key(const char (&comma_key)[N]) {
        out_.need(N);
        if (wrote_any_) {
            out_.put_literal(comma_key);
        } else {
            out_.put(comma_key + 1, N - 2); // a length known here: no call
        }
        wrote_any_ = true;
    }

    template <std::size_t N>
    void string(const char (&k)[N], const std::optional<std::string>& value) {
        if (value) {
            key(k);
            write_json_string(*value, out_);
        }
    }

    template <std::size_t N>
    void string_list(const char (&k)[N], const std::optional<std::vector<std::string>>& value) {
        if (value) {
            key(k);
            write_string_list(*value, out_);
        }
    }

    template <std::size_t N>
    void map(const char (&k)[N], const std::optional<property_map>& value) {
        if (value) {
            key(k);
            write_property_map(*value, out_);
        }
    }

    template <std::size_t N>
    void time(const char (&k)[N], const std::optional<timestamp>& value) {
        if (value) {
            key(k);
            write_timestamp(*value, style_, out_);
        }
    }

    template <std::size_t N, class Structure>
    void structure(const char (&k)[N], const std::optional<Structure>& value) {
        if (value) {
            key(k);
            write_structure(*value, out_);
        }
    }

    template <std::size_t N>
    void integer(const char (&k)[N], const std::optional<int>& value) {
        if (value) {
            key(k);
            write_integer(*value, out_);
        }
    }

private:
    json_out& out_;
    timestamp_style style_;
    bool wrote_any_ = false;
};

void write_oauth2_properties(const oauth2_properties& p, json_out& out) {
    out += '{';
    member_writer w{out};
    w.string(GLUE_INVENTORY_KEY("OAuth2GrantType"), p.oauth2_grant_type);
    if (p.oauth2_client_application) {
        w.key(GLUE_INVENTORY_KEY("OAuth2ClientApplication"));
        out += '{';
        member_writer app{out};
        app.string(GLUE_INVENTORY_KEY("UserManagedClientApplicationClientId"),
                   p.oauth2_client_application->user_managed_client_application_client_id);
        app.string(GLUE_INVENTORY_KEY("AWSManagedClientApplicationReference"),
                   p.oauth2_client_application->aws_managed_client_application_reference);
        out += '}';
    }
    w.string(GLUE_INVENTORY_KEY("TokenUrl"), p.token_url);
    w.map(GLUE_INVENTORY_KEY("TokenUrlParametersMap"), p.token_url_parameters_map);
    out += '}';
}

void write_structure(const authentication_configuration& a, json_out& out) {
    out += '{';
    member_writer w{out};
    w.string(GLUE_INVENTORY_KEY("AuthenticationType"), a.authentication_type);
    w.string(GLUE_INVENTORY_KEY("SecretArn"), a.secret_arn);
    w.string(GLUE_INVENTORY_KEY("KmsKeyArn"), a.kms_key_arn);
    if (a.oauth2_properties) {
        w.key(GLUE_INVENTORY_KEY("OAuth2Properties"));
        write_oauth2_properties(*a.oauth2_properties, out);
    }
    out += '}';
}

void write_structure(const physical_connection_requirements& p, json_out& out) {
    out += '{';
    member_writer w{out};
    w.string(GLUE_INVENTORY_KEY("SubnetId"), p.subnet_id);
    w.string_list(GLUE_INVENTORY_KEY("SecurityGroupIdList"), p.security_group_id_list);
    w.string(GLUE_INVENTORY_KEY("AvailabilityZone"), p.availability_zone);
    out += '}';
}

} // namespace

bool write_connection_members(const connection& c, timestamp_style style, json_out& out) {
    member_writer w{out, style};
#define GLUE_INVENTORY_WRITE_MEMBER(wire, member, kind) w.kind(GLUE_INVENTORY_KEY(wire), c.member);
    GLUE_INVENTORY_CONNECTION_MEMBERS(GLUE_INVENTORY_WRITE_MEMBER)
#undef GLUE_INVENTORY_WRITE_MEMBER
    return w.wrote_any();
}

#undef GLUE_INVENTORY_KEY

bool write_connection_members(const connection& c, timestamp_style style, std::string& out) {
    json_out o{out, json_out::record_chunk};
    return write_connection_members(c, style, o);
}

} // namespace glue_inventory::protocol
