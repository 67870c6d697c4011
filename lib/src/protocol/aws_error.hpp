// AWS error answers (JSON 1.1 above all, and what else servers send): which error, what it
// says, what kind of failure it is.
// Classification lists and their sources (botocore retries/standard.py, aws-sdk-js-v3
// service-error-classification) are in aws_error.cpp.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

namespace glue_inventory::protocol {

/// The failure kinds the client acts on: the four errors GetConnections models, then the
/// classes every AWS SDK shares.
enum class error_kind {
    entity_not_found,  // EntityNotFoundException
    operation_timeout, // OperationTimeoutException
    invalid_input,     // InvalidInputException
    glue_encryption,   // GlueEncryptionException
    throttling,        // ThrottlingException, Throttling, TooManyRequestsException, ...
    transient,         // HTTP 500/502/503/504, RequestTimeout, PriorRequestNotComplete, ...
    access_denied, // AccessDeniedException, UnrecognizedClientException, InvalidSignatureException,
                   // ...
    other,
};

struct aws_error {
    std::string code; // "ThrottlingException": namespace before '#' and anything after ':' removed
    std::string message; // from "message" or "Message" (or <Message>); may be empty. When no code
                         // could be found, ends with what the body was (unreadable_body_note).
    std::string request_id; // from an XML body's <RequestId> (the query protocol sends it there)
    error_kind kind = error_kind::other;
};

/// What stands in place of a secret or of a URL's user information in a message.
inline constexpr std::string_view redaction = "***";

/// The most bytes of an error body that a message quotes when no error code could be read
/// from it: a proxy's HTML title or the start of an unknown format, still one short log line.
inline constexpr std::size_t body_excerpt_limit = 200;

/// Reads an error answer, tolerantly: the body's format is not trusted to match the protocol
/// (emulators and proxies answer JSON calls in XML or HTML). The code comes from the
/// x-amzn-ErrorType header when present, else from a JSON body's "__type", "code" or "Code"
/// (or those of an "Error" object), else from an XML body's first <Error> that has a <Code>
/// (<ErrorResponse><Error> of STS and the query protocol, <ErrorResponse><Errors><Error> of
/// moto and EC2, <Error> of S3). When none gives a code and the body is not empty, the message
/// ends with unreadable_body_note(content_type, body). Never fails: an unreadable body gives an
/// empty code, classified from the HTTP status alone.
aws_error parse_aws_error(unsigned http_status, std::string_view x_amzn_error_type,
                          std::string_view body, std::string_view content_type = {});

/// `text` with the user information of anything that looks like a URL
/// ("scheme://user:password@host", also with "\/" for '/') replaced by `redaction`; a URL that
/// runs on for more than 4 KiB is cut there. Used on every message read from an error body.
std::string without_url_userinfo(std::string_view text);

/// At most `limit` bytes of `text` (an error body, a URL from the user) fit for a one-line
/// message: cut on a UTF-8 character boundary; control characters, DEL and bytes that are not
/// UTF-8 escaped (\n, \r, \t, \xHH) and backslashes doubled, so the excerpt is one line that
/// says exactly which bytes came; URL user information removed as without_url_userinfo does,
/// before cutting, so not even its start shows. Followed by "..." when cut.
std::string redacted_excerpt(std::string_view text, std::size_t limit = body_excerpt_limit);

/// `text` with every occurrence of each non-empty `secrets` value replaced by `redaction`.
/// For the secret key and session token a request was signed with: AWS quotes the canonical
/// request in a signature error's message (x-amz-security-token is a signed header), and a
/// proxy may echo the request's headers in its error page; neither may reach a log.
std::string without_secrets(std::string_view text, std::initializer_list<std::string_view> secrets);

/// "the error body could not be read (Content-Type: text/html, 1234 bytes): <excerpt>": what
/// parse_aws_error adds to a message when it found no code.
std::string unreadable_body_note(std::string_view content_type, std::string_view body);

/// The classification alone, for codes that did not come from a JSON body (STS's XML errors).
error_kind classify_error(unsigned http_status, std::string_view code);

} // namespace glue_inventory::protocol
