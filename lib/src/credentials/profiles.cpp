#include "profiles.hpp"

#include "model/ascii.hpp"

#include <algorithm>
#include <charconv>
#include <set>
#include <utility>

namespace glue_inventory::creds {
namespace {

constexpr std::string_view profile_prefix = "profile";
constexpr std::string_view sso_session_prefix = "sso-session";
constexpr std::string_view services_prefix = "services";

// "profile dev" -> "dev"; "profile  dev" too (the SDKs allow any blanks after the word).
// Names the SDKs refuse ("profile foo!bar", "profile in valid") are no profile at all.
std::optional<std::string> prefixed_name(std::string_view section, std::string_view prefix) {
    if (!section.starts_with(prefix)) {
        return std::nullopt;
    }
    std::string_view rest = section.substr(prefix.size());
    if (rest.empty() || (rest.front() != ' ' && rest.front() != '\t')) {
        return std::nullopt; // [profilefoo] is not a profile
    }
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) {
        rest.remove_prefix(1);
    }
    if (!is_profile_identifier(rest)) {
        return std::nullopt;
    }
    return std::string(rest);
}

std::optional<std::string> config_profile_name(std::string_view section) {
    if (section == "default") {
        return std::string(section);
    }
    return prefixed_name(section, profile_prefix);
}

const std::string* find_non_empty(const std::optional<ini_section>& section, std::string_view key) {
    if (!section) {
        return nullptr;
    }
    const std::string* value = section->find(key);
    return value != nullptr && !value->empty() ? value : nullptr;
}

std::string quoted(std::string_view s) {
    // Built by appending: GCC 12 at -O2 warns falsely (-Wrestrict) on "'" + std::string(s).
    std::string out;
    out.reserve(s.size() + 2);
    out += '\'';
    out += s;
    out += '\'';
    return out;
}

// The static keys of one file's section, if it has any. `origin` names the file in errors.
config_result<std::optional<credentials>> static_keys(const std::optional<ini_section>& section,
                                                      std::string_view profile_name,
                                                      std::string_view origin) {
    const std::string* key_id = find_non_empty(section, "aws_access_key_id");
    const std::string* secret = find_non_empty(section, "aws_secret_access_key");
    if (key_id == nullptr && secret == nullptr) {
        return std::optional<credentials>{};
    }
    std::string where = "profile " + quoted(profile_name) + " in the " + std::string(origin);
    if (key_id == nullptr) {
        return config_error{where + " has aws_secret_access_key but no aws_access_key_id"};
    }
    if (secret == nullptr) {
        return config_error{where + " has aws_access_key_id but no aws_secret_access_key"};
    }
    credentials creds;
    creds.access_key_id = *key_id;
    creds.secret_access_key = *secret;
    // botocore's order: aws_security_token first, then aws_session_token.
    if (const std::string* token = find_non_empty(section, "aws_security_token")) {
        creds.session_token = *token;
    } else if (const std::string* session_token = find_non_empty(section, "aws_session_token")) {
        creds.session_token = *session_token;
    }
    return std::optional<credentials>{std::move(creds)};
}

bool has_static_keys(const profile_set::profile& p) {
    return p.find("aws_access_key_id") != nullptr || p.find("aws_secret_access_key") != nullptr;
}

const std::string* find_set(const profile_set::profile& p, std::string_view key) {
    const std::string* value = p.find(key);
    return value != nullptr && !value->empty() ? value : nullptr;
}

// Sources this tool does not implement: say so instead of silently trying the next one.
std::optional<config_error> unsupported_keys(const profile_set::profile& p, std::string_view name) {
    if (find_set(p, "mfa_serial") != nullptr) {
        return config_error{"profile " + quoted(name) +
                            ": mfa_serial is not supported by glue-inventory"};
    }
    return std::nullopt;
}

bool has_sso(const profile_set::profile& p) {
    return find_set(p, "sso_account_id") != nullptr || find_set(p, "sso_role_name") != nullptr;
}

// The selected profile: web identity, SSO, keys in the credentials file, credential_process,
// keys in the config file (botocore's providers after the AssumeRole one). A source profile:
// its static keys first.
config_result<base_source> base_from_profile(const profile_set::profile& p, std::string_view name,
                                             bool selected = false) {
    auto from_credentials = static_keys(p.credentials, name, "credentials file");
    if (!from_credentials) {
        return from_credentials.error();
    }
    if (*from_credentials && !selected) {
        return base_source{static_source{std::move(**from_credentials), std::string(name)}};
    }
    if (find_set(p, "web_identity_token_file") != nullptr) {
        return base_source{web_identity_profile{std::string(name)}};
    }
    if (has_sso(p)) {
        return base_source{sso_profile{std::string(name)}};
    }
    if (*from_credentials) {
        return base_source{static_source{std::move(**from_credentials), std::string(name)}};
    }
    if (const std::string* command = find_set(p, "credential_process")) {
        return base_source{process_source{*command, std::string(name)}};
    }
    auto from_config = static_keys(p.config, name, "config file");
    if (!from_config) {
        return from_config.error();
    }
    if (*from_config) {
        return base_source{static_source{std::move(**from_config), std::string(name)}};
    }
    if (auto unsupported = unsupported_keys(p, name)) {
        return *unsupported;
    }
    return config_error{"profile " + quoted(name) +
                        " has no credentials: expected aws_access_key_id and "
                        "aws_secret_access_key, credential_process, role_arn, "
                        "web_identity_token_file, or sso_account_id and sso_role_name"};
}

config_result<std::chrono::seconds> parse_duration(const std::string& text, std::string_view name) {
    long long value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    std::string where = "profile " + quoted(name) + ": duration_seconds ";
    if (ec != std::errc{} || end != text.data() + text.size()) {
        return config_error{where + "is not a whole number of seconds: \"" + text + "\""};
    }
    std::chrono::seconds duration{value};
    if (duration < min_role_duration || duration > max_role_duration) {
        return config_error{where + "must be between " + std::to_string(min_role_duration.count()) +
                            " and " + std::to_string(max_role_duration.count()) + ", not " + text};
    }
    return duration;
}

config_result<assume_role_step> make_step(const profile_set::profile& p, std::string_view name) {
    if (find_set(p, "mfa_serial") != nullptr) {
        return config_error{"profile " + quoted(name) +
                            ": mfa_serial is not supported by glue-inventory (it cannot prompt "
                            "for a code)"};
    }
    assume_role_step step;
    step.profile = std::string(name);
    step.role_arn = *find_set(p, "role_arn");
    if (const std::string* v = find_set(p, "external_id")) {
        step.external_id = *v;
    }
    if (const std::string* v = find_set(p, "role_session_name")) {
        step.role_session_name = *v;
    }
    if (const std::string* v = find_set(p, "duration_seconds")) {
        auto duration = parse_duration(*v, name);
        if (!duration) {
            return duration.error();
        }
        step.duration = *duration;
    }
    return step;
}

config_result<base_source> base_from_credential_source(const std::string& source,
                                                       std::string_view name) {
    // botocore compares the names without regard to case.
    const std::string lower = ascii_lower(source);
    if (lower == "environment") {
        return base_source{environment_source{}};
    }
    if (lower == "ec2instancemetadata") {
        return base_source{instance_metadata_source{}};
    }
    if (lower == "ecscontainer") {
        return base_source{container_source{}};
    }
    std::string where = "profile " + quoted(name) + ": credential_source " + quoted(source);
    return config_error{where +
                        " is not valid: expected Environment, EcsContainer or Ec2InstanceMetadata"};
}

std::string describe_path(const std::vector<std::string>& visited, std::string_view last) {
    std::string path;
    for (const auto& name : visited) {
        path += quoted(name) + " -> ";
    }
    return path + quoted(last);
}

} // namespace

