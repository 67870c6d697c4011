// Errors: a boost::system::error_code in the glue_inventory category, plus a diagnostics value
// that keeps what the server said (AWS error code, message, HTTP status, request id) apart from
// what the client knows (attempts made). Neither ever carries a secret.
#pragma once

#include <boost/system/error_code.hpp>
#include <glue_inventory/export.hpp>
#include <string>
#include <type_traits>

namespace glue_inventory {

enum class errc {
    // The service answered with an error (diagnostics::aws_error_code says which).
    entity_not_found = 1, // EntityNotFoundException: unknown catalog
    invalid_input,        // InvalidInputException, ValidationException
    operation_timeout,    // OperationTimeoutException
    glue_encryption,      // GlueEncryptionException
    access_denied,        // AccessDeniedException, UnrecognizedClientException, signature errors
    throttled,            // throttling, after the last allowed attempt
    service_unavailable,  // 5xx and other transient errors, after the last allowed attempt
    service_error,        // any other error the service returned
    // The client could not get a usable answer.
    invalid_response,        // malformed JSON, wrong types, trailing content
    body_too_large,          // the response body exceeded http_options::max_body_bytes
    repeated_next_token,     // the server returned a NextToken it had already returned
    timeout,                 // a client-side timeout (connect, handshake, request)
    connection_failed,       // DNS, TCP, TLS or a connection dropped mid-answer
    credentials_unavailable, // no provider in the chain could produce credentials
    endpoint_unresolved,     // the endpoint rules produced an error (unknown region, bad URL)
    invalid_argument,        // a bad option or request built by the caller
    cancelled,               // the operation was cancelled by the caller
    // The client failed inside an operation: an exception was thrown there (std::bad_alloc, or
    // one thrown by the caller's client_options::env). Reported as this value rather than
    // rethrown into the io_context, whose other work it would stop; diagnostics::message holds
    // the exception's what().
    internal_error,
};

/// The category of errc values; name() is "glue_inventory".
GLUE_INVENTORY_API const boost::system::error_category& error_category() noexcept;

inline boost::system::error_code make_error_code(errc e) noexcept {
    return {static_cast<int>(e), error_category()};
}

/// What is known about a failure beyond its error_code.
struct diagnostics {
    std::string aws_error_code; // e.g. "ThrottlingException"; empty for client-side errors
    std::string message;        // the server's message, else the client's explanation
    unsigned http_status = 0;   // 0 when no HTTP answer was received
    std::string request_id;     // x-amzn-RequestId, when the server sent one
    int attempts = 0;           // requests sent for this call, retries included
};

} // namespace glue_inventory

namespace boost::system {
template <>
struct is_error_code_enum<glue_inventory::errc> : std::true_type {};
} // namespace boost::system
