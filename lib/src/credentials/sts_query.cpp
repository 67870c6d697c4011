#include "sts_query.hpp"

#include "timestamp.hpp"

#include <cstddef>
#include <pugixml.hpp>
#include <utility>

namespace glue_inventory::creds {
namespace {

bool is_unreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}

void append_parameter(std::string& body, std::string_view name, std::string_view value) {
    if (!body.empty()) {
        body += '&';
    }
    body += percent_encode(name);
    body += '=';
    body += percent_encode(value);
}

bool load(pugi::xml_document& doc, std::string_view body) {
    return static_cast<bool>(doc.load_buffer(body.data(), body.size()));
}

// The text of a required element; sets `missing` to its path when absent.
std::string required_text(pugi::xml_node parent, const char* name, std::string_view path,
                          std::string& missing) {
    pugi::xml_node node = parent.child(name);
    if (!node && missing.empty()) {
        missing = std::string(path);
    }
    return node.child_value();
}

} // namespace

std::string percent_encode(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (is_unreserved(c)) {
            out += c;
        } else {
            auto byte = static_cast<unsigned char>(c);
            out += '%';
            out += hex[byte >> 4U];
            out += hex[byte & 0x0FU];
        }
    }
    return out;
}

std::string assume_role_body(const assume_role_request& request) {
    std::string body;
    append_parameter(body, "Action", "AssumeRole");
    append_parameter(body, "Version", sts_api_version);
    append_parameter(body, "RoleArn", request.role_arn);
    append_parameter(body, "RoleSessionName", request.role_session_name);
    if (request.external_id) {
        append_parameter(body, "ExternalId", *request.external_id);
    }
    if (request.duration) {
        append_parameter(body, "DurationSeconds", std::to_string(request.duration->count()));
    }
    return body;
}

std::string
assume_role_with_web_identity_body(const assume_role_with_web_identity_request& request) {
    std::string body;
    append_parameter(body, "Action", "AssumeRoleWithWebIdentity");
    append_parameter(body, "Version", sts_api_version);
    append_parameter(body, "RoleArn", request.role_arn);
    append_parameter(body, "RoleSessionName", request.role_session_name);
    append_parameter(body, "WebIdentityToken", request.web_identity_token);
    if (request.duration) {
        append_parameter(body, "DurationSeconds", std::to_string(request.duration->count()));
    }
    return body;
}

std::string get_caller_identity_body() {
    std::string body;
    append_parameter(body, "Action", "GetCallerIdentity");
    append_parameter(body, "Version", sts_api_version);
    return body;
}

namespace {

// AssumeRole and AssumeRoleWithWebIdentity answer alike: <ActionResponse><ActionResult>
// <Credentials/><AssumedRoleUser/></ActionResult><ResponseMetadata/></ActionResponse>.
sts_result<assumed_role> parse_assumed_role(std::string_view body, const std::string& action) {
    pugi::xml_document doc;
    if (!load(doc, body)) {
        return sts_parse_error{"the " + action + " answer is not XML"};
    }
    pugi::xml_node response = doc.child((action + "Response").c_str());
    if (!response) {
        return sts_parse_error{"the " + action + " answer has no " + action + "Response element"};
    }
    pugi::xml_node result = response.child((action + "Result").c_str());
    pugi::xml_node creds = result.child("Credentials");
    if (!creds) {
        return sts_parse_error{"the " + action + " answer has no " + action + "Result/Credentials"};
    }

    std::string missing;
    assumed_role out;
    out.creds.access_key_id =
        required_text(creds, "AccessKeyId", "Credentials/AccessKeyId", missing);
    out.creds.secret_access_key =
        required_text(creds, "SecretAccessKey", "Credentials/SecretAccessKey", missing);
    out.creds.session_token =
        required_text(creds, "SessionToken", "Credentials/SessionToken", missing);
    std::string expiration = required_text(creds, "Expiration", "Credentials/Expiration", missing);
    if (!missing.empty()) {
        return sts_parse_error{"the " + action + " answer has no " + missing};
    }
    if (out.creds.access_key_id.empty() || out.creds.secret_access_key.empty() ||
        out.creds.session_token.empty()) {
        return sts_parse_error{"the " + action +
                               " answer has an empty AccessKeyId, SecretAccessKey or SessionToken"};
    }
    out.creds.expiration = parse_iso8601(expiration);
    if (!out.creds.expiration) {
        // The expiry is not a secret: quoting it helps whoever reads the error.
        return sts_parse_error{"the " + action + " answer's Expiration is not ISO 8601: \"" +
                               expiration + "\""};
    }
    pugi::xml_node user = result.child("AssumedRoleUser");
    out.arn = user.child_value("Arn");
    out.assumed_role_id = user.child_value("AssumedRoleId");
    out.request_id = response.child("ResponseMetadata").child_value("RequestId");
    return out;
}

} // namespace

