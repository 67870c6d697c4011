// Profile resolution over the shared config and credentials files: which base identity to
// start from and which roles to assume after it, the way botocore's AssumeRoleProvider,
// SharedCredentialProvider, ProcessProvider and ConfigProvider decide (credentials.py).
// Pure: the caller reads the files (read_text_file) and runs the plan.
#pragma once

#include "config_error.hpp"
#include "ini.hpp"

#include <chrono>
#include <glue_inventory/credentials.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace glue_inventory::creds {

/// STS accepts DurationSeconds from 15 minutes...
inline constexpr std::chrono::seconds min_role_duration{900};
/// ...up to 12 hours (and the role's own maximum, which only STS knows).
inline constexpr std::chrono::seconds max_role_duration{43200};

/// The profiles of both files, merged by name. Each keeps its two origins apart because the
/// files do not have the same precedence for keys.
struct profile_set {
    struct profile {
        std::optional<ini_section> config;      // from [profile NAME] (or [default])
        std::optional<ini_section> credentials; // from [NAME] in the credentials file
        /// The value of `key`: the credentials file's when it has one (botocore's full_config
        /// merge), else the config file's.
        const std::string* find(std::string_view key) const;
    };
    std::map<std::string, profile, std::less<>> profiles;
    /// The config file's `[sso-session NAME]` sections, by NAME.
    std::map<std::string, ini_section, std::less<>> sso_sessions;
    /// The config file's `[services NAME]` sections (per-service endpoint_url), by NAME.
    std::map<std::string, ini_section, std::less<>> services;
};

/// Builds the set from parsed files. Config file: `[profile NAME]` and `[default]` are
/// profiles (with both present, `[profile default]` wins, as in the SDKs); `[sso-session NAME]`
/// sections go to sso_sessions, `[services NAME]` to services; other sections are ignored.
/// Credentials file: every section is a profile, named as written. A name that is not an identifier
/// (is_profile_identifier) is skipped, in either file.
profile_set make_profile_set(const ini_document& config_file, const ini_document& credentials_file);

/// Keys found in a profile.
struct static_source {
    credentials keys;
    std::string profile;
};
/// credential_source = Environment: the caller takes credentials_from_environment().
struct environment_source {};
/// credential_process: the caller runs the command (later) and parses its JSON.
struct process_source {
    std::string command;
    std::string profile;
};
/// web_identity_token_file in this profile: the caller reads the web identity settings.
struct web_identity_profile {
    std::string profile;
};
/// sso_account_id / sso_role_name in this profile: the caller reads the SSO settings.
struct sso_profile {
    std::string profile;
};
/// credential_source = Ec2InstanceMetadata.
struct instance_metadata_source {};
/// credential_source = EcsContainer: the container provider of the environment.
struct container_source {};
using base_source =
    std::variant<static_source, environment_source, process_source, web_identity_profile,
                 sso_profile, instance_metadata_source, container_source>;

/// One AssumeRole call. Absent members are not sent (role_session_name: the caller picks one).
struct assume_role_step {
    std::string profile; // the profile that asked for it, for error messages
    std::string role_arn;
    std::optional<std::string> external_id;
    std::optional<std::string> role_session_name;
    std::optional<std::chrono::seconds> duration;
};

/// The plan: get the base credentials, then call AssumeRole for each step in order, each with
/// the credentials the previous one produced.
struct profile_chain {
    base_source base;
    std::vector<assume_role_step> steps;
    std::optional<std::string> region; // the selected profile's `region`
};

/// True when the profile has a key that gives credentials: role_arn, web_identity_token_file,
/// sso_account_id, sso_role_name, credential_process, aws_access_key_id or
/// aws_secret_access_key. Without one, the default chain goes on to the container and IMDS.
bool has_credential_keys(const profile_set::profile& p);

/// Resolves `profile_name`, as botocore does:
/// - the selected profile with role_arn (and no web_identity_token_file, which makes it a web
///   identity profile) assumes that role, from its source_profile or its credential_source
///   (exactly one of them: Environment, Ec2InstanceMetadata or EcsContainer, any case);
/// - a source profile with static keys gives them (even if it also has role_arn); without keys
///   but with role_arn, it assumes its role in turn; a profile may name itself as its
///   source_profile when it has static keys; any other repeat is a cycle;
/// - otherwise, for the selected profile: web_identity_token_file, else SSO, else keys from the
///   credentials file, else credential_process, else keys from the config file
///   (aws_session_token, or aws_security_token as botocore also reads); for a source profile
///   the same with the static keys first.
/// Errors name the profile and the key: missing profile, half a key pair, cycles, mfa_serial
/// (no prompt here), a bad duration_seconds, a profile with no credentials at all.
config_result<profile_chain> resolve_profile(const profile_set& profiles,
                                             std::string_view profile_name);

} // namespace glue_inventory::creds
