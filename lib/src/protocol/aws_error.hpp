// AWS JSON 1.1 error answers: which error, what it says, what kind of failure it is.
// Classification lists and their sources (botocore retries/standard.py, aws-sdk-js-v3
// service-error-classification) are in aws_error.cpp.
#pragma once

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
    std::string message; // from "message" or "Message"; may be empty
    error_kind kind = error_kind::other;
};

/// Reads an error answer. The code comes from the x-amzn-ErrorType header when present, else
/// from "__type", else from "code" in the body. Never fails: an unreadable body gives an empty
/// code, classified from the HTTP status alone.
aws_error parse_aws_error(unsigned http_status, std::string_view x_amzn_error_type,
                          std::string_view body);

/// The classification alone, for codes that did not come from a JSON body (STS's XML errors).
error_kind classify_error(unsigned http_status, std::string_view code);

} // namespace glue_inventory::protocol
