// load_and_plan: plan_credentials over the shared files as they are on disk.
#include "chain.hpp"
#include "read_file.hpp"

namespace glue_inventory::creds {
namespace {

config_result<ini_document> read_ini(const std::string& path, const shared_file_reader& read) {
    if (path.empty()) {
        return ini_document{};
    }
    auto text = read(path);
    if (!text) {
        return text.error();
    }
    if (!*text) {
        return ini_document{}; // a missing file is an empty one, as in the SDKs
    }
    return parse_ini(**text, path);
}

} // namespace

config_result<credential_plan> load_and_plan(const env_lookup& env,
                                             const std::string& explicit_profile,
                                             const std::string& config_file,
                                             const std::string& credentials_file,
                                             std::chrono::sys_seconds now) {
    return load_and_plan(env, explicit_profile, config_file, credentials_file, now, read_text_file);
}

namespace {

struct loaded_files {
    shared_file_settings settings;
    profile_set profiles;
};

config_result<loaded_files> load_files(const env_lookup& env, const std::string& explicit_profile,
                                       const std::string& config_file,
                                       const std::string& credentials_file,
                                       const shared_file_reader& read) {
    auto settings = shared_file_settings_from_environment(
        env,
        explicit_profile.empty() ? std::nullopt : std::optional<std::string>(explicit_profile));
    if (!settings) {
        // No HOME (a service account, a bare container): no default shared files, and the chain
        // goes on to the sources that need none, as botocore's does.
        auto home = env("HOME");
        if (home && !home->empty()) {
            return settings.error();
        }
        auto variable = [&](std::string_view name) {
            auto v = env(name);
            return v && !v->empty() && !v->starts_with("~") ? *v : std::string();
        };
        shared_file_settings without_home;
        without_home.config_file = variable("AWS_CONFIG_FILE");
        without_home.credentials_file = variable("AWS_SHARED_CREDENTIALS_FILE");
        without_home.profile_is_explicit = !explicit_profile.empty();
        without_home.profile = explicit_profile;
        if (without_home.profile.empty()) {
            without_home.profile = variable("AWS_PROFILE");
        }
        if (without_home.profile.empty()) {
            without_home.profile = "default";
        }
        settings = std::move(without_home);
    }
    if (!config_file.empty()) {
        settings->config_file = config_file;
    }
    if (!credentials_file.empty()) {
        settings->credentials_file = credentials_file;
    }
    auto config = read_ini(settings->config_file, read);
    if (!config) {
        return config.error();
    }
    auto credentials = read_ini(settings->credentials_file, read);
    if (!credentials) {
        return credentials.error();
    }
    return loaded_files{std::move(*settings), make_profile_set(*config, *credentials)};
}

} // namespace

config_result<credential_plan>
load_and_plan(const env_lookup& env, const std::string& explicit_profile,
              const std::string& config_file, const std::string& credentials_file,
              std::chrono::sys_seconds now, const shared_file_reader& read) {
    auto files = load_files(env, explicit_profile, config_file, credentials_file, read);
    if (!files) {
        return files.error();
    }
    return plan_credentials(env, files->profiles, files->settings, now);
}

config_result<imds::settings> load_imds_settings(const env_lookup& env,
                                                 const std::string& explicit_profile,
                                                 const std::string& config_file,
                                                 const std::string& credentials_file) {
    auto files = load_files(env, explicit_profile, config_file, credentials_file, read_text_file);
    if (!files) {
        return files.error();
    }
    auto it = files->profiles.profiles.find(files->settings.profile);
    return imds::resolve_settings(env,
                                  it == files->profiles.profiles.end() ? nullptr : &it->second);
}

} // namespace glue_inventory::creds
