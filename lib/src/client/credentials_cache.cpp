// Credentials for the client: the base identity (static, environment, or a profile of the
// shared files, possibly through AssumeRole steps) and, with a role name, one assumed-role
// identity per account. Each is fetched once and shared: concurrent callers that find it
// missing or about to expire wait for the one refresh under way (single flight), so a scan of
// 8 regions of an account makes one AssumeRole call, not eight.
#include "client/client_impl.hpp"
#include "credentials/sts_query.hpp"
#include "endpoints/endpoint_resolver.hpp"
#include "http/wait_queue.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <glue_inventory/nothrow.hpp>

namespace glue_inventory {
namespace asio = boost::asio;
using boost::system::error_code;

namespace client_detail {

/// The cached identity of one account (or of the base identity, under the empty key).
struct credentials_slot {
    // Shared with the callers: handing credentials out copies a pointer, not three strings.
    std::shared_ptr<const credentials> value;
    bool refreshing = false;
    // Callers waiting for the refresh under way, woken by the refresher when done.
    http::wait_queue waiters;
    // The outcome of the last refresh, handed to the callers that waited for it.
    error_code last_error;
    diagnostics last_diag;
};

} // namespace client_detail

namespace {

std::chrono::sys_seconds now_seconds() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}
} // namespace

asio::awaitable<error_code> client::impl::credentials_for(const std::string& account,
                                                          std::shared_ptr<const credentials>& out,
                                                          diagnostics& diag) {
    auto& slot_ptr = credential_slots[account];
    if (!slot_ptr) {
        slot_ptr = std::make_shared<client_detail::credentials_slot>();
    }
    auto slot = slot_ptr; // keeps the slot alive across suspensions
    for (;;) {
        if (slot->value && !needs_refresh(*slot->value, now_seconds())) {
            out = slot->value;
            co_return error_code{};
        }
        if (!slot->refreshing) {
            break;
        }
        // Someone is refreshing: wait for the outcome, then use it whatever it is.
        auto result_ec = co_await slot->waiters.async_wait(nothrow);
        if (std::get<0>(result_ec)) {
            // Not woken by the refresher: cancelled.
            diag.message = "cancelled while waiting for credentials";
            co_return errc::cancelled;
        }
        if (slot->last_error) {
            diag = slot->last_diag;
            co_return slot->last_error;
        }
    }

    slot->refreshing = true;
    credentials fresh;
    diagnostics fetch_diag;
    error_code ec;
    if (account.empty()) {
        ec = co_await fetch_base_credentials(fresh, fetch_diag);
    } else {
        // No temporaries inside co_await expressions: GCC 12 mis-copies them.
        std::shared_ptr<const credentials> base;
        const std::string base_key;
        ec = co_await credentials_for(base_key, base, fetch_diag);
        if (!ec) {
            const auto partition =
                endpoints::partition_of_region(options.home_region).value_or("aws");
            const auto& id = options.identity;
            const std::string arn = creds::role_arn(partition, account, id.role_name);
            ec = co_await assume_role(*base, arn, id.external_id, id.role_session_name,
                                      id.role_duration, fresh, fetch_diag);
        }
    }
    slot->refreshing = false;
    slot->last_error = ec;
    slot->last_diag = fetch_diag;
    std::shared_ptr<const credentials> value;
    if (!ec) {
        value = std::make_shared<const credentials>(std::move(fresh));
    }
    slot->value = value;
    slot->waiters.notify_all();
    if (ec) {
        diag = std::move(fetch_diag);
        co_return ec;
    }
    out = std::move(value);
    co_return error_code{};
}

void client::impl::forget_credentials(const std::string& account) {
    if (auto it = credential_slots.find(account);
        it != credential_slots.end() && !it->second->refreshing) {
        it->second->value.reset();
    }
}

asio::awaitable<error_code> client::impl::assume_role(const credentials& with,
                                                      const std::string& role_arn,
                                                      const std::optional<std::string>& external_id,
                                                      const std::string& session_name,
                                                      std::chrono::seconds duration,
                                                      credentials& out, diagnostics& diag) {
    creds::assume_role_request request;
    request.role_arn = role_arn;
    request.role_session_name = session_name;
    request.external_id = external_id;
    if (duration.count() > 0) {
        request.duration = duration;
    }

    client_detail::call_spec spec;
    spec.service = endpoints::service::sts;
    spec.region = options.home_region;
    spec.content_type = "application/x-www-form-urlencoded; charset=utf-8";
    spec.body = creds::assume_role_body(request);
    spec.xml_errors = true;
    spec.limiter_key = "sts";
    // Signed with `with`, which need not be the cached base identity (a profile chain's step).
    spec.signing_credentials = with;
    ++counts.credential_refreshes;
    client_detail::call_response resp;
    auto ec = co_await call(spec, resp, diag);
    if (ec) {
        diag.message = "AssumeRole " + role_arn + " failed: " +
                       (diag.aws_error_code.empty() ? "" : diag.aws_error_code + ": ") +
                       diag.message;
        co_return ec;
    }
    auto parsed = creds::parse_assume_role_response(resp.text());
    if (!parsed) {
        diag.message = "AssumeRole " + role_arn + " answer rejected: " + parsed.error().message;
        co_return errc::invalid_response;
    }
    out = std::move(parsed->creds);
    co_return error_code{};
}

} // namespace glue_inventory
