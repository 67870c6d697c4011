#include "client/client_impl.hpp"
#include "client/handler_spawn.hpp"
#include "client/request_builder.hpp"
#include "client/request_fsm.hpp"
#include "credentials/sts_query.hpp"
#include "http/failure_text.hpp"
#include "http/tls_context.hpp"
#include "protocol/organizations.hpp"
#include "protocol/request_writer.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/field.hpp>
#include <glue_inventory/nothrow.hpp>
#include <glue_inventory/version.hpp>

namespace glue_inventory {
namespace asio = boost::asio;
namespace beast = boost::beast;
using boost::system::error_code;
using namespace client_detail;

namespace {

/// The header fields a response may carry that the client reads.
constexpr std::string_view error_type_header = "x-amzn-ErrorType";
constexpr std::string_view content_type_header = "Content-Type";

/// Waits `d`; false when the wait was cancelled.
asio::awaitable<bool> sleep_for(std::chrono::nanoseconds d) {
    if (d <= std::chrono::nanoseconds::zero()) {
        co_return true;
    }
    asio::steady_timer timer(co_await asio::this_coro::executor, d);
    auto result_ec = co_await timer.async_wait(nothrow);
    auto& [ec] = result_ec;
    co_return !ec;
}

std::shared_ptr<asio::ssl::context> make_tls(const http_options& http) {
    error_code ec;
    std::string what;
    auto ctx = http::make_tls_context(http.ca_bundle, ec, what);
    if (!ctx) {
        throw boost::system::system_error(errc::invalid_argument, what);
    }
    return ctx;
}

/// An operation made by `make(diag)` with diagnostics of its own, for the overloads without a
/// diagnostics&: they live in this frame, as long as the operation.
template <class Result, class MakeOp>
asio::awaitable<Result> with_own_diagnostics(MakeOp make) {
    diagnostics diag;
    co_return co_await make(diag);
}

/// Starts the operation `make(diag)` makes, with the caller's diagnostics or its own.
template <class Result, class MakeOp, class Handler>
void start(const asio::any_io_executor& ex, diagnostics* diag, MakeOp make, Handler handler) {
    if (diag != nullptr) {
        spawn_for_handler(ex, make(*diag), diag, std::move(handler));
    } else {
        spawn_for_handler(ex, with_own_diagnostics<Result>(std::move(make)), nullptr,
                          std::move(handler));
    }
}

/// `o`, when every field is in its documented range.
client_options checked(client_options o) {
    if (auto error = options_error(o); !error.empty()) {
        throw boost::system::system_error(errc::invalid_argument, error);
    }
    return o;
}

} // namespace

client::impl::impl(asio::any_io_executor ex, client_options opts)
    : executor(std::move(ex)), options(checked(std::move(opts))),
      user_agent(std::string("glue-inventory/") + version_string), tls(make_tls(options.http)),
      pool(executor, options.http, tls),
      // A miss costs one derivation (about 1 us), far below a request's round trip: the
      // default bound is enough even when assumed roles make one key per account and region.
      keys(), policy(retry::standard_params{std::max(options.max_attempts, 1)}),
      random(std::random_device{}()),
      uniform([this] { return std::uniform_real_distribution<double>(0.0, 1.0)(random); }) {
    if (!options.user_agent_suffix.empty()) {
        user_agent += " " + options.user_agent_suffix;
    }
    if (options.home_region.empty()) {
        options.home_region = "us-east-1";
    }
    for (const auto* url : {&options.glue_endpoint_url, &options.sts_endpoint_url,
                            &options.organizations_endpoint_url}) {
        if (*url && !endpoints::parse_url(**url)) {
            throw boost::system::system_error(errc::invalid_argument,
                                              "endpoint URL '" + protocol::redacted_excerpt(**url) +
                                                  "' is not an http(s)://host[:port][/path] URL");
        }
    }
}

const endpoints::endpoint*
client::impl::endpoint_for(endpoints::service svc, const std::string& region, std::string& error) {
    const auto* state = endpoint_state_for(svc, region, error);
    return state != nullptr ? &state->endpoint : nullptr;
}

client_detail::endpoint_state* client::impl::endpoint_state_for(endpoints::service svc,
                                                                const std::string& region,
                                                                std::string& error) {
    auto key = std::make_pair(svc, region);
    if (auto it = endpoints_cache.find(key); it != endpoints_cache.end()) {
        return &it->second;
    }
    endpoints::params p;
    p.region = region;
    p.use_fips = options.use_fips;
    p.use_dual_stack = options.use_dual_stack;
    switch (svc) {
    case endpoints::service::glue:
        p.endpoint = options.glue_endpoint_url;
        break;
    case endpoints::service::sts:
        p.endpoint = options.sts_endpoint_url;
        break;
    case endpoints::service::organizations:
        p.endpoint = options.organizations_endpoint_url;
        break;
    }
    auto r = resolver.resolve(svc, p);
    if (!r) {
        error = std::string(endpoints::service_name(svc)) + " endpoint for region '" + region +
                "': " + r.error();
        return nullptr;
    }
    return &endpoints_cache.emplace(key, endpoint_state{r.value()}).first->second;
}

namespace {

/// Why a round trip failed, for the caller's diagnostics: the error the attempt ends with.
error_code round_trip_failure(const http::connection_pool& pool, const http::origin& origin,
                              error_code ec, std::string& what) {
    if (ec == beast::http::error::body_limit) {
        what = "the answer's body is larger than the limit of " +
               std::to_string(pool.options().max_body_bytes) + " bytes";
        return make_error_code(errc::body_too_large);
    }
    what = http::request_failure_text(origin.host, origin.port, ec, pool.options().request_timeout);
    return ec;
}

} // namespace

retry::adaptive_rate_limiter* client::impl::limiter_for(const std::string& key) {
    if (options.retry != retry_mode::adaptive) {
        return nullptr;
    }
    auto& l = limiters[key];
    if (!l) {
        l = std::make_unique<retry::adaptive_rate_limiter>(std::chrono::steady_clock::now());
    }
    return l.get();
}

namespace {

/// An error answer read for the step machine (whose answer_summary views into it) and for the
/// caller's diagnostics.
void read_error_answer(const call_spec& spec, const http::response& res, const credentials& signing,
                       protocol::aws_error& err) {
    // A signature error's message quotes the canonical request, session token included, and a
    // proxy may echo the request's headers: the secrets this request was signed with are taken
    // out before anything is read from the body.
    const std::string redacted_body = protocol::without_secrets(
        res.body().view(), {signing.session_token, signing.secret_access_key});
    const std::string_view body = redacted_body;
    auto sts = spec.xml_errors ? creds::parse_sts_error(body) : std::nullopt;
    if (sts) {
        err = {};
        err.code = sts->code;
        err.message = protocol::without_url_userinfo(sts->message);
        err.request_id = sts->request_id;
        err.kind = protocol::classify_error(res.result_int(), err.code);
    } else {
        // Whatever the protocol, the answer may be in another format (an emulator's XML, a
        // proxy's HTML): the tolerant reader finds a code or quotes the body.
        err = protocol::parse_aws_error(res.result_int(), res[error_type_header], body,
                                        res[content_type_header]);
    }
    // Again after unescaping (a JSON writer may have sent '/' as "\/").
    err.message =
        protocol::without_secrets(err.message, {signing.session_token, signing.secret_access_key});
}

/// What the step machine needs of an attempt's answer (`io_error` set: there was none).
/// Views into `res` and `err`, which outlive the event. `err` is read only for an answer
/// that is not 2xx: null otherwise.
void summarize(const call_spec& spec, error_code io_error, const http::response& res,
               const credentials& signing, protocol::aws_error* err, answer_summary& a) {
    a.io_error = io_error;
    if (io_error) {
        return;
    }
    a.status = res.result_int();
    if (a.status / 100 != 2) {
        read_error_answer(spec, res, signing, *err);
        a.kind = err->kind;
        a.aws_error_code = err->code;
        a.message = err->message;
        a.date_header = res[beast::http::field::date];
    }
}

} // namespace

namespace {

/// One call() under way: the request_fsm and what its driver keeps between the machine's steps.
/// Each action is a function here; the I/O they need (a wait, a credential fetch, a round trip)
/// is awaited by call() itself, so a step costs no coroutine frame of its own. Every decision
/// (retry or not, how long to wait, quota, limiter, refresh, clock offset) is the machine's.
class call_driver {
public:
    /// Takes the storage of `out`'s request text and answer (finish() gives it back).
    call_driver(client::impl& c, const call_spec& spec, endpoint_state& ep, diagnostics& diag,
                call_response& out)
        : c_(c), spec_(spec), ep_(ep), diag_(diag), limiter_(c.limiter_for(spec.limiter_key)),
          start_offset_(ep.clock_offset), fsm_(params()), request_(std::move(out.request_text)),
          res_(std::move(out.message)) {
        res_.clear();
    }

