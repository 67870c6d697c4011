// Credentials for the client: the base identity (static, environment, or a profile of the
// shared files, possibly through AssumeRole steps) and, with a role name, one assumed-role
// identity per account. Each is fetched once and shared: a refresh is single flight, so a scan
// of 8 regions of an account makes one AssumeRole call, not eight. When to refresh and who waits
// is botocore's advisory/mandatory windows (credentials/refresh.hpp): inside the advisory window
// one caller refreshes while the others keep signing with the current credentials.
#include "client/client_impl.hpp"
#include "credentials/refresh.hpp"
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
    std::optional<std::chrono::sys_seconds> last_refresh; // when the last refresh ended
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

/// Ends a refresh that an exception cut short (the caller's env threw, std::bad_alloc): the
/// callers waiting for it fail as the refresher did (errc::internal_error, which the public
/// operations report), rather than wait for ever, and the next caller fetches again.
class refresh_unwind_guard {
public:
    explicit refresh_unwind_guard(client_detail::credentials_slot& slot)
        : slot_(slot), exceptions_(std::uncaught_exceptions()) {}
    refresh_unwind_guard(const refresh_unwind_guard&) = delete;
    refresh_unwind_guard& operator=(const refresh_unwind_guard&) = delete;
    ~refresh_unwind_guard() {
        // Only while an exception unwinds the refresh (not when the frame is destroyed with
        // its io_context, nor after a refresh that ended normally).
        if (!slot_.refreshing || std::uncaught_exceptions() <= exceptions_) {
            return;
        }
        slot_.refreshing = false;
        slot_.last_error = make_error_code(errc::internal_error);
        slot_.last_diag = {};
        slot_.last_diag.message = "an exception was thrown while fetching the credentials";
        slot_.waiters.notify_all();
    }

private:
    client_detail::credentials_slot& slot_;
    int exceptions_;
};

creds::refresh::state refresh_state(const client_detail::credentials_slot& slot) {
    creds::refresh::state s;
    s.has_value = slot.value != nullptr;
    if (slot.value) {
        s.expiration = slot.value->expiration;
    }
    s.refreshing = slot.refreshing;
    s.last_refresh = slot.last_refresh;
    s.last_refresh_failed = static_cast<bool>(slot.last_error);
    return s;
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
    using creds::refresh::action;
    action next = creds::refresh::decide(refresh_state(*slot), now_seconds());
    while (next != action::refresh_advisory && next != action::refresh_mandatory) {
        if (next == action::use) {
            out = slot->value;
            co_return error_code{};
        }
        // Someone is refreshing credentials we cannot use meanwhile: wait for the outcome.
        auto result_ec = co_await slot->waiters.async_wait(nothrow);
        if (std::get<0>(result_ec)) {
            // Not woken by the refresher: cancelled.
            diag.message = "cancelled while waiting for credentials";
            co_return errc::cancelled;
        }
        next = creds::refresh::decide(refresh_state(*slot), now_seconds());
        if (slot->last_error && next != action::use) {
            // The refresh we waited for failed, and its failure is ours too.
            diag = slot->last_diag;
            co_return slot->last_error;
        }
    }
    const bool advisory = next == action::refresh_advisory;

    slot->refreshing = true;
    const refresh_unwind_guard unwind_guard(*slot);
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
    slot->last_refresh = now_seconds();
    slot->last_error = ec;
    slot->last_diag = fetch_diag;
    if (!ec) {
        slot->value = std::make_shared<const credentials>(std::move(fresh));
    } else if (!advisory) {
        slot->value.reset();
    }
    slot->waiters.notify_all();
    if (ec && !advisory) {
        diag = std::move(fetch_diag);
        co_return ec;
    }
    // A failed advisory refresh keeps the current credentials, still good for 10 minutes.
    out = slot->value;
    co_return error_code{};
}

bool client::impl::cached_credentials(const std::string& account,
                                      std::shared_ptr<const credentials>& out) {
    const auto it = credential_slots.find(account);
    if (it == credential_slots.end() || !it->second->value ||
        needs_refresh(*it->second->value, now_seconds())) {
        return false;
    }
    out = it->second->value;
    return true;
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
