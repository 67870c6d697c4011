// The default credential chain, decided without I/O: which source supplies the base identity
// and which roles to assume after it, in botocore's order (environment keys, assume-role
// profile, web identity, SSO, credentials-file keys, credential_process, config-file keys,
// container, IMDS). The library's client and the CLI's pre-check both call plan_credentials,
// so they cannot disagree. A source is skipped only when its trigger (a variable, a profile
// key) is absent; a source that is configured but wrong is an error, never the next source.
#pragma once

#include "config_error.hpp"
#include "container.hpp"
#include "environment.hpp"
#include "imds.hpp"
#include "profiles.hpp"
#include "sso.hpp"
#include "web_identity.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace glue_inventory::creds {

/// Keys at hand: the environment's, or a profile's.
struct keys_base {
    credentials keys;
};
struct process_base {
    std::string command;
    std::string profile;
};
struct web_identity_base {
    web_identity::settings settings;
};
struct sso_base {
    sso::settings settings;
};
struct container_base {
    container::settings settings;
};
struct imds_base {
    imds::settings settings;
};
using planned_base =
    std::variant<keys_base, process_base, web_identity_base, sso_base, container_base, imds_base>;

struct credential_plan {
    planned_base base;
    std::vector<assume_role_step> steps; // run from the base up
    std::optional<std::string> region;   // the selected profile's region
    /// The selected profile's endpoint URLs (profile_endpoint_url) by service key, for "sts",
    /// "sso" and "sso_oidc"; the environment's AWS_ENDPOINT_URL_* beat them.
    std::map<std::string, std::string, std::less<>> endpoint_urls;
    /// Which source supplies the base identity, for --verbose and errors; never a secret:
    /// "environment variables", "profile 'dev' (credentials file)", "web identity (the
    /// environment)", "SSO (profile 'dev')", "container (AWS_CONTAINER_CREDENTIALS_FULL_URI)",
    /// "EC2 instance metadata".
    std::string source;
};

/// The plan for `files.profile` (explicit or from AWS_PROFILE) over `profiles`, with the
/// environment `env`, at `now` (default web identity session names). Errors: an explicit or
/// AWS_PROFILE profile that does not exist; everything resolve_profile, the web identity, SSO,
/// container and IMDS settings refuse; credential_source = Environment without keys there.
config_result<credential_plan> plan_credentials(const env_lookup& env, const profile_set& profiles,
                                                const shared_file_settings& files,
                                                std::chrono::sys_seconds now);

} // namespace glue_inventory::creds

namespace glue_inventory::creds {

/// Reads the shared files and plans: the files' paths and the profile from `env`
/// (shared_file_settings_from_environment), except where the caller gives them (an explicit
/// profile, --profile; paths from client_options). A missing file is an empty one. Errors: an
/// unreadable or malformed file, and plan_credentials' own.
config_result<credential_plan> load_and_plan(const env_lookup& env,
                                             const std::string& explicit_profile,
                                             const std::string& config_file,
                                             const std::string& credentials_file,
                                             std::chrono::sys_seconds now);

/// The IMDS settings (imds::resolve_settings) of the environment and the profile selected as
/// load_and_plan selects it, from the files on disk: for the instance's region, which does not
/// depend on the credential source.
config_result<imds::settings> load_imds_settings(const env_lookup& env,
                                                 const std::string& explicit_profile,
                                                 const std::string& config_file,
                                                 const std::string& credentials_file);

/// Reads one shared file: its text, std::nullopt when it does not exist (read_text_file).
using shared_file_reader =
    std::function<config_result<std::optional<std::string>>(const std::string& path)>;

/// The same, reading the files through `read` (tests replay a recorded file system).
config_result<credential_plan>
load_and_plan(const env_lookup& env, const std::string& explicit_profile,
              const std::string& config_file, const std::string& credentials_file,
              std::chrono::sys_seconds now, const shared_file_reader& read);

} // namespace glue_inventory::creds
