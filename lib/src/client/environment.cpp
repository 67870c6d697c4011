// client_options from the standard AWS environment variables, the way the SDKs read them.
#include "credentials/environment.hpp"

#include <charconv>
#include <glue_inventory/client_options.hpp>

namespace glue_inventory {

environment process_environment() {
    return creds::process_environment();
}

std::string apply_environment(client_options& options, const environment& getenv,
                              const explicit_fields& explicitly_set) {
    auto get = [&](std::string_view name) -> std::optional<std::string> {
        auto v = getenv(name);
        if (v && v->empty()) {
            return std::nullopt; // an empty variable counts as unset, as in the SDKs
        }
        return v;
    };
    if (options.home_region.empty()) {
        if (auto r = get("AWS_REGION")) {
            options.home_region = *r;
        } else if (auto d = get("AWS_DEFAULT_REGION")) {
            options.home_region = *d;
        }
    }
    // AWS_ENDPOINT_URL_<SERVICE> beats AWS_ENDPOINT_URL; an explicit option beats both.
    auto endpoint = [&](std::optional<std::string>& field, std::string_view service_variable) {
        if (field) {
            return;
        }
        if (auto v = get(service_variable)) {
            field = *v;
        } else if (auto all = get("AWS_ENDPOINT_URL")) {
            field = *all;
        }
    };
    endpoint(options.glue_endpoint_url, "AWS_ENDPOINT_URL_GLUE");
    endpoint(options.sts_endpoint_url, "AWS_ENDPOINT_URL_STS");
    endpoint(options.organizations_endpoint_url, "AWS_ENDPOINT_URL_ORGANIZATIONS");

    if (!explicitly_set.ca_bundle && options.http.ca_bundle.empty()) {
        if (auto v = get("AWS_CA_BUNDLE")) {
            options.http.ca_bundle = *v;
        }
    }
    if (!explicitly_set.max_attempts) {
        if (auto v = get("AWS_MAX_ATTEMPTS")) {
            int n = 0;
            auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
            if (ec != std::errc{} || ptr != v->data() + v->size() || n < 1 || n > 100) {
                return "AWS_MAX_ATTEMPTS: '" + *v + "' is not a whole number from 1 to 100";
            }
            options.max_attempts = n;
        }
    }
    if (!explicitly_set.retry) {
        if (auto v = get("AWS_RETRY_MODE")) {
            if (*v == "standard") {
                options.retry = retry_mode::standard;
            } else if (*v == "adaptive") {
                options.retry = retry_mode::adaptive;
            } else if (*v == "legacy") {
                // The SDKs' legacy mode predates the quota; standard is its better successor.
                options.retry = retry_mode::standard;
            } else {
                return "AWS_RETRY_MODE: '" + *v + "' is not standard, adaptive or legacy";
            }
        }
    }
    // AWS_PROFILE is not copied into identity.profile: that field means an explicit profile
    // (--profile), which makes the SDKs skip the environment's keys; AWS_PROFILE does not.
    // The shared-file reader takes AWS_PROFILE itself.
    if (options.identity.config_file.empty()) {
        if (auto v = get("AWS_CONFIG_FILE")) {
            options.identity.config_file = *v;
        }
    }
    if (options.identity.credentials_file.empty()) {
        if (auto v = get("AWS_SHARED_CREDENTIALS_FILE")) {
            options.identity.credentials_file = *v;
        }
    }
    return {};
}

} // namespace glue_inventory
