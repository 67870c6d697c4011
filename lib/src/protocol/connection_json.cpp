#include "protocol/connection_json.hpp"

#include "protocol/json_string.hpp"
#include "protocol/json_text.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <glue_inventory/connection_members.hpp>

namespace glue_inventory::protocol {
namespace {

void write_string_list(const std::vector<std::string>& list, std::string& out) {
    out += '[';
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (i != 0) {
            out += ',';
        }
        write_json_string(list[i], out);
    }
    out += ']';
}

void write_property_map(const property_map& map, std::string& out) {
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

void write_timestamp(timestamp t, timestamp_style style, std::string& out) {
    if (style == timestamp_style::iso8601) {
        out += '"';
        write_iso8601(t, out);
        out += '"';
    } else {
        write_epoch_seconds(t, out);
    }
}

// The nested structures of Connection (defined below, written with member_writer).
void write_structure(const physical_connection_requirements& p, std::string& out);
void write_structure(const authentication_configuration& a, std::string& out);

// Writes members of one JSON object, putting the commas between them. One function per kind of
// the member table (glue_inventory/connection_members.hpp).
class member_writer {
public:
    explicit member_writer(std::string& out, timestamp_style style = timestamp_style::iso8601)
        : out_(out), style_(style) {}

    bool wrote_any() const { return wrote_any_; }

    // ,"Name": in one append (member names are ours: short ASCII that needs no escaping).
    void key(std::string_view name) {
        constexpr std::size_t longest_name = 48; // UserManagedClientApplicationClientId: 36
        char text[longest_name + 4];
        std::size_t n = 0;
        if (wrote_any_) {
            text[n++] = ',';
        }
        wrote_any_ = true;
        text[n++] = '"';
        const std::size_t length = std::min(name.size(), longest_name);
        std::memcpy(text + n, name.data(), length);
        n += length;
        text[n++] = '"';
        text[n++] = ':';
        out_.append(text, n);
    }

    void string(std::string_view name, const std::optional<std::string>& value) {
        if (value) {
            key(name);
            write_json_string(*value, out_);
        }
    }

    void string_list(std::string_view name, const std::optional<std::vector<std::string>>& value) {
        if (value) {
            key(name);
            write_string_list(*value, out_);
        }
    }

    void map(std::string_view name, const std::optional<property_map>& value) {
        if (value) {
            key(name);
            write_property_map(*value, out_);
        }
    }

    void time(std::string_view name, const std::optional<timestamp>& value) {
        if (value) {
            key(name);
            write_timestamp(*value, style_, out_);
        }
    }

    template <class Structure>
    void structure(std::string_view name, const std::optional<Structure>& value) {
        if (value) {
            key(name);
            write_structure(*value, out_);
        }
    }

    void integer(std::string_view name, const std::optional<int>& value) {
        if (value) {
            key(name);
            write_json_integer(*value, out_);
        }
    }

private:
    std::string& out_;
    timestamp_style style_;
    bool wrote_any_ = false;
};

void write_oauth2_properties(const oauth2_properties& p, std::string& out) {
    out += '{';
    member_writer w{out};
    w.string("OAuth2GrantType", p.oauth2_grant_type);
    if (p.oauth2_client_application) {
        w.key("OAuth2ClientApplication");
        out += '{';
        member_writer app{out};
        app.string("UserManagedClientApplicationClientId",
                   p.oauth2_client_application->user_managed_client_application_client_id);
        app.string("AWSManagedClientApplicationReference",
                   p.oauth2_client_application->aws_managed_client_application_reference);
        out += '}';
    }
    w.string("TokenUrl", p.token_url);
    w.map("TokenUrlParametersMap", p.token_url_parameters_map);
    out += '}';
}

void write_structure(const authentication_configuration& a, std::string& out) {
    out += '{';
    member_writer w{out};
    w.string("AuthenticationType", a.authentication_type);
    w.string("SecretArn", a.secret_arn);
    w.string("KmsKeyArn", a.kms_key_arn);
    if (a.oauth2_properties) {
        w.key("OAuth2Properties");
        write_oauth2_properties(*a.oauth2_properties, out);
    }
    out += '}';
}

void write_structure(const physical_connection_requirements& p, std::string& out) {
    out += '{';
    member_writer w{out};
    w.string("SubnetId", p.subnet_id);
    w.string_list("SecurityGroupIdList", p.security_group_id_list);
    w.string("AvailabilityZone", p.availability_zone);
    out += '}';
}

} // namespace

bool write_connection_members(const connection& c, timestamp_style style, std::string& out) {
    member_writer w{out, style};
#define GLUE_INVENTORY_WRITE_MEMBER(wire, member, kind) w.kind(wire, c.member);
    GLUE_INVENTORY_CONNECTION_MEMBERS(GLUE_INVENTORY_WRITE_MEMBER)
#undef GLUE_INVENTORY_WRITE_MEMBER
    return w.wrote_any();
}

} // namespace glue_inventory::protocol