    /// Asks the machine what to do after the last event; `cancel`: cancellation was asked for
    /// (the caller's slot, or the client shut down).
    request_action next(bool cancel) {
        ev_.cancelled = ev_.cancelled || cancel;
        if (limiter_ != nullptr) {
            ev_.now = std::chrono::steady_clock::now();
        }
        const request_action act = fsm_.resume(ev_);
        diag_.attempts = fsm_.attempt();
        return act;
    }

    /// wait_for_limiter, back_off: the wait is over (`completed` false: it was cancelled).
    void waited(bool completed) {
        ev_ = {};
        ev_.type = request_event::kind::waited;
        ev_.cancelled = !completed;
    }

    /// get_credentials, refresh_credentials: true when they must be fetched (a refresh forgets
    /// the cached ones first); false when the cache has them (the event says so already).
    bool credentials_needed(request_step step) {
        ev_ = {};
        ev_.type = request_event::kind::credentials;
        if (step == request_step::refresh_credentials) {
            c_.forget_credentials(spec_.credentials_key);
            return true;
        }
        return !c_.cached_credentials(spec_.credentials_key, creds_);
    }

    /// The fetch, for credentials_needed: where the driver keeps what it gets.
    std::shared_ptr<const credentials>& credentials_slot() { return creds_; }
    diagnostics& credentials_diagnostics() { return failures().credentials_diag; }
    void credentials_fetched(error_code ec) { ev_.error = ec; }

