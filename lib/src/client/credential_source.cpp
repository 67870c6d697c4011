// credential_source(): the default chain's decision, without the fetch, for --verbose and for
// embedders that want to say where their identity comes from; and, after the fetch, the source
// and account the client actually used (base_identity, async_resolve_base_identity).
#include "client/client_impl.hpp"
#include "client/handler_spawn.hpp"
#include "credentials/chain.hpp"

#include <glue_inventory/client_options.hpp>

namespace glue_inventory {
namespace asio = boost::asio;
using boost::system::error_code;

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

base_identity_info client::base_identity() const {
    return {impl_->sources->description, impl_->sources->account_id};
}

namespace {

using identity_result = std::pair<error_code, base_identity_info>;

asio::awaitable<identity_result> resolve_base_identity_op(std::shared_ptr<client::impl> self,
                                                          diagnostics& diag) {
    identity_result result;
    std::shared_ptr<const credentials> base;
    const std::string base_key; // the base identity's slot
    result.first = co_await self->credentials_for(base_key, base, diag);
    result.second = {self->sources->description, self->sources->account_id};
    co_return std::move(result);
}

} // namespace

void client::async_resolve_base_identity_erased(
    std::shared_ptr<impl> self, diagnostics* diag,
    asio::any_completion_handler<void(error_code, base_identity_info)> handler) {
    const auto ex = self->executor;
    client_detail::spawn_for_handler(ex, resolve_base_identity_op(std::move(self), *diag), diag,
                                     std::move(handler));
}

} // namespace glue_inventory