bool has_credential_keys(const profile_set::profile& p) {
    for (std::string_view key :
         {"role_arn", "web_identity_token_file", "sso_account_id", "sso_role_name",
          "credential_process", "aws_access_key_id", "aws_secret_access_key"}) {
        if (find_set(p, key) != nullptr) {
            return true;
        }
    }
    return false;
}

const std::string* profile_set::profile::find(std::string_view key) const {
    if (credentials) {
        if (const std::string* value = credentials->find(key)) {
            return value;
        }
    }
    return config ? config->find(key) : nullptr;
}

profile_set make_profile_set(const ini_document& config_file,
                             const ini_document& credentials_file) {
    profile_set set;
    for (const auto& [section, content] : config_file) {
        if (auto session = prefixed_name(section, sso_session_prefix)) {
            set.sso_sessions[*session] = content;
            continue;
        }
        if (auto services = prefixed_name(section, services_prefix)) {
            set.services[*services] = content;
            continue;
        }
        auto name = config_profile_name(section);
        if (!name) {
            continue;
        }
        auto& slot = set.profiles[*name].config;
        // [profile default] beats [default], whatever their order in the file.
        if (!slot || section != "default") {
            slot = content;
        }
    }
    for (const auto& [section, content] : credentials_file) {
        if (!is_profile_identifier(section)) {
            continue; // "[profile foo]" or "[in valid]": the SDKs skip such sections
        }
        set.profiles[section].credentials = content;
    }
    return set;
}

