// The STS query protocol: the XML answers of AssumeRole, GetCallerIdentity and errors, and the
// percent-encoding of request bodies. Properties:
// - an accepted AssumeRole answer has every key and an expiry; GetCallerIdentity its Account
//   and Arn;
// - a rejected answer's message never quotes the secret key or the session token it held;
// - percent_encode keeps only RFC 3986 unreserved bytes and %XX, and decodes back to its input;
// - is_account_id and is_role_session_name agree with their definitions.
#include "credentials/sts_query.hpp"
#include "fuzz_check.hpp"

#include <pugixml.hpp>
#include <sstream>
#include <string>

using namespace glue_inventory;

namespace {

bool unreserved(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1; // lower-case hex is not what botocore writes
}

// Percent-decodes `text`; false when it holds anything but unreserved bytes and %XX.
bool decode(std::string_view text, std::string& out) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (unreserved(text[i])) {
            out += text[i];
            continue;
        }
        if (text[i] != '%' || i + 2 >= text.size() || hex_value(text[i + 1]) < 0 ||
            hex_value(text[i + 2]) < 0) {
            return false;
        }
        out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
        i += 2;
    }
    return true;
}

// The answer with the text of every SecretAccessKey and SessionToken element replaced by a
// marker no other text holds ("" when the body is not XML, or when the marker also stands
// elsewhere in the saved answer). Those texts decide nothing but
// their presence, so a message about the marked answer that shows the marker quotes a secret.
constexpr const char* secret_marker = "SECRET-MARKER-7f3a";

std::size_t occurrences(std::string_view text, std::string_view what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

std::string marked(std::string_view body) {
    pugi::xml_document doc;
    if (!doc.load_buffer(body.data(), body.size())) {
        return {};
    }
    std::size_t marks = 0;
    for (const char* element : {"//SecretAccessKey", "//SessionToken"}) {
        for (const auto& found : doc.select_nodes(element)) {
            if (*found.node().child_value() != '\0') {
                found.node().text().set(secret_marker);
                ++marks;
            }
        }
    }
    std::ostringstream out;
    doc.save(out, "", pugi::format_raw);
    std::string text = std::move(out).str();
    // Saving can make the marker out of other text: pugixml drops a processing instruction
    // inside an element and joins the text on either side ("20S<?xml ...?>ECRET-MARKER-7f3a" in
    // an Expiration, the campaign's one finding in this target). Such an input proves nothing.
    if (occurrences(text, secret_marker) != marks) {
        return {};
    }
    return text;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto body = fuzz::as_text(data, size);

    if (auto role = creds::parse_assume_role_response(body)) {
        FUZZ_CHECK(!role->creds.access_key_id.empty());
        FUZZ_CHECK(!role->creds.secret_access_key.empty());
        FUZZ_CHECK(!role->creds.session_token.empty());
        FUZZ_CHECK(role->creds.expiration.has_value());
    } else {
        FUZZ_CHECK(!role.error().message.empty());
        // (The fuzzer learns the marker from the comparison below: an input holding it proves
        // nothing.)
        if (const auto text = marked(body);
            !text.empty() && body.find(secret_marker) == std::string_view::npos) {
            const auto again = creds::parse_assume_role_response(text);
            if (!again) {
                FUZZ_CHECK(again.error().message.find(secret_marker) == std::string::npos);
            }
        }
    }

    if (auto id = creds::parse_get_caller_identity_response(body)) {
        FUZZ_CHECK(!id->account.empty());
        FUZZ_CHECK(!id->arn.empty());
    } else {
        FUZZ_CHECK(!id.error().message.empty());
    }

    (void)creds::parse_sts_error(body);

    const std::string encoded = creds::percent_encode(body);
    std::string decoded;
    FUZZ_CHECK(decode(encoded, decoded));
    FUZZ_CHECK(decoded == body);

    bool twelve_digits = body.size() == 12;
    for (char c : body) {
        twelve_digits = twelve_digits && c >= '0' && c <= '9';
    }
    FUZZ_CHECK(creds::is_account_id(body) == twelve_digits);

    bool session_name = body.size() >= 2 && body.size() <= 64;
    for (char c : body) {
        session_name = session_name && (unreserved(c) || std::string_view("_+=,.@-").find(c) !=
                                                             std::string_view::npos);
    }
    // '~' is unreserved but not allowed in a RoleSessionName.
    session_name = session_name && body.find('~') == std::string_view::npos;
    FUZZ_CHECK(creds::is_role_session_name(body) == session_name);
    return 0;
}
