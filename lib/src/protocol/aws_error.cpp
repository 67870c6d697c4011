#include "protocol/aws_error.hpp"

#include <algorithm>
#include <array>
#include <simdjson.h>

namespace glue_inventory::protocol {
namespace {

namespace sj = simdjson::ondemand;

// The error codes every AWS SDK retries as throttling: botocore
// botocore/retries/standard.py (_THROTTLED_ERROR_CODES, "Throttling Errors" of the retry spec),
// the same list as aws-sdk-js-v3 packages/service-error-classification/src/constants.ts
// (THROTTLING_ERROR_CODES) and aws-sdk-rust's aws-runtime retries classifiers
// (THROTTLING_ERRORS). The JS list also counts PriorRequestNotComplete as throttling; botocore
// counts it transient, and so do we.
constexpr std::array<std::string_view, 13> throttling_codes = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "EC2ThrottledException",
};

// botocore/retries/standard.py _TRANSIENT_ERROR_CODES; aws-sdk-js-v3 TRANSIENT_ERROR_CODES.
constexpr std::array<std::string_view, 3> transient_codes = {
    "RequestTimeout",
    "RequestTimeoutException",
    "PriorRequestNotComplete",
};

// Server-side faults that are transient only when the status says so (a 5xx): Glue models
// InternalServiceException as a fault; InternalFailure and ServiceUnavailable are the codes the
// AWS JSON protocols share.
constexpr std::array<std::string_view, 3> fault_codes = {
    "InternalServiceException",
    "InternalFailure",
    "ServiceUnavailable",
};

// botocore/retries/standard.py _TRANSIENT_STATUS_CODES.
constexpr std::array<unsigned, 4> transient_statuses = {500, 502, 503, 504};

// Credentials that are wrong, expired or not allowed: retrying cannot help.
constexpr std::array<std::string_view, 8> access_denied_codes = {
    "AccessDeniedException",     "AccessDenied",          "UnrecognizedClientException",
    "InvalidSignatureException", "ExpiredTokenException", "InvalidClientTokenId",
    "SignatureDoesNotMatch",     "IncompleteSignature",
};

// HTTP 429 Too Many Requests without a code to say more.
constexpr unsigned too_many_requests = 429;

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view code) {
    return std::find(list.begin(), list.end(), code) != list.end();
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

// "aws.protocoltests.restjson#FooError:http://internal.amazon.com/..." -> "FooError": what
// follows the first ':' is a URI, what precedes the last '#' a namespace.
std::string_view sanitize_code(std::string_view raw) {
    std::string_view code = trim(raw);
    if (const auto colon = code.find(':'); colon != std::string_view::npos) {
        code = code.substr(0, colon);
    }
    if (const auto hash = code.rfind('#'); hash != std::string_view::npos) {
        code = code.substr(hash + 1);
    }
    return trim(code);
}

struct body_fields {
    std::string type;    // "__type"
    std::string code;    // "code"
    std::string message; // "message", else "Message"
};

// Reads the top-level members an error body may carry. Best effort: whatever was read before
// a malformed part is kept.
body_fields read_body(std::string_view body) {
    body_fields fields;
    if (trim(body).empty()) {
        return fields;
    }
    const simdjson::padded_string padded{body};
    sj::parser parser;
    sj::document doc;
    sj::object root;
    if (parser.iterate(padded).get(doc) != simdjson::SUCCESS ||
        doc.get_object().get(root) != simdjson::SUCCESS) {
        return fields;
    }
    std::string lower_message;
    std::string upper_message;
    for (auto field_result : root) {
        sj::field field;
        std::string_view key;
        std::string_view value;
        if (std::move(field_result).get(field) != simdjson::SUCCESS ||
            field.unescaped_key().get(key) != simdjson::SUCCESS) {
            break;
        }
        if (key != "__type" && key != "code" && key != "message" && key != "Message") {
            continue;
        }
        if (field.value().get_string().get(value) != simdjson::SUCCESS) {
            continue;
        }
        if (key == "__type") {
            fields.type.assign(value);
        } else if (key == "code") {
            fields.code.assign(value);
        } else if (key == "message") {
            lower_message.assign(value);
        } else {
            upper_message.assign(value);
        }
    }
    fields.message = !lower_message.empty() ? std::move(lower_message) : std::move(upper_message);
    return fields;
}

} // namespace

error_kind classify_error(unsigned http_status, std::string_view code) {
    if (contains(throttling_codes, code)) {
        return error_kind::throttling;
    }
    if (code == "EntityNotFoundException") {
        return error_kind::entity_not_found;
    }
    if (code == "OperationTimeoutException") {
        return error_kind::operation_timeout;
    }
    if (code == "InvalidInputException") {
        return error_kind::invalid_input;
    }
    if (code == "GlueEncryptionException") {
        return error_kind::glue_encryption;
    }
    if (contains(access_denied_codes, code)) {
        return error_kind::access_denied;
    }
    if (contains(transient_codes, code)) {
        return error_kind::transient;
    }
    const bool transient_status = std::find(transient_statuses.begin(), transient_statuses.end(),
                                            http_status) != transient_statuses.end();
    if (transient_status && (code.empty() || contains(fault_codes, code))) {
        return error_kind::transient;
    }
    if (code.empty() && http_status == too_many_requests) {
        return error_kind::throttling;
    }
    if (transient_status) {
        // A 5xx with a code we do not know: the SDKs retry on the status alone.
        return error_kind::transient;
    }
    return error_kind::other;
}

aws_error parse_aws_error(unsigned http_status, std::string_view x_amzn_error_type,
                          std::string_view body) {
    body_fields fields = read_body(body);
    std::string_view raw_code = x_amzn_error_type;
    if (trim(raw_code).empty()) {
        raw_code = !fields.type.empty() ? std::string_view{fields.type} : fields.code;
    }
    aws_error error;
    error.code.assign(sanitize_code(raw_code));
    error.message = std::move(fields.message);
    error.kind = classify_error(http_status, error.code);
    return error;
}

} // namespace glue_inventory::protocol