    /// send: signs the request with the machine's clock offset (which later calls to the
    /// endpoint keep). False, with diag set, when a header value would be unsafe to send.
    bool prepare_send(const request_action& act) {
        if (act.clock_offset != start_offset_) {
            ep_.clock_offset = act.clock_offset; // later calls sign with the server's time
        }
        const auto when = std::chrono::floor<std::chrono::seconds>(
            std::chrono::system_clock::now() + act.clock_offset);
        if (!build_request(parts(c_, spec_, ep_), signing(), when, c_.keys, request_,
                           signing_owner())) {
            diag_.message = "the request to " + ep_.host_header +
                            " would carry a header value with a line break or another control "
                            "character (from the credentials or the user agent)";
            return false;
        }
        ++c_.counts.requests;
        if (fsm_.attempt() > 1) {
            ++c_.counts.retries;
        }
        if (sent_) {
            res_.clear();
            if (failures_) {
                failures_->what.clear();
            }
        }
        sent_ = true;
        return true;
    }

    /// What the round trip reads and fills.
    const http::origin& origin() const { return ep_.origin; }
    std::string_view request() const { return request_; }
    http::response& response() { return res_; }
    std::string& failure_text() { return failures().what; }

    /// send: the round trip is over (`io_error` set: there was no answer).
    void answered(error_code io_error) {
        ev_ = {};
        ev_.type = request_event::kind::answer;
        const bool error_answer = !io_error && res_.result_int() / 100 != 2;
        summarize(spec_, io_error, res_, signing(), error_answer ? &failures().err : nullptr,
                  ev_.answer);
        if (io_error) {
            return;
        }
        c_.counts.bytes_received += res_.body().size();
        if (ev_.answer.status / 100 != 2) {
            ev_.wall_now = std::chrono::system_clock::now(); // for a clock correction
            if (ev_.answer.kind == protocol::error_kind::throttling) {
                ++c_.counts.throttles;
            }
        }
    }

    /// done: the call's result. Success moves the answer to `out`; a failure fills diag with
    /// the last answer's error, the I/O failure, or the credentials' diagnostics, and leaves
    /// `out` empty. Either way `out` gets back the storage the constructor took.
    error_code finish(const request_action& act, call_response& out) {
        const error_code result = failure(act);
        out.request_text = std::move(request_);
        out.message = std::move(res_);
        if (result) {
            out.message.clear();
        }
        return result;
    }

private:
    error_code failure(const request_action& act) {
        if (fsm_.credentials_failed()) {
            auto& fetched = failures().credentials_diag;
            fetched.attempts = diag_.attempts;
            diag_ = std::move(fetched);
            return act.result;
        }
        if (!act.result) {
            return {};
        }
        if (ev_.type == request_event::kind::answer && !ev_.answer.io_error) {
            auto& err = failures().err;
            diag_.aws_error_code = err.code;
            diag_.message = std::move(err.message);
            diag_.http_status = ev_.answer.status;
            diag_.request_id = std::string(res_[request_id_header]);
            if (diag_.request_id.empty()) {
                diag_.request_id = std::move(err.request_id);
            }
        } else if (ev_.type == request_event::kind::answer) {
            diag_.message = std::move(failures().what);
        }
        if (ev_.cancelled) {
            diag_.message = "cancelled";
        }
        return act.result;
    }