config_result<profile_chain> resolve_profile(const profile_set& profiles,
                                             std::string_view profile_name) {
    auto lookup = [&](std::string_view name) -> const profile_set::profile* {
        auto it = profiles.profiles.find(name);
        return it == profiles.profiles.end() ? nullptr : &it->second;
    };

    const profile_set::profile* selected = lookup(profile_name);
    if (selected == nullptr) {
        return config_error{"profile " + quoted(profile_name) +
                            " is in neither the config file nor the credentials file"};
    }

    profile_chain chain;
    if (const std::string* region = find_set(*selected, "region")) {
        chain.region = *region;
    }

    std::vector<std::string> visited;
    std::string current(profile_name);
    const profile_set::profile* p = selected;
    for (bool selected_profile = true;; selected_profile = false) {
        // The selected profile's role_arn beats its own keys; a source profile's keys beat
        // its role_arn.
        bool assumes_role = find_set(*p, "role_arn") != nullptr &&
                            find_set(*p, "web_identity_token_file") == nullptr &&
                            (selected_profile || !has_static_keys(*p));
        if (!assumes_role) {
            auto base = base_from_profile(*p, current, selected_profile);
            if (!base) {
                return base.error();
            }
            chain.base = std::move(*base);
            break;
        }

        visited.push_back(current);
        auto step = make_step(*p, current);
        if (!step) {
            return step.error();
        }
        chain.steps.push_back(std::move(*step));

        const std::string* source_profile = find_set(*p, "source_profile");
        const std::string* credential_source = find_set(*p, "credential_source");
        std::string where = "profile " + quoted(current) + ": role_arn ";
        if (source_profile != nullptr && credential_source != nullptr) {
            return config_error{where + "has both source_profile and credential_source; keep one"};
        }
        if (credential_source != nullptr) {
            auto base = base_from_credential_source(*credential_source, current);
            if (!base) {
                return base.error();
            }
            chain.base = std::move(*base);
            break;
        }
        if (source_profile == nullptr) {
            return config_error{where + "needs source_profile or credential_source"};
        }

        const profile_set::profile* source = lookup(*source_profile);
        if (source == nullptr) {
            return config_error{"profile " + quoted(current) + ": source_profile " +
                                quoted(*source_profile) + " does not exist"};
        }
        if (std::find(visited.begin(), visited.end(), *source_profile) != visited.end()) {
            // A profile may take its own keys to assume its role; any other repeat loops.
            if (*source_profile == current && has_static_keys(*source)) {
                auto base = base_from_profile(*source, current);
                if (!base) {
                    return base.error();
                }
                chain.base = std::move(*base);
                break;
            }
            return config_error{"source_profile cycle: " + describe_path(visited, *source_profile)};
        }
        current = *source_profile;
        p = source;
    }
    // Collected from the selected profile down; they run from the base up.
    std::reverse(chain.steps.begin(), chain.steps.end());
    return chain;
}

} // namespace glue_inventory::creds
