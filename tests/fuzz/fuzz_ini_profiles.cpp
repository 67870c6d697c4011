// The shared config / credentials INI parser and profile resolution. Input: the config file,
// a NUL byte, the credentials file. Properties:
// - parse_ini: an error names the source and a line; a document has trimmed, non-empty
//   section names and trimmed, non-empty, lower-case keys;
// - resolve_profile for every profile (and "default"): a plan or an error, never a crash or
//   an endless walk; a plan has at most one step per profile, a role ARN in each step, a
//   duration within STS's range, and non-empty static keys; an error never quotes a secret
//   key or session token of the files (checked with the secrets replaced by a marker).
#include "credentials/ini.hpp"
#include "credentials/profiles.hpp"
#include "fuzz_check.hpp"

#include <string>
#include <vector>

using namespace glue_inventory;

namespace {

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

bool trimmed(std::string_view s) {
    return s.empty() || (!is_blank(s.front()) && !is_blank(s.back()));
}

void check_document(const creds::config_result<creds::ini_document>& doc, std::string_view source) {
    if (!doc) {
        FUZZ_CHECK(doc.error().message.starts_with(std::string(source) + ", line "));
        return;
    }
    for (const auto& [name, section] : *doc) {
        FUZZ_CHECK(!name.empty() && trimmed(name));
        for (const auto& [key, property] : section.properties) {
            FUZZ_CHECK(!key.empty() && trimmed(key));
            for (char c : key) {
                FUZZ_CHECK(!(c >= 'A' && c <= 'Z'));
            }
            for (const auto& [sub_key, sub_value] : property.sub_properties) {
                FUZZ_CHECK(!sub_key.empty() && trimmed(sub_key) && trimmed(sub_value));
            }
        }
    }
}

bool is_secret_key(std::string_view key) {
    return key == "aws_secret_access_key" || key == "aws_session_token" ||
           key == "aws_security_token";
}

// The same document with every non-empty secret value replaced by a marker that no other text
// holds: secret values decide nothing in resolution but their presence, so the marked files
// resolve alike, and a message that quotes a secret shows the marker.
constexpr std::string_view secret_marker = "\x01SECRET\x01";

creds::ini_document marked(creds::ini_document doc) {
    for (auto& [name, section] : doc) {
        for (auto& [key, property] : section.properties) {
            if (is_secret_key(key) && !property.value.empty()) {
                property.value = std::string(secret_marker);
            }
        }
    }
    return doc;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto input = fuzz::as_text(data, size);
    const auto nul = input.find('\0');
    const auto config_text = input.substr(0, nul);
    const auto credentials_text =
        nul == std::string_view::npos ? std::string_view{} : input.substr(nul + 1);

    const auto config = creds::parse_ini(config_text, "config");
    const auto credentials = creds::parse_ini(credentials_text, "credentials");
    check_document(config, "config");
    check_document(credentials, "credentials");
    if (!config || !credentials) {
        return 0;
    }

    const auto set = creds::make_profile_set(*config, *credentials);
    const auto marked_set = creds::make_profile_set(marked(*config), marked(*credentials));

    std::vector<std::string> names{"default"};
    for (const auto& [name, profile] : set.profiles) {
        names.push_back(name);
    }
    for (const auto& name : names) {
        const auto chain = creds::resolve_profile(set, name);
        const auto marked_chain = creds::resolve_profile(marked_set, name);
        FUZZ_CHECK(chain.has_value() == marked_chain.has_value());
        if (!chain) {
            FUZZ_CHECK(!chain.error().message.empty());
            // (The fuzzer learns the marker from this comparison: an input holding it proves
            // nothing.)
            FUZZ_CHECK(input.find(secret_marker) != std::string_view::npos ||
                       marked_chain.error().message.find(secret_marker) == std::string::npos);
            continue;
        }
        FUZZ_CHECK(chain->steps.size() <= set.profiles.size());
        for (const auto& step : chain->steps) {
            FUZZ_CHECK(!step.role_arn.empty());
            if (step.duration) {
                FUZZ_CHECK(*step.duration >= creds::min_role_duration &&
                           *step.duration <= creds::max_role_duration);
            }
        }
        if (const auto* keys = std::get_if<creds::static_source>(&chain->base)) {
            FUZZ_CHECK(!keys->keys.access_key_id.empty() && !keys->keys.secret_access_key.empty());
        }
        if (const auto* process = std::get_if<creds::process_source>(&chain->base)) {
            FUZZ_CHECK(!process->command.empty());
        }
    }
    return 0;
}
