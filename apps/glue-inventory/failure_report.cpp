#include "failure_report.hpp"

#include <glue_inventory/record_values.hpp> // write_json_string

namespace glue_cli {

namespace {

std::string_view client_error_name(const boost::system::error_code& ec) {
    using glue_inventory::errc;
    if (ec.category() != glue_inventory::error_category()) {
        return "ClientError";
    }
    switch (static_cast<errc>(ec.value())) {
    case errc::entity_not_found:
        return "EntityNotFoundException";
    case errc::invalid_input:
        return "InvalidInputException";
    case errc::operation_timeout:
        return "OperationTimeoutException";
    case errc::glue_encryption:
        return "GlueEncryptionException";
    case errc::access_denied:
        return "AccessDeniedException";
    case errc::throttled:
        return "Throttled";
    case errc::service_unavailable:
        return "ServiceUnavailable";
    case errc::service_error:
        return "ServiceError";
    case errc::invalid_response:
        return "InvalidResponse";
    case errc::body_too_large:
        return "BodyTooLarge";
    case errc::repeated_next_token:
        return "RepeatedNextToken";
    case errc::timeout:
        return "Timeout";
    case errc::connection_failed:
        return "ConnectionFailed";
    case errc::credentials_unavailable:
        return "CredentialsUnavailable";
    case errc::endpoint_unresolved:
        return "EndpointUnresolved";
    case errc::invalid_argument:
        return "InvalidArgument";
    case errc::cancelled:
        return "Cancelled";
    case errc::internal_error:
        return "InternalError";
    }
    return "ClientError";
}

std::string message_of(const target_failure& f) {
    return f.diag.message.empty() ? f.error.message() : f.diag.message;
}

} // namespace

void append_one_line(std::string_view text, std::string& out) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        const std::string_view next3 = text.substr(i, 3);
        if (byte == 0xE2U && (next3 == "\xE2\x80\xA8" || next3 == "\xE2\x80\xA9")) {
            out += ' ';
            i += 2;
        } else {
            out += (byte < 0x20U || byte == 0x7FU) ? ' ' : text[i];
        }
    }
}

std::string error_code_name(const target_failure& f) {
    if (!f.diag.aws_error_code.empty()) {
        return f.diag.aws_error_code;
    }
    return std::string(client_error_name(f.error));
}

void write_failure_ndjson(const target_failure& f, std::string& out) {
    using glue_inventory::write_json_string;
    out += "{\"AccountId\":";
    write_json_string(f.target.account_id, out);
    out += ",\"Region\":";
    write_json_string(f.target.region, out);
    out += ",\"CatalogId\":";
    write_json_string(f.target.catalog(), out);
    out += ",\"ErrorCode\":";
    write_json_string(error_code_name(f), out);
    out += ",\"Message\":";
    write_json_string(message_of(f), out);
    out += ",\"HttpStatus\":" + std::to_string(f.diag.http_status);
    out += ",\"RequestId\":";
    write_json_string(f.diag.request_id, out);
    out += ",\"Attempts\":" + std::to_string(f.diag.attempts);
    out += ",\"PagesDone\":" + std::to_string(f.pages_done);
    out += "}\n";
}

void write_failure_text(const target_failure& f, std::string& out) {
    out += "glue-inventory: failed: account " + f.target.account_id + " region " + f.target.region +
           " catalog " + f.target.catalog() + ": " + error_code_name(f) + ": ";
    append_one_line(message_of(f), out);
    out += " (";
    if (f.diag.http_status != 0) {
        out += "HTTP " + std::to_string(f.diag.http_status) + ", ";
    }
    if (!f.diag.request_id.empty()) {
        out += "request id ";
        append_one_line(f.diag.request_id, out);
        out += ", ";
    }
    out += std::to_string(f.diag.attempts) + (f.diag.attempts == 1 ? " attempt, " : " attempts, ");
    out += std::to_string(f.pages_done) + (f.pages_done == 1 ? " page)\n" : " pages)\n");
}

} // namespace glue_cli
