#include "credentials/process_output.hpp"

#include "credentials/timestamp.hpp"

#include <simdjson.h>

namespace glue_inventory::creds {

config_result<credentials> parse_process_output(std::string_view json) {
    simdjson::dom::parser parser;
    simdjson::dom::object root;
    if (parser.parse(json.data(), json.size()).get_object().get(root) != simdjson::SUCCESS) {
        return config_error{"credential_process: the output is not a JSON object"};
    }
    std::int64_t version = 0;
    if (root["Version"].get_int64().get(version) != simdjson::SUCCESS || version != 1) {
        return config_error{"credential_process: \"Version\" must be 1"};
    }
    credentials out;
    std::string_view text;
    if (root["AccessKeyId"].get_string().get(text) != simdjson::SUCCESS || text.empty()) {
        return config_error{"credential_process: \"AccessKeyId\" is missing"};
    }
    out.access_key_id = std::string(text);
    if (root["SecretAccessKey"].get_string().get(text) != simdjson::SUCCESS || text.empty()) {
        return config_error{"credential_process: \"SecretAccessKey\" is missing"};
    }
    out.secret_access_key = std::string(text);
    auto token = root["SessionToken"];
    if (token.error() == simdjson::SUCCESS) {
        if (token.get_string().get(text) != simdjson::SUCCESS) {
            return config_error{"credential_process: \"SessionToken\" is not a string"};
        }
        out.session_token = std::string(text);
    }
    auto expiration = root["Expiration"];
    if (expiration.error() == simdjson::SUCCESS) {
        std::optional<std::chrono::sys_seconds> when;
        if (expiration.get_string().get(text) != simdjson::SUCCESS ||
            !(when = parse_iso8601(text))) {
            return config_error{"credential_process: \"Expiration\" is not an ISO 8601 time"};
        }
        out.expiration = *when;
    }
    return out;
}

} // namespace glue_inventory::creds
