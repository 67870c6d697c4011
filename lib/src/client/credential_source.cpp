// credential_source(): the default chain's decision, without the fetch, for --verbose and for
// embedders that want to say where their identity comes from.
#include "credentials/chain.hpp"

#include <glue_inventory/client_options.hpp>

namespace glue_inventory {

std::string credential_source(const client_options& options) {
    if (options.identity.static_credentials) {
        return "static credentials (client_options)";
    }
    const creds::env_lookup env =
        options.env ? creds::env_lookup(options.env) : creds::process_environment();
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    auto plan = creds::load_and_plan(env, options.identity.profile, options.identity.config_file,
                                     options.identity.credentials_file, now);
    if (!plan) {
        return "error: " + plan.error().message;
    }
    return plan->source;
}

} // namespace glue_inventory
