// async_instance_region: the imds::fetch core asked for the region (token, then
// /latest/meta-data/placement/region) over the same thin I/O as IMDS credentials.
#include "client/credential_exchange.hpp"
#include "client/handler_spawn.hpp"
#include "credentials/chain.hpp"

#include <boost/asio/ssl/context.hpp>
#include <glue_inventory/instance_region.hpp>
#include <glue_inventory/version.hpp>

namespace glue_inventory {
namespace asio = boost::asio;
using boost::system::error_code;

namespace {

using region_result = std::pair<error_code, std::string>;

asio::awaitable<region_result>
instance_region_op(asio::any_io_executor ex, const client_options& options, diagnostics& diag) {
    region_result result;
    const creds::env_lookup env =
        options.env ? creds::env_lookup(options.env) : creds::process_environment();
    auto settings =
        creds::load_imds_settings(env, options.identity.profile, options.identity.config_file,
                                  options.identity.credentials_file);
    if (!settings) {
        diag.message = settings.error().message;
        result.first = errc::invalid_argument;
        co_return result;
    }
    // Plain HTTP to the metadata endpoint: the context is never used for a handshake.
    asio::ssl::context tls(asio::ssl::context::tls_client);
    creds::imds::provider_state state;
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const creds::imds::settings s = *settings;
    creds::imds::fetch machine(s, state, now, creds::imds::fetch::wanted::region);
    auto step = machine.start();
    const std::string user_agent = std::string("glue-inventory/") + version_string;
    while (auto* send = std::get_if<creds::imds::fetch::send>(&step)) {
        const creds::http_request request = send->request;
        auto outcome = co_await client_detail::direct_exchange(ex, tls, s.endpoint, request,
                                                               user_agent, s.timeout);
        step = machine.resume(outcome);
    }
    if (auto* region = std::get_if<creds::imds::instance_region>(&step)) {
        result.second = region->name;
        co_return result;
    }
    diag.message = std::get<creds::imds::fetch_failure>(step).message;
    result.first = errc::credentials_unavailable;
    co_return result;
}

} // namespace

void initiate_instance_region(const asio::any_io_executor& ex, const client_options& options,
                              diagnostics& diag,
                              asio::any_completion_handler<void(error_code, std::string)> handler) {
    client_detail::spawn_for_handler(ex, instance_region_op(ex, options, diag), &diag,
                                     std::move(handler));
}

} // namespace glue_inventory
