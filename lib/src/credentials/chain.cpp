#include "chain.hpp"

#include "profile_endpoints.hpp"

namespace glue_inventory::creds {
namespace {

std::string in_quotes(std::string_view s) {
    std::string out = "'";
    out += s;
    out += '\'';
    return out;
}

const profile_set::profile* find_profile(const profile_set& profiles, std::string_view name) {
    auto it = profiles.profiles.find(name);
    return it == profiles.profiles.end() ? nullptr : &it->second;
}

config_result<planned_base> container_from_env(const env_lookup& env, std::string& source,
                                               std::string_view why) {
    auto c = container::resolve_settings(env);
    if (!c) {
        return c.error();
    }
    if (!*c) {
        return config_error{std::string(why) +
                            ", but neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor "
                            "AWS_CONTAINER_CREDENTIALS_FULL_URI is set"};
    }
    source = "container (" + (*c)->uri_variable + ")";
    return planned_base{container_base{std::move(**c)}};
}

config_result<planned_base> imds_from(const env_lookup& env, const profile_set::profile* profile,
                                      std::string& source) {
    auto s = imds::resolve_settings(env, profile);
    if (!s) {
        return s.error();
    }
    source = "EC2 instance metadata";
    return planned_base{imds_base{std::move(*s)}};
}

// One resolved profile base (resolve_profile's) into the planned one.
config_result<planned_base> plan_base(const base_source& base, const env_lookup& env,
                                      const profile_set& profiles,
                                      const shared_file_settings& files,
                                      std::chrono::sys_seconds now, std::string& source) {
    if (const auto* s = std::get_if<static_source>(&base)) {
        source = "profile " + in_quotes(s->profile);
        return planned_base{keys_base{s->keys}};
    }
    if (std::holds_alternative<environment_source>(base)) {
        auto keys = credentials_from_environment(env);
        if (!keys) {
            return keys.error();
        }
        if (!*keys) {
            return config_error{"profile " + in_quotes(files.profile) +
                                " takes its credentials from the environment, which has none "
                                "(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)"};
        }
        source = "environment variables (credential_source)";
        return planned_base{keys_base{std::move(**keys)}};
    }
    if (const auto* p = std::get_if<process_source>(&base)) {
        source = "credential_process of profile " + in_quotes(p->profile);
        return planned_base{process_base{p->command, p->profile}};
    }
    if (const auto* w = std::get_if<web_identity_profile>(&base)) {
        // The selected profile's keys may come from the environment, per key (botocore); a
        // source profile's come from the profile alone.
        const bool selected = w->profile == files.profile;
        auto s = web_identity::resolve_settings(env, find_profile(profiles, w->profile), w->profile,
                                                files.profile_is_explicit || !selected, now);
        if (!s) {
            return s.error();
        }
        source = "web identity (" + (*s)->origin + ")";
        return planned_base{web_identity_base{std::move(**s)}};
    }
    if (const auto* p = std::get_if<sso_profile>(&base)) {
        auto s = sso::resolve_settings(profiles, p->profile);
        if (!s) {
            return s.error();
        }
        source = "SSO (profile " + in_quotes(p->profile) + ")";
        return planned_base{sso_base{std::move(**s)}};
    }
    if (std::holds_alternative<container_source>(base)) {
        return container_from_env(env, source,
                                  "profile " + in_quotes(files.profile) +
                                      " takes its credentials from the container "
                                      "(credential_source = EcsContainer)");
    }
    return imds_from(env, find_profile(profiles, files.profile), source);
}

} // namespace

config_result<credential_plan> plan_credentials(const env_lookup& env, const profile_set& profiles,
                                                const shared_file_settings& files,
                                                std::chrono::sys_seconds now) {
    credential_plan plan;
    for (const std::string_view service : {"sts", "sso", "sso_oidc"}) {
        if (auto url = profile_endpoint_url(env, profiles, files.profile, service)) {
            plan.endpoint_urls.emplace(service, std::move(*url));
        }
    }

    // 1. The environment's keys, unless a profile was chosen explicitly.
    if (!files.profile_is_explicit) {
        auto keys = credentials_from_environment(env);
        if (!keys) {
            return keys.error();
        }
        if (*keys) {
            plan.base = keys_base{std::move(**keys)};
            plan.source = "environment variables";
            return plan;
        }
    }

    const profile_set::profile* selected = find_profile(profiles, files.profile);
    // A profile someone named (--profile, AWS_PROFILE) must exist; "default" need not.
    if (selected == nullptr && files.profile != "default") {
        return config_error{"profile " + in_quotes(files.profile) +
                            " is in neither the config file nor the credentials file"};
    }
    if (selected != nullptr) {
        if (const std::string* region = selected->find("region"); region && !region->empty()) {
            plan.region = *region;
        }
    }

    auto from_profile = [&]() -> config_result<credential_plan> {
        auto chain = resolve_profile(profiles, files.profile);
        if (!chain) {
            return chain.error();
        }
        plan.steps = std::move(chain->steps);
        auto base = plan_base(chain->base, env, profiles, files, now, plan.source);
        if (!base) {
            return base.error();
        }
        plan.base = std::move(*base);
        return plan;
    };

    // 2. An assume-role profile (role_arn without web_identity_token_file).
    if (selected != nullptr && selected->find("role_arn") != nullptr &&
        !selected->find("role_arn")->empty() &&
        (selected->find("web_identity_token_file") == nullptr ||
         selected->find("web_identity_token_file")->empty())) {
        return from_profile();
    }

    // 3. Web identity: the variables, else the profile's keys, per key.
    auto web = web_identity::resolve_settings(env, selected, files.profile,
                                              files.profile_is_explicit, now);
    if (!web) {
        return web.error();
    }
    if (*web) {
        plan.source = "web identity (" + (*web)->origin + ")";
        plan.base = web_identity_base{std::move(**web)};
        return plan;
    }

    // 4-7. SSO, the credentials file's keys, credential_process, the config file's keys.
    if (selected != nullptr && has_credential_keys(*selected)) {
        return from_profile();
    }

    // 8. The container.
    auto c = container::resolve_settings(env);
    if (!c) {
        return c.error();
    }
    if (*c) {
        plan.source = "container (" + (*c)->uri_variable + ")";
        plan.base = container_base{std::move(**c)};
        return plan;
    }

    // 9. Instance metadata, last.
    auto base = imds_from(env, selected, plan.source);
    if (!base) {
        return base.error();
    }
    plan.base = std::move(*base);
    return plan;
}

} // namespace glue_inventory::creds
