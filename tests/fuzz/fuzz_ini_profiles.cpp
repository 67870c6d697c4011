// The shared config / credentials INI parser and profile resolution. Input: the config file,
// a NUL byte, the credentials file. Properties:
// - parse_ini: an error names the source and a line; a document has trimmed, non-empty
//   section names and trimmed, non-empty, lower-case keys;
// - resolve_profile for every profile (and "default"): a plan or an error, never a crash or
//   an endless walk; a plan has at most one step per profile, a role ARN in each step, a
//   duration within STS's range, and non-empty static keys; an error never quotes a secret
//   key or session token of the files.
#include "credentials/ini.hpp"
#include "credentials/profiles.hpp"
#include "fuzz_check.hpp"

#include <string>
#include <vector>

using namespace glue_inventory;

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }

bool trimmed(std::string_view s) { return s.empty() || (!is_blank(s.front()) && !is_blank(s.back())); }

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

// Secret values of the files, and every other text in them (names, keys, other values).
void collect(const creds::ini_document& doc, std::vector<std::string>& secrets,
             std::vector<std::string>& others) {
    for (const auto& [name, section] : doc) {
        others.push_back(name);
        for (const auto& [key, property] : section.properties) {
            others.push_back(key);
            if (key == "aws_secret_access_key" || key == "aws_session_token" ||
                key == "aws_security_token") {
                secrets.push_back(property.value);
            } else {
                others.push_back(property.value);
            }
        }
    }
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
    std::vector<std::string> secrets, others;
    collect(*config, secrets, others);
    collect(*credentials, secrets, others);

    std::vector<std::string> names{"default"};
    for (const auto& [name, profile] : set.profiles) {
        names.push_back(name);
    }
    others.insert(others.end(), names.begin(), names.end());
    for (const auto& name : names) {
        const auto chain = creds::resolve_profile(set, name);
        if (!chain) {
            const auto& message = chain.error().message;
            FUZZ_CHECK(!message.empty());
            for (const auto& secret : secrets) {
                // A short secret may occur in the message's own words by chance.
                bool appears_elsewhere = secret.size() < 8;
                for (const auto& other : others) {
                    appears_elsewhere = appears_elsewhere || other.find(secret) != std::string::npos;
                }
                FUZZ_CHECK(appears_elsewhere || message.find(secret) == std::string::npos);
            }
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
