#include "protocol/aws_error.hpp"

#include <algorithm>
#include <array>
#include <pugixml.hpp>
#include <simdjson.h>
#include <string>

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
    std::string type;       // JSON "__type"
    std::string code;       // JSON "code", "Code", Error.Code; XML <Error><Code>
    std::string message;    // JSON "message", else "Message", else Error.Message; XML <Message>
    std::string request_id; // XML <RequestId> / <RequestID>
};

std::string_view first_non_space(std::string_view s) {
    while (!s.empty() &&
           (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
        s.remove_prefix(1);
    }
    return s;
}

// {"Code":..,"Message":..}: the Error object some query-compatible services nest their code in.
void read_json_error_object(sj::value value, std::string& code, std::string& message) {
    sj::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS) {
        return;
    }
    for (auto field_result : object) {
        sj::field field;
        std::string_view key;
        std::string_view text;
        if (std::move(field_result).get(field) != simdjson::SUCCESS ||
            field.unescaped_key().get(key) != simdjson::SUCCESS) {
            return;
        }
        if ((key == "Code" || key == "Message") &&
            field.value().get_string().get(text) == simdjson::SUCCESS) {
            (key == "Code" ? code : message).assign(text);
        }
    }
}

// Reads the members a JSON error body may carry. Best effort: whatever was read before a
// malformed part is kept.
void read_json_body(std::string_view body, body_fields& fields) {
    const simdjson::padded_string padded{body};
    sj::parser parser;
    sj::document doc;
    sj::object root;
    if (parser.iterate(padded).get(doc) != simdjson::SUCCESS ||
        doc.get_object().get(root) != simdjson::SUCCESS) {
        return;
    }
    std::string lower_code;
    std::string upper_code;
    std::string nested_code;
    std::string lower_message;
    std::string upper_message;
    std::string nested_message;
    for (auto field_result : root) {
        sj::field field;
        std::string_view key;
        std::string_view value;
        if (std::move(field_result).get(field) != simdjson::SUCCESS ||
            field.unescaped_key().get(key) != simdjson::SUCCESS) {
            break;
        }
        if (key == "Error") {
            read_json_error_object(field.value(), nested_code, nested_message);
            continue;
        }
        if (key != "__type" && key != "code" && key != "Code" && key != "message" &&
            key != "Message") {
            continue;
        }
        if (field.value().get_string().get(value) != simdjson::SUCCESS) {
            continue;
        }
        if (key == "__type") {
            fields.type.assign(value);
        } else if (key == "code") {
            lower_code.assign(value);
        } else if (key == "Code") {
            upper_code.assign(value);
        } else if (key == "message") {
            lower_message.assign(value);
        } else {
            upper_message.assign(value);
        }
    }
    fields.code = !lower_code.empty()   ? std::move(lower_code)
                  : !upper_code.empty() ? std::move(upper_code)
                                        : std::move(nested_code);
    fields.message = !lower_message.empty()   ? std::move(lower_message)
                     : !upper_message.empty() ? std::move(upper_message)
                                              : std::move(nested_message);
}

bool is_named(pugi::xml_node node, std::string_view name) {
    return node.type() == pugi::node_element && name == node.name();
}

// Reads an XML error body: the first <Error> element, at any depth, that has a <Code>. pugixml
// keeps the elements read before a syntax error, so a truncated body still gives its code.
void read_xml_body(std::string_view body, body_fields& fields) {
    pugi::xml_document doc;
    // The parse result is ignored on purpose: a partial tree is still worth searching.
    static_cast<void>(doc.load_buffer(body.data(), body.size()));
    const pugi::xml_node error = doc.find_node(
        [](pugi::xml_node node) { return is_named(node, "Error") && node.child("Code"); });
    if (error) {
        fields.code = error.child_value("Code");
        fields.message = error.child_value("Message");
    }
    const pugi::xml_node request_id = doc.find_node([](pugi::xml_node node) {
        return is_named(node, "RequestId") || is_named(node, "RequestID");
    });
    fields.request_id = request_id.child_value();
}

// Reads the body in the format its first character announces, whatever the protocol: servers
// and proxies in front of a JSON API may answer in XML or HTML.
body_fields read_body(std::string_view body) {
    body_fields fields;
    const std::string_view start = first_non_space(body);
    if (start.starts_with('{')) {
        read_json_body(body, fields);
    } else if (start.starts_with('<')) {
        read_xml_body(body, fields);
    }
    return fields;
}

// The length of the UTF-8 sequence a lead byte announces; 0 for a byte that cannot start one.
std::size_t announced_length(unsigned char lead) {
    if (lead >= 0xC2 && lead <= 0xDF) {
        return 2;
    }
    if (lead >= 0xE0 && lead <= 0xEF) {
        return 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        return 4;
    }
    return 0;
}