    static request_parts parts(const client::impl& c, const call_spec& spec,
                               const endpoint_state& ep) {
        return {ep.host_header,
                ep.path,
                ep.endpoint.signing_region,
                ep.endpoint.signing_name,
                spec.content_type,
                spec.amz_target,
                spec.body,
                c.user_agent};
    }

    request_fsm_params params() const {
        request_fsm_params p;
        p.policy = &c_.policy;
        p.quota = &c_.quota;
        p.limiter = limiter_;
        p.random = &c_.uniform;
        p.fixed_credentials = spec_.signing_credentials.has_value();
        p.refreshable_credentials = spec_.refreshable_credentials;
        p.clock_offset = start_offset_;
        return p;
    }

    const credentials& signing() const {
        return spec_.signing_credentials ? *spec_.signing_credentials : *creds_;
    }
    /// The shared object signing() is, when it is one: the cache's credentials never change.
    std::shared_ptr<const void> signing_owner() const {
        return spec_.signing_credentials ? nullptr : creds_;
    }

    client::impl& c_;
    const call_spec& spec_;
    endpoint_state& ep_;
    diagnostics& diag_;
    retry::adaptive_rate_limiter* const limiter_;
    const std::chrono::seconds start_offset_; // the endpoint's clock offset when the call began
    request_fsm fsm_;
    request_event ev_;
    bool sent_ = false;
    std::shared_ptr<const credentials> creds_;
    std::string request_;
    http::response res_;
    // What only a failure, a retry or a credential fetch needs, made on first use: kept out of
    // call()'s coroutine frame, which then fits the allocator's small sizes (1,328 bytes
    // before: a large-bin malloc, with malloc_consolidate, for every request).
    struct failure_parts {
        diagnostics credentials_diag;
        std::string what;
        protocol::aws_error err;
    };
    failure_parts& failures() {
        if (!failures_) {
            failures_ = std::make_unique<failure_parts>();
        }
        return *failures_;
    }
    std::unique_ptr<failure_parts> failures_;
};

} // namespace

// The loop: ask the machine, do the action, tell the machine (call_driver).
asio::awaitable<error_code> client::impl::call(const call_spec& spec, call_response& out,
                                               diagnostics& diag) {
    diag = {};
    std::string error;
    endpoint_state* ep = endpoint_state_for(spec.service, spec.region, error);
    if (ep == nullptr) {
        diag.message = std::move(error);
        co_return errc::endpoint_unresolved;
    }
    call_driver d(*this, spec, *ep, diag, out);
    // The coroutine's cancellation state, read once: a handle whose cancelled() sees later
    // cancellation (a co_await per step would cost a coroutine frame each).
    const auto cancellation = co_await asio::this_coro::cancellation_state;
    for (;;) {
        const request_action act =
            d.next(shut_down || cancellation.cancelled() != asio::cancellation_type::none);
        switch (act.step) {
        case request_step::wait_for_limiter:
        case request_step::back_off:
            d.waited(co_await sleep_for(act.delay));
            break;
        case request_step::get_credentials:
        case request_step::refresh_credentials:
            if (d.credentials_needed(act.step)) {
                d.credentials_fetched(co_await credentials_for(
                    spec.credentials_key, d.credentials_slot(), d.credentials_diagnostics()));
            }
            break;
        case request_step::send: {
            if (!d.prepare_send(act)) {
                co_return errc::invalid_argument;
            }
            // The round trip on a pooled connection, awaited here rather than in a coroutine of
            // its own (a frame per request), with the one transparent retry a reused connection
            // earns when it turns out dead before any byte of the answer (the server closed it
            // while it was idle; the request never reached the application).
            error_code ec;
            for (bool may_retry_stale = true;; may_retry_stale = false) {
                http::connection_pool::decision dec;
                auto conn = pool.try_acquire(d.origin(), dec); // an idle one, with no coroutine
                if (!conn) {
                    conn = co_await pool.acquire_after(d.origin(), std::move(dec), ec,
                                                       d.failure_text());
                    if (ec) {
                        break;
                    }
                }
                ec = co_await conn->round_trip(d.request(), d.response(),
                                               pool.options().max_body_bytes,
                                               pool.options().request_timeout);
                if (!ec) {
                    break; // the lease parks the connection if its answer allows
                }
                conn.discard();
                const bool stale = may_retry_stale && conn.reused() && !conn->got_some() &&
                                   ec != beast::error::timeout &&
                                   cancellation.cancelled() == asio::cancellation_type::none;
                conn = {}; // closed now, before a retry asks for another
                if (!stale) {
                    ec = round_trip_failure(pool, d.origin(), ec, d.failure_text());
                    break;
                }
            }
            d.answered(ec);
            break;
        }
        case request_step::done:
            co_return d.finish(act, out);
        }
    }
}

call_spec client::impl::get_connections_spec(const target& t) const {
    call_spec spec;
    spec.service = endpoints::service::glue;
    spec.region = t.region;
    spec.content_type = "application/x-amz-json-1.1";
    spec.amz_target = "AWSGlue.GetConnections";
    if (options.retry == retry_mode::adaptive) {
        spec.limiter_key = t.account_id + "/" + t.region;
    }
    const bool with_role = !options.identity.role_name.empty();
    spec.credentials_key = with_role ? t.account_id : std::string();
    spec.refreshable_credentials = with_role;
    return spec;
}

void client::impl::write_get_connections_body(const target& t, get_connections_request& r,
                                              call_spec& spec) const {
    // With a role, the assumed identity reads its own account's catalog by default. Without
    // one, the base identity reads other accounts' catalogs, so the catalog is always named.
    if (t.catalog_id || options.identity.role_name.empty()) {
        r.catalog_id = t.catalog();
    }
    spec.body.clear(); // its capacity serves the next page's body
    protocol::write_get_connections_request(r, spec.body);
}

error_code client::impl::read_get_connections(const call_response& resp, get_connections_page& page,
                                              diagnostics& diag) {
    protocol::parse_error perr;
    if (parser.parse_get_connections(resp.text(), page, perr)) {
        return {};
    }
    diag.http_status = resp.status();
    diag.request_id = resp.request_id();
    diag.message = "GetConnections answer rejected: " + perr.what +
                   (perr.where.empty() ? "" : " at " + perr.where);
    page = {};
    return errc::invalid_response;
}

asio::awaitable<std::pair<error_code, get_connections_page>>
client::impl::get_connections(const target& t, get_connections_request r, diagnostics& diag) {
    call_spec spec = get_connections_spec(t);
    write_get_connections_body(t, r, spec);
    call_response resp;
    std::pair<error_code, get_connections_page> result;
    result.first = co_await call(spec, resp, diag);
    if (!result.first) {
        result.first = read_get_connections(resp, result.second, diag);
    }
    co_return std::move(result);
}

// ---------------------------------------------------------------------------------------------
// The public operations.

namespace {

using page_result = std::pair<error_code, get_connections_page>;

asio::awaitable<page_result> get_connections_op(std::shared_ptr<client::impl> self, target t,
                                                get_connections_request r, diagnostics& diag) {
    co_return co_await self->get_connections(t, std::move(r), diag);
}

using accounts_result = std::pair<error_code, std::vector<organization_account>>;

asio::awaitable<accounts_result> list_accounts_op(std::shared_ptr<client::impl> self,
                                                  diagnostics& diag) {
    accounts_result result;
    std::optional<std::string> token;
    std::vector<std::string> seen_tokens;
    for (;;) {
        call_spec spec;
        spec.service = endpoints::service::organizations;
        spec.region = self->options.home_region;
        spec.content_type = "application/x-amz-json-1.1";
        spec.amz_target = protocol::list_accounts_target;
        protocol::write_list_accounts_request(token, std::nullopt, spec.body);
        spec.limiter_key = "organizations";
        call_response resp;
        result.first = co_await self->call(spec, resp, diag);
        if (result.first) {
            co_return std::move(result);
        }
        protocol::list_accounts_page page;
        protocol::parse_error perr;
        if (!self->parser.parse_list_accounts(resp.text(), page, perr)) {
            diag.http_status = resp.status();
            diag.request_id = resp.request_id();
            diag.message = "ListAccounts answer rejected: " + perr.what +
                           (perr.where.empty() ? "" : " at " + perr.where);
            result.first = errc::invalid_response;
            co_return std::move(result);
        }
        for (auto& a : page.accounts) {
            // Status is deprecated in favour of State; either tells whether it is ACTIVE.
            std::string status = !a.status.empty() ? std::move(a.status) : std::move(a.state);
            result.second.push_back({std::move(a.id), std::move(a.arn), std::move(a.email),
                                     std::move(a.name), std::move(status)});
        }
        if (!page.next_token || page.next_token->empty()) {
            co_return std::move(result);
        }
        if (std::find(seen_tokens.begin(), seen_tokens.end(), *page.next_token) !=
            seen_tokens.end()) {
            diag.message = "ListAccounts returned a NextToken it had already returned";
            result.first = errc::repeated_next_token;
            co_return std::move(result);
        }
        seen_tokens.push_back(*page.next_token);
        token = std::move(page.next_token);
    }
}

using account_id_result = std::pair<error_code, std::string>;

asio::awaitable<account_id_result> caller_account_op(std::shared_ptr<client::impl> self,
                                                     diagnostics& diag) {
    account_id_result result;
    call_spec spec;
    spec.service = endpoints::service::sts;
    spec.region = self->options.home_region;
    spec.content_type = "application/x-www-form-urlencoded; charset=utf-8";
    spec.body = creds::get_caller_identity_body();
    spec.xml_errors = true;
    spec.limiter_key = "sts";
    call_response resp;
    result.first = co_await self->call(spec, resp, diag);
    if (result.first) {
        co_return std::move(result);
    }
    auto parsed = creds::parse_get_caller_identity_response(resp.text());
    if (!parsed) {
        diag.message = "GetCallerIdentity answer rejected: " + parsed.error().message;
        result.first = errc::invalid_response;
        co_return std::move(result);
    }
    result.second = parsed->account;
    co_return std::move(result);
}

} // namespace

client::client(executor_type ex, client_options options)
    : impl_(std::make_shared<impl>(std::move(ex), std::move(options))) {}

client::~client() {
    if (impl_) {
        impl_->shut_down = true;
        impl_->pool.shutdown();
    }
}

client::executor_type client::get_executor() const noexcept {
    return impl_->executor;
}

const client_options& client::options() const noexcept {
    return impl_->options;
}

void client::async_get_connections_erased(
    std::shared_ptr<impl> self, diagnostics* diag, target t, get_connections_request r,
    asio::any_completion_handler<void(error_code, get_connections_page)> handler) {
    const auto ex = self->executor;
    start<page_result>(
        ex, diag,
        [self = std::move(self), t = std::move(t), r = std::move(r)](diagnostics& d) mutable {
            return get_connections_op(std::move(self), std::move(t), std::move(r), d);
        },
        std::move(handler));
}

void client::async_list_accounts_erased(
    std::shared_ptr<impl> self, diagnostics* diag,
    asio::any_completion_handler<void(error_code, std::vector<organization_account>)> handler) {
    const auto ex = self->executor;
    start<accounts_result>(
        ex, diag,
        [self = std::move(self)](diagnostics& d) mutable {
            return list_accounts_op(std::move(self), d);
        },
        std::move(handler));
}

void client::async_get_caller_account_erased(
    std::shared_ptr<impl> self, diagnostics* diag,
    asio::any_completion_handler<void(error_code, std::string)> handler) {
    const auto ex = self->executor;
    start<account_id_result>(
        ex, diag,
        [self = std::move(self)](diagnostics& d) mutable {
            return caller_account_op(std::move(self), d);
        },
        std::move(handler));
}

client_stats client::stats() const noexcept {
    client_stats s;
    s.requests = impl_->counts.requests.load();
    s.retries = impl_->counts.retries.load();
    s.throttles = impl_->counts.throttles.load();
    s.bytes_received = impl_->counts.bytes_received.load();
    s.credential_refreshes = impl_->counts.credential_refreshes.load();
    const auto& p = impl_->pool.stats();
    s.connections_opened = p.connections_opened;
    s.tls_handshakes = p.tls_handshakes;
    s.tls_resumptions = p.tls_resumptions;
    return s;
}

void client::shutdown() {
    impl_->shut_down = true;
    impl_->pool.shutdown();
}

} // namespace glue_inventory
