// STS over the AWS query protocol (sts-2011-06-15): the AssumeRole and GetCallerIdentity
// request bodies, and their XML answers, success or error. Pure: no sockets, no clock.
//
// The body is application/x-www-form-urlencoded, each name and value percent-encoded as
// botocore's percent_encode does: RFC 3986 unreserved characters (A-Z a-z 0-9 - _ . ~) kept,
// every other byte as %XX with upper-case hex (so a space is %20, never '+').
#pragma once

#include <boost/system/result.hpp>
#include <chrono>
#include <glue_inventory/credentials.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace glue_inventory::creds {

/// The API version every STS query request names.
inline constexpr std::string_view sts_api_version = "2011-06-15";

/// RFC 3986 percent-encoding of one query name or value.
std::string percent_encode(std::string_view text);

struct assume_role_request {
    std::string role_arn;
    std::string role_session_name;
    std::optional<std::string> external_id;
    std::optional<std::chrono::seconds> duration;
};

/// "Action=AssumeRole&Version=2011-06-15&RoleArn=...&RoleSessionName=...[&ExternalId=...]
/// [&DurationSeconds=...]"
std::string assume_role_body(const assume_role_request& request);

struct assume_role_with_web_identity_request {
    std::string role_arn;
    std::string role_session_name;
    std::string web_identity_token; // a secret: the OIDC JWT
    std::optional<std::chrono::seconds> duration;
};

/// "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=...&RoleSessionName=...
/// &WebIdentityToken=...[&DurationSeconds=...]" (the order of the SDKs' recorded requests).
std::string
assume_role_with_web_identity_body(const assume_role_with_web_identity_request& request);

/// "Action=GetCallerIdentity&Version=2011-06-15"
std::string get_caller_identity_body();

/// AssumeRoleResult.
struct assumed_role {
    credentials creds; // with its expiration
    std::string arn;   // AssumedRoleUser/Arn: arn:aws:sts::123456789012:assumed-role/demo/x
    std::string assumed_role_id; // AssumedRoleUser/AssumedRoleId: AROA...:x
    std::string request_id;      // ResponseMetadata/RequestId, when present
};

/// GetCallerIdentityResult.
struct caller_identity {
    std::string account;
    std::string arn;
    std::string user_id;
    std::string request_id;
};

/// An STS error answer: ErrorResponse/Error/{Type, Code, Message} and ErrorResponse/RequestId.
struct sts_error {
    std::string type; // "Sender" or "Receiver"
    std::string code; // "AccessDenied", "ExpiredToken", "RegionDisabledException", ...
    std::string message;
    std::string request_id;
};

/// Why a 2xx answer could not be used. `message` names the missing or malformed element and
/// never quotes a secret or a token.
struct sts_parse_error {
    std::string message;
};

template <class T>
using sts_result = boost::system::result<T, sts_parse_error>;

/// Parses AssumeRoleResponse. Errors: not XML, wrong root, a missing AccessKeyId,
/// SecretAccessKey, SessionToken or Expiration, an Expiration that is not ISO 8601.
sts_result<assumed_role> parse_assume_role_response(std::string_view body);

/// Parses AssumeRoleWithWebIdentityResponse, with the same checks as AssumeRole's.
sts_result<assumed_role> parse_assume_role_with_web_identity_response(std::string_view body);

/// Parses GetCallerIdentityResponse. Errors: not XML, wrong root, a missing Account or Arn.
sts_result<caller_identity> parse_get_caller_identity_response(std::string_view body);

/// Parses an ErrorResponse; std::nullopt when the body is not one (an HTML page from a proxy,
/// an empty body), in which case the caller classifies by HTTP status alone.
std::optional<sts_error> parse_sts_error(std::string_view body);

/// "arn:<partition>:iam::<account>:role/<role_name>". role_name may carry an IAM path
/// ("ops/Auditor" gives ".../role/ops/Auditor").
std::string role_arn(std::string_view partition, std::string_view account,
                     std::string_view role_name);

/// True for an AWS account id: exactly 12 decimal digits.
bool is_account_id(std::string_view text) noexcept;

/// True for a RoleSessionName STS accepts: 2 to 64 of [A-Za-z0-9_+=,.@-].
bool is_role_session_name(std::string_view text) noexcept;

} // namespace glue_inventory::creds