// The characters that end a URL in running text (HTML, XML, JSON, a log line): what lies
// between "://" and the last '@' before one of them is taken for user information. Ending
// late only redacts more.
bool ends_url(unsigned char c) {
    return c <= 0x20 || c == 0x7F || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`';
}

constexpr std::string_view scheme_end = "://";

// The length of the scheme separator at text[i]: "://", or ":\/\/" as JSON writers that escape
// slashes send it; 0 when there is none.
std::size_t scheme_separator_at(std::string_view text, std::size_t i) {
    if (text.compare(i, scheme_end.size(), scheme_end) == 0) {
        return scheme_end.size();
    }
    if (text.compare(i, 5, R"(:\/\/)") == 0) {
        return 5;
    }
    return 0;
}

// How far past "://" a URL is followed to its end: a hostile body of one endless token must
// not make each of the excerpt's URLs a scan of the whole body.
constexpr std::size_t url_scan_limit = 4096;

// Where the user information of a URL whose "://" ends at `authority` ends: the position of
// its '@', npos when the URL has none, or text.size() when the URL runs past url_scan_limit
// (then all of its rest is taken for user information).
std::size_t userinfo_end(std::string_view text, std::size_t authority) {
    const std::size_t last = std::min(text.size(), authority + url_scan_limit);
    std::size_t end = authority;
    while (end < last && !ends_url(static_cast<unsigned char>(text[end]))) {
        ++end;
    }
    if (end == last && last < text.size()) {
        return text.size();
    }
    const auto at = text.substr(authority, end - authority).rfind('@');
    return at == std::string_view::npos ? std::string_view::npos : authority + at;
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
                          std::string_view body, std::string_view content_type) {
    body_fields fields = read_body(body);
    aws_error error;
    // The header's code wins, but a header that holds no code once cleaned (a bare "#", a
    // namespace alone) must not hide the body's.
    error.code.assign(sanitize_code(x_amzn_error_type));
    if (error.code.empty()) {
        error.code.assign(
            sanitize_code(!fields.type.empty() ? std::string_view{fields.type} : fields.code));
    }
    // The server's message is passed on whole, but not a password inside a URL it quotes.
    error.message = without_url_userinfo(fields.message);
    error.request_id = std::move(fields.request_id);
    error.kind = classify_error(http_status, error.code);
    if (error.code.empty() && !first_non_space(body).empty()) {
        // Without a code, the server's own words are all the user has to go on.
        if (!error.message.empty()) {
            error.message += "; ";
        }
        error.message += unreadable_body_note(content_type, body);
    }
    return error;
}

std::string without_url_userinfo(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t separator = scheme_separator_at(text, i);
        const std::size_t at =
            separator == 0 ? std::string_view::npos : userinfo_end(text, i + separator);
        if (at == std::string_view::npos) {
            out += text[i];
            ++i;
            continue;
        }
        out.append(scheme_end).append(redaction);
        if (at == text.size()) {
            break; // a URL too long to follow: the rest of it is not shown
        }
        out += '@';
        i = at + 1;
    }
    return out;
}

std::string redacted_excerpt(std::string_view text, std::size_t limit) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    bool cut = false;
    std::size_t i = 0;
    while (i < text.size()) {
        if (const std::size_t separator = scheme_separator_at(text, i); separator != 0) {
            const std::size_t authority = i + separator;
            if (const auto at = userinfo_end(text, authority); at != std::string_view::npos) {
                if (out.size() + scheme_end.size() + redaction.size() + 1 > limit) {
                    cut = true;
                    break;
                }
                out.append(scheme_end).append(redaction);
                if (at == text.size()) {
                    cut = true; // a URL too long to follow: none of it is shown
                    break;
                }
                out += '@';
                i = at + 1;
                continue;
            }
        }
        const auto c = static_cast<unsigned char>(text[i]);
        char piece[4];
        std::size_t piece_size = 0;
        std::size_t consumed = 1;
        if (c == '\\') {
            piece[0] = '\\';
            piece[1] = '\\';
            piece_size = 2;
        } else if (c == '\n' || c == '\r' || c == '\t') {
            piece[0] = '\\';
            piece[1] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
            piece_size = 2;
        } else if (c >= 0x20 && c < 0x7F) {
            piece[0] = static_cast<char>(c);
            piece_size = 1;
        } else {
            const std::size_t length = announced_length(c);
            if (length != 0 && text.size() - i >= length &&
                simdjson::validate_utf8(text.data() + i, length)) {
                std::copy_n(text.data() + i, length, piece);
                piece_size = length;
                consumed = length;
            } else {
                // A control character, DEL, or a byte that is not UTF-8: its value, visibly.
                piece[0] = '\\';
                piece[1] = 'x';
                piece[2] = hex[c >> 4U];
                piece[3] = hex[c & 0xFU];
                piece_size = 4;
            }
        }
        if (out.size() + piece_size > limit) {
            cut = true;
            break;
        }
        out.append(piece, piece_size);
        i += consumed;
    }
    if (cut) {
        out += "...";
    }
    return out;
}

namespace {

void replace_all(std::string& text, std::string_view secret) {
    for (auto at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + redaction.size())) {
        text.replace(at, secret.size(), redaction);
    }
}

} // namespace

std::string without_secrets(std::string_view text,
                            std::initializer_list<std::string_view> secrets) {
    std::string out(text);
    for (const std::string_view secret : secrets) {
        if (secret.empty()) {
            continue;
        }
        replace_all(out, secret);
        if (secret.find('/') != std::string_view::npos) {
            // Base64 secrets hold '/', which some JSON writers send as "\/".
            std::string escaped;
            for (const char c : secret) {
                if (c == '/') {
                    escaped += '\\';
                }
                escaped += c;
            }
            replace_all(out, escaped);
        }
    }
    return out;
}

std::string unreadable_body_note(std::string_view content_type, std::string_view body) {
    std::string note = "the error body could not be read (Content-Type: ";
    note += content_type.empty() ? std::string("none") : redacted_excerpt(content_type);
    note += ", ";
    note += std::to_string(body.size());
    note += body.size() == 1 ? " byte): " : " bytes): ";
    note += redacted_excerpt(body);
    return note;
}

} // namespace glue_inventory::protocol
