// credential_process output. Properties: an accepted output has both keys; written back as JSON
// (with the expiry in ISO 8601) it parses to the same credentials; a rejected one's message
// is one of its fixed sentences (so it never quotes the secret key or the session token).
#include "credentials/process_output.hpp"
#include "fuzz_check.hpp"
#include "protocol/json_string.hpp"
#include "protocol/timestamp_text.hpp" // write_iso8601

#include <string>

using namespace glue_inventory;

namespace {

bool same(const credentials& a, const credentials& b) {
    return a.access_key_id == b.access_key_id && a.secret_access_key == b.secret_access_key &&
           a.session_token == b.session_token && a.expiration == b.expiration;
}

// Every message the parser gives: none carries a byte of the output, so none can quote a secret.
bool is_known_message(std::string_view m) {
    for (std::string_view known : {
             "credential_process: the output is not a JSON object",
             "credential_process: \"Version\" must be 1",
             "credential_process: \"AccessKeyId\" is missing",
             "credential_process: \"SecretAccessKey\" is missing",
             "credential_process: \"SessionToken\" is not a string",
             "credential_process: \"Expiration\" is not an ISO 8601 time",
         }) {
        if (m == known) {
            return true;
        }
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto text = fuzz::as_text(data, size);
    const auto parsed = creds::parse_process_output(text);
    if (!parsed) {
        FUZZ_CHECK(is_known_message(parsed.error().message));
        return 0;
    }
    FUZZ_CHECK(!parsed->access_key_id.empty() && !parsed->secret_access_key.empty());

    const auto millis =
        parsed->expiration
            ? std::chrono::time_point_cast<std::chrono::milliseconds>(*parsed->expiration)
            : timestamp{};
    if (parsed->expiration &&
        (millis.time_since_epoch().count() < protocol::min_timestamp_millis ||
         millis.time_since_epoch().count() > protocol::max_timestamp_millis)) {
        return 0; // an offset moved it out of the years ISO 8601 writes with four digits
    }
    std::string written = R"({"Version":1,"AccessKeyId":)";
    protocol::write_json_string(parsed->access_key_id, written);
    written += R"(,"SecretAccessKey":)";
    protocol::write_json_string(parsed->secret_access_key, written);
    written += R"(,"SessionToken":)";
    protocol::write_json_string(parsed->session_token, written);
    if (parsed->expiration) {
        written += R"(,"Expiration":")";
        protocol::write_iso8601(millis, written);
        written += '"';
    }
    written += '}';
    const auto again = creds::parse_process_output(written);
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(same(*again, *parsed));
    return 0;
}