sts_result<assumed_role> parse_assume_role_response(std::string_view body) {
    return parse_assumed_role(body, "AssumeRole");
}

sts_result<assumed_role> parse_assume_role_with_web_identity_response(std::string_view body) {
    return parse_assumed_role(body, "AssumeRoleWithWebIdentity");
}

sts_result<caller_identity> parse_get_caller_identity_response(std::string_view body) {
    pugi::xml_document doc;
    if (!load(doc, body)) {
        return sts_parse_error{"the GetCallerIdentity answer is not XML"};
    }
    pugi::xml_node response = doc.child("GetCallerIdentityResponse");
    pugi::xml_node result = response.child("GetCallerIdentityResult");
    if (!result) {
        return sts_parse_error{"the GetCallerIdentity answer has no "
                               "GetCallerIdentityResponse/GetCallerIdentityResult"};
    }
    std::string missing;
    caller_identity out;
    out.account = required_text(result, "Account", "Account", missing);
    out.arn = required_text(result, "Arn", "Arn", missing);
    out.user_id = result.child_value("UserId");
    if (!missing.empty()) {
        return sts_parse_error{"the GetCallerIdentity answer has no " + missing};
    }
    // fuzz_sts_xml: "<Arn></Arn>" was accepted, and the identity then named no one.
    if (out.account.empty() || out.arn.empty()) {
        return sts_parse_error{"the GetCallerIdentity answer has an empty Account or Arn"};
    }
    out.request_id = response.child("ResponseMetadata").child_value("RequestId");
    return out;
}

std::optional<sts_error> parse_sts_error(std::string_view body) {
    pugi::xml_document doc;
    if (!load(doc, body)) {
        return std::nullopt;
    }
    pugi::xml_node response = doc.child("ErrorResponse");
    pugi::xml_node error = response.child("Error");
    if (!error || !error.child("Code")) {
        return std::nullopt;
    }
    return sts_error{error.child_value("Type"), error.child_value("Code"),
                     error.child_value("Message"), response.child_value("RequestId")};
}

std::string role_arn(std::string_view partition, std::string_view account,
                     std::string_view role_name) {
    std::string arn = "arn:";
    arn += partition;
    arn += ":iam::";
    arn += account;
    arn += ":role/";
    arn += role_name;
    return arn;
}

bool is_account_id(std::string_view text) noexcept {
    constexpr std::size_t account_id_digits = 12;
    if (text.size() != account_id_digits) {
        return false;
    }
    for (char c : text) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    return true;
}

bool is_role_session_name(std::string_view text) noexcept {
    // STS's RoleSessionName: length 2..64, pattern [\w+=,.@-]*.
    constexpr std::size_t min_length = 2;
    constexpr std::size_t max_length = 64;
    if (text.size() < min_length || text.size() > max_length) {
        return false;
    }
    for (char c : text) {
        bool word =
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        if (!word && c != '+' && c != '=' && c != ',' && c != '.' && c != '@' && c != '-') {
            return false;
        }
    }
    return true;
}

} // namespace glue_inventory::creds
