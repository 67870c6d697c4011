// STS, query protocol: AssumeRole and GetCallerIdentity, answered in XML as AWS writes it.
#include "sim_headers.hpp"
#include "simulator.hpp"

namespace glue_sim {

namespace {

constexpr std::string_view sts_namespace = "https://sts.amazonaws.com/doc/2011-06-15/";
constexpr std::string_view role_arn_prefix = "arn:aws:iam::";
constexpr std::size_t account_id_length = 12;
// RoleSessionName: 2 to 64 characters of [\w+=,.@-] (the API's constraint).
constexpr std::size_t min_session_name = 2;
constexpr std::size_t max_session_name = 64;

bool valid_session_name(std::string_view s) {
    if (s.size() < min_session_name || s.size() > max_session_name) {
        return false;
    }
    for (char c : s) {
        const bool word =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        if (!word && std::string_view("+=,.@-").find(c) == std::string_view::npos) {
            return false;
        }
    }
    return true;
}

void response_metadata(std::string& body, std::string_view request_id) {
    body.append("  <ResponseMetadata>\n    <RequestId>").append(request_id);
    body.append("</RequestId>\n  </ResponseMetadata>\n");
}

} // namespace

void simulator::sts(const sim_request& request, const caller_identity& who, sim_response& out) {
    const std::string action = form_value(request.body, "Action");
    const std::string version = form_value(request.body, "Version");
    if (version != "2011-06-15") {
        sts_error(out, 400, "InvalidAction",
                  "Could not find operation " + action + " for version " + version);
        return;
    }
    if (action == "GetCallerIdentity") {
        out.status = 200;
        out.content_type = "text/xml";
        out.body = "<GetCallerIdentityResponse xmlns=\"" + std::string(sts_namespace) + "\">\n";
        out.body.append("  <GetCallerIdentityResult>\n    <Arn>").append(xml_escape(who.arn));
        out.body.append("</Arn>\n    <UserId>").append(xml_escape(who.user_id));
        out.body.append("</UserId>\n    <Account>").append(who.account);
        out.body.append("</Account>\n  </GetCallerIdentityResult>\n");
        response_metadata(out.body, out.request_id);
        out.body.append("</GetCallerIdentityResponse>\n");
        return;
    }
    if (action != "AssumeRole") {
        sts_error(out, 400, "InvalidAction",
                  "Could not find operation " + action + " for version " + version);
        return;
    }
    const std::string role_arn = form_value(request.body, "RoleArn");
    const std::string session = form_value(request.body, "RoleSessionName");
    if (!form_has(request.body, "RoleArn") || !form_has(request.body, "RoleSessionName")) {
        sts_error(out, 400, "ValidationError",
                  std::string("1 validation error detected: Value null at '") +
                      (form_has(request.body, "RoleArn") ? "roleSessionName" : "roleArn") +
                      "' failed to satisfy constraint: Member must not be null");
        return;
    }
    if (!valid_session_name(session)) {
        sts_error(out, 400, "ValidationError",
                  "1 validation error detected: Value '" + session +
                      "' at 'roleSessionName' failed to satisfy constraint: Member must have "
                      "length between 2 and 64 and match [\\w+=,.@-]*");
        return;
    }
    const auto denied = [&] {
        sts_error(out, 403, "AccessDenied",
                  "User: " + who.arn +
                      " is not authorized to perform: sts:AssumeRole on resource: " + role_arn);
    };
    // arn:aws:iam::<12 digits>:role/<name>
    if (!role_arn.starts_with(role_arn_prefix) ||
        role_arn.size() < role_arn_prefix.size() + account_id_length + 6 ||
        role_arn.compare(role_arn_prefix.size() + account_id_length, 6, ":role/") != 0) {
        denied();
        return;
    }
    const std::string account = role_arn.substr(role_arn_prefix.size(), account_id_length);
    const std::string role_name = role_arn.substr(role_arn_prefix.size() + account_id_length + 6);
    const account_info* target = org_.find_account(account);
    if (target == nullptr || target->status != "ACTIVE" || role_name.empty() ||
        (!options_.role_name.empty() && role_name != options_.role_name) ||
        (!options_.external_id.empty() &&
         form_value(request.body, "ExternalId") != options_.external_id)) {
        denied();
        return;
    }
    const auto now = std::chrono::floor<std::chrono::seconds>(request.now);
    const auto creds =
        issuer_.issue(account, role_name + "/" + session, now + options_.credentials_ttl);
    const std::string assumed_arn =
        "arn:aws:sts::" + account + ":assumed-role/" + role_name + "/" + session;
    out.status = 200;
    out.content_type = "text/xml";
    out.body = "<AssumeRoleResponse xmlns=\"" + std::string(sts_namespace) + "\">\n";
    out.body.append("  <AssumeRoleResult>\n    <AssumedRoleUser>\n      <AssumedRoleId>AROA");
    out.body.append(creds.access_key_id.substr(4)).append(":").append(xml_escape(session));
    out.body.append("</AssumedRoleId>\n      <Arn>").append(xml_escape(assumed_arn));
    out.body.append("</Arn>\n    </AssumedRoleUser>\n    <Credentials>\n      <AccessKeyId>");
    out.body.append(creds.access_key_id).append("</AccessKeyId>\n      <SecretAccessKey>");
    out.body.append(creds.secret_access_key).append("</SecretAccessKey>\n      <SessionToken>");
    out.body.append(creds.session_token).append("</SessionToken>\n      <Expiration>");
    out.body.append(iso8601_seconds(creds.expiration));
    out.body.append("</Expiration>\n    </Credentials>\n  </AssumeRoleResult>\n");
    response_metadata(out.body, out.request_id);
    out.body.append("</AssumeRoleResponse>\n");
}

} // namespace glue_sim
