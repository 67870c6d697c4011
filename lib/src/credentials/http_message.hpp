// The HTTP exchanges of the credential providers' sans-I/O cores: the request a core wants
// sent, and what came back (an answer, or a transport failure). The I/O layer maps these to
// Beast messages; the cores and their tests never see a socket.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace glue_inventory::creds {

struct http_header {
    std::string name;
    std::string value;
};

/// A request to `target` ("/latest/api/token", "/credentials?a=1") of the core's endpoint.
struct http_request {
    std::string method; // "GET", "PUT", "POST"
    std::string target;
    std::vector<http_header> headers; // beyond Host and User-Agent, which the I/O layer adds
    std::string body;

    /// The value of header `name` (case-insensitive), or nullptr.
    const std::string* header(std::string_view name) const;
};

struct http_answer {
    unsigned status = 0;
    std::vector<http_header> headers;
    std::string body;

    const std::string* header(std::string_view name) const;
};

/// Why no answer came: the I/O layer's description ("connection refused", "timed out after
/// 1000 ms"). Never contains a header or a body.
struct transport_failure {
    std::string reason;
};

/// What one exchange gave: an answer, or a transport failure.
struct http_outcome {
    std::optional<http_answer> answer;
    transport_failure failure; // meaningful when !answer

    static http_outcome of(http_answer a) { return {std::move(a), {}}; }
    static http_outcome failed(std::string reason) { return {std::nullopt, {std::move(reason)}}; }
};

} // namespace glue_inventory::creds
