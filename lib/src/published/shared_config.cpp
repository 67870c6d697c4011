// The shared files as the CLI's pre-checks read them, moved here from the CLI's scan_setup.cpp
// so that it needs no internal header: the same calls (shared_file_settings, parse_ini,
// make_profile_set, plan_credentials) the client's own chain makes.
#include "credentials/chain.hpp"       // plan_credentials
#include "credentials/environment.hpp" // credentials_from_environment, shared_file_settings
#include "credentials/imds.hpp"        // resolve_settings
#include "credentials/ini.hpp"
#include "credentials/profile_endpoints.hpp"
#include "credentials/profiles.hpp"
#include "credentials/read_file.hpp"

#include <chrono>
#include <glue_inventory/shared_config.hpp>
#include <variant>

namespace glue_inventory {

bool has_environment_credentials(const environment& getenv, std::string& error) {
    auto from_env = creds::credentials_from_environment(getenv);
    if (!from_env) {
        error = from_env.error().message;
        return false;
    }
    return from_env->has_value();
}

struct shared_config::impl {
    creds::profile_set profiles;
    std::string profile;
};

shared_config::shared_config(std::unique_ptr<impl> p) : impl_(std::move(p)) {}
shared_config::shared_config(shared_config&&) noexcept = default;
shared_config& shared_config::operator=(shared_config&&) noexcept = default;
shared_config::~shared_config() = default;

std::optional<shared_config> shared_config::load(const client_options& options,
                                                 const environment& getenv, std::string& error) {
    const auto& id = options.identity;
    auto settings = creds::shared_file_settings_from_environment(
        getenv, id.profile.empty() ? std::nullopt : std::optional<std::string>(id.profile));
    if (!settings) {
        error = settings.error().message;
        return std::nullopt;
    }
    if (!id.config_file.empty()) {
        settings->config_file = id.config_file;
    }
    if (!id.credentials_file.empty()) {
        settings->credentials_file = id.credentials_file;
    }
    creds::ini_document docs[2];
    const std::string* paths[2] = {&settings->config_file, &settings->credentials_file};
    for (int i = 0; i < 2; ++i) {
        auto text = creds::read_text_file(*paths[i]);
        if (!text) {
            error = text.error().message;
            return std::nullopt;
        }
        if (*text) {
            auto parsed = creds::parse_ini(**text, *paths[i]);
            if (!parsed) {
                error = parsed.error().message;
                return std::nullopt;
            }
            docs[i] = std::move(*parsed);
        }
    }
    auto p = std::make_unique<impl>();
    p->profiles = creds::make_profile_set(docs[0], docs[1]);
    p->profile = settings->profile;
    return shared_config(std::move(p));
}

const std::string& shared_config::profile() const noexcept {
    return impl_->profile;
}

std::optional<std::string> shared_config::region() const {
    const auto it = impl_->profiles.profiles.find(impl_->profile);
    if (it == impl_->profiles.profiles.end() || !it->second.config) {
        return std::nullopt;
    }
    if (const auto* r = it->second.config->find("region"); r && !r->empty()) {
        return *r;
    }
    return std::nullopt;
}

std::optional<std::string> shared_config::endpoint_url(const environment& getenv,
                                                       std::string_view service) const {
    return creds::profile_endpoint_url(getenv, impl_->profiles, impl_->profile, service);
}

bool shared_config::instance_metadata_enabled(const environment& getenv,
                                              const shared_config* config) {
    const creds::profile_set::profile* profile = nullptr;
    if (config != nullptr) {
        const auto& profiles = config->impl_->profiles.profiles;
        if (auto it = profiles.find(config->impl_->profile); it != profiles.end()) {
            profile = &it->second;
        }
    }
    auto settings = creds::imds::resolve_settings(getenv, profile);
    return settings && !settings->disabled;
}

bool shared_config::check_credential_source(const environment& getenv, bool profile_is_explicit,
                                            std::string& error) const {
    creds::shared_file_settings settings;
    settings.profile = impl_->profile;
    settings.profile_is_explicit = profile_is_explicit;
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    auto plan = creds::plan_credentials(getenv, impl_->profiles, settings, now);
    if (!plan) {
        error = plan.error().message;
        return false;
    }
    // The chain ends at instance metadata; switched off, nothing is left to try.
    if (const auto* imds = std::get_if<creds::imds_base>(&plan->base);
        imds != nullptr && imds->settings.disabled) {
        error.clear();
        return false;
    }
    return true;
}

} // namespace glue_inventory
