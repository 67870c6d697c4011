// The base identity: the default chain of credentials/chain.hpp (plan_credentials, shared with
// the CLI's pre-check) run against the network. Each source's rules live in its sans-I/O core
// (credentials/imds, container, web_identity, sso); this file only moves their requests and
// answers, reads the files they name, and retries what they call retryable.
#include "client/client_impl.hpp"
#include "client/credential_exchange.hpp"
#include "client/credential_process.hpp"
#include "client/credential_sources.hpp"
#include "credentials/chain.hpp"
#include "credentials/process_output.hpp"
#include "credentials/read_file.hpp"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <glue_inventory/nothrow.hpp>
#include <unistd.h>

namespace glue_inventory {
namespace asio = boost::asio;
using boost::system::error_code;

namespace {

/// The pause between attempts of a credential call (STS, SSO, container): short, because a
/// scan waits on it, and enough for a transient IdP or agent hiccup to pass.
constexpr std::chrono::milliseconds credential_retry_pause{200};

std::chrono::sys_seconds now_seconds() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

asio::awaitable<void> pause(asio::any_io_executor ex, std::chrono::milliseconds d) {
    asio::steady_timer timer(ex, d);
    (void)co_await timer.async_wait(nothrow);
}

error_code fail(diagnostics& diag, std::string message) {
    diag.message = std::move(message);
    return errc::credentials_unavailable;
}

// An http(s) URL setting (AWS_ENDPOINT_URL_SSO...) as the pool's origin and a path prefix.
bool origin_of(const std::string& url, http::origin& o, std::string& prefix) {
    auto uri = creds::parse_http_uri(url, "endpoint");
    if (!uri) {
        return false;
    }
    o = http::origin{uri->scheme == "https", uri->host, uri->port};
    prefix = uri->target == "/" ? std::string() : uri->target;
    while (!prefix.empty() && prefix.back() == '/') {
        prefix.pop_back();
    }
    return true;
}

// Reads a small file the provider names again on every fetch (rotated tokens).
bool read_small_file(const std::string& path, std::size_t limit, std::string& out,
                     std::string& what) {
    auto text = creds::read_text_file(path);
    if (!text) {
        what = text.error().message;
        return false;
    }
    if (!*text) {
        what = "'" + path + "' does not exist";
        return false;
    }
    if ((*text)->size() > limit) {
        what = "'" + path + "' is larger than " + std::to_string(limit) + " bytes";
        return false;
    }
    out = std::move(**text);
    return true;
}

// The SSO cache is written as the AWS CLI writes it: a temporary file beside it, flushed and
// synced, then renamed over it, so a reader never sees half a token.
bool write_atomically(const std::string& path, const std::string& text, std::string& what) {
    const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) {
            what = "cannot write '" + temporary + "'";
            std::remove(temporary.c_str());
            return false;
        }
    }
    if (FILE* f = std::fopen(temporary.c_str(), "rb")) {
        ::fsync(::fileno(f));
        std::fclose(f);
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        what = "cannot replace '" + path + "': " + ec.message();
        std::remove(temporary.c_str());
        return false;
    }
    return true;
}

} // namespace

asio::awaitable<error_code> client::impl::fetch_imds(const creds::imds::settings& s,
                                                     credentials& out, diagnostics& diag) {
    auto& state = sources->imds;
    const auto now = now_seconds();
    creds::imds::fetch machine(s, state, now);
    auto step = machine.start();
    const creds::http_uri endpoint = s.endpoint;
    while (auto* send = std::get_if<creds::imds::fetch::send>(&step)) {
        const creds::http_request request = send->request;
        auto outcome = co_await client_detail::direct_exchange(executor, *tls, endpoint, request,
                                                               user_agent, s.timeout);
        step = machine.resume(outcome);
    }
    std::uniform_int_distribution<long> jitter_seconds(0,
                                                       creds::imds::max_extension_jitter.count());
    if (auto* got = std::get_if<creds::imds::instance_credentials>(&step)) {
        out = got->creds;
        sources->account_id = got->account_id;
        if (creds::imds::extend_if_expired(out, now,
                                           std::chrono::seconds{jitter_seconds(random)})) {
            diag.message = creds::imds::extension_message(out, now);
        }
        sources->imds_last_good = out;
        co_return error_code{};
    }
    const auto& failure = std::get<creds::imds::fetch_failure>(step);
    // Static stability: an outage must not end a scan that had credentials.
    if (sources->imds_last_good && !s.disabled) {
        out = *sources->imds_last_good;
        out.expiration = now;
        creds::imds::extend_if_expired(out, now, std::chrono::seconds{jitter_seconds(random)});
        co_return error_code{};
    }
    if (failure.what == creds::imds::fetch_failure::kind::unavailable) {
        co_return fail(diag, "no credentials found: no environment keys, no profile with "
                             "credentials, no web identity, no container endpoint, and " +
                                 failure.message);
    }
    co_return fail(diag, failure.message);
}

asio::awaitable<error_code> client::impl::fetch_container(const creds::container::settings& s,
                                                          credentials& out, diagnostics& diag) {
    if (s.host_to_resolve) {
        std::string what;
        const std::string host = *s.host_to_resolve;
        auto addresses = co_await client_detail::resolve_addresses(executor, host, what);
        if (!what.empty()) {
            co_return fail(diag, s.uri_variable + ": " + what);
        }
        if (auto ok = creds::container::check_resolved_addresses(s, addresses); !ok) {
            co_return fail(diag, ok.error().message);
        }
    }
    std::string last_failure;
    for (unsigned attempt = 1; attempt <= creds::container::attempts; ++attempt) {
        std::optional<std::string> token;
        if (s.token_file) {
            std::string text, what;
            if (!read_small_file(*s.token_file, creds::container::max_token_file_bytes, text,
                                 what)) {
                co_return fail(diag, "failed to read authorization token from " + what);
            }
            token = std::move(text);
        }
        auto request = creds::container::build_request(s, token);
        if (!request) {
            co_return fail(diag, request.error().message);
        }
        const creds::http_request r = *request;
        const creds::http_uri uri = s.uri;
        auto outcome = co_await client_detail::direct_exchange(executor, *tls, uri, r, user_agent,
                                                               creds::container::timeout);
        auto answer = creds::container::read_answer(s, outcome);
        if (answer) {
            out = answer->creds;
            sources->account_id = answer->account_id;
            co_return error_code{};
        }
        last_failure = answer.error().message;
        if (!answer.error().retryable) {
            break;
        }
        if (attempt < creds::container::attempts) {
            co_await pause(executor, credential_retry_pause);
        }
    }
    co_return fail(diag, last_failure);
}

asio::awaitable<error_code> client::impl::fetch_web_identity(const creds::web_identity::settings& s,
                                                             credentials& out, diagnostics& diag) {
    std::string error;
    const endpoints::endpoint* ep =
        endpoint_for(endpoints::service::sts, options.home_region, error);
    if (ep == nullptr) {
        co_return fail(diag, "web identity: " + error);
    }
    const http::origin origin{ep->parts.scheme == "https", ep->parts.host, ep->parts.port};
    const std::string path = ep->parts.path.empty() ? "/" : ep->parts.path;
    std::string last_failure;
    for (unsigned attempt = 1; attempt <= creds::web_identity::attempts; ++attempt) {
        // Read again every time: IRSA and GitHub rotate the token.
        std::string token, what;
        if (!read_small_file(s.token_file, creds::web_identity::max_token_file_bytes, token,
                             what)) {
            co_return fail(diag, "web identity token file (" + s.origin + "): " + what);
        }
        auto request = creds::web_identity::build_request(s, token);
        if (!request) {
            co_return fail(diag, request.error().message);
        }
        request->target = path;
        const creds::http_request r = *request;
        ++counts.credential_refreshes;
        auto outcome = co_await client_detail::pooled_exchange(pool, origin, r, user_agent);
        auto answer = creds::web_identity::read_answer(s, outcome);
        if (answer) {
            out = answer->creds;
            if (!answer->account_id.empty()) {
                sources->account_id = answer->account_id;
            }
            co_return error_code{};
        }
        last_failure = answer.error().message;
        if (!answer.error().retryable) {
            break;
        }
        if (attempt < creds::web_identity::attempts) {
            co_await pause(executor, credential_retry_pause);
        }
    }
    co_return fail(diag, last_failure);
}

asio::awaitable<error_code> client::impl::fetch_sso(const creds::sso::settings& s,
                                                    const creds::env_lookup& env, credentials& out,
                                                    diagnostics& diag) {
    // AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, then the profile's endpoint_url.
    auto endpoint_setting = [this](const creds::env_lookup& e, std::string_view service_id,
                                   std::string& variable) -> std::optional<std::string> {
        if (auto url = creds::endpoint_override(e, service_id, variable)) {
            return url;
        }
        std::string key(service_id);
        std::transform(key.begin(), key.end(), key.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        auto it = sources->profile_endpoint_urls.find(key);
        if (it == sources->profile_endpoint_urls.end()) {
            return std::nullopt;
        }
        variable = "the profile's endpoint_url";
        return it->second;
    };
    auto home = env("HOME");
    if (!home || home->empty()) {
        co_return fail(diag, "profile '" + s.profile +
                                 "': HOME is not set, so the SSO token "
                                 "cache (~/.aws/sso/cache) cannot be found");
    }
    const std::string path = creds::sso::cache_file(s, *home + "/.aws/sso/cache");
    std::string text, what;
    if (!read_small_file(path, creds::max_shared_file_bytes, text, what)) {
        co_return fail(diag, creds::sso::login_error(s, "Error loading SSO Token: Token for " +
                                                            s.cache_key() + " does not exist"));
    }
    auto token = creds::sso::parse_cached_token(text, s.cache_key());
    if (!token) {
        co_return fail(diag, creds::sso::login_error(s, token.error().message));
    }
    const auto now = now_seconds();
    auto action = creds::sso::decide(s, *token, now, sources->sso_last_refresh_attempt);
    if (action == creds::sso::token_action::refresh) {
        sources->sso_last_refresh_attempt = now;
        http::origin oidc{true, creds::sso::oidc_host(token->region.value_or(s.region)), 443};
        std::string prefix;
        std::string variable;
        if (auto url = endpoint_setting(env, "SSO_OIDC", variable)) {
            if (!origin_of(*url, oidc, prefix)) {
                co_return fail(diag, variable + " is not an http(s) URL");
            }
        }
        auto request = creds::sso::create_token_request(*token);
        request.target = prefix + request.target;
        const creds::http_request r = request;
        auto outcome = co_await client_detail::pooled_exchange(pool, oidc, r, user_agent);
        auto refreshed = creds::sso::apply_create_token_answer(*token, outcome, now);
        if (refreshed) {
            std::string write_error;
            if (!write_atomically(path, creds::sso::write_cached_token(*refreshed), write_error)) {
                diag.message = "SSO token refreshed but not saved: " + write_error;
            }
            token = std::move(*refreshed);
        } else if (now >= token->expires_at) {
            co_return fail(diag,
                           creds::sso::login_error(s, "Token has expired and refresh failed (" +
                                                          refreshed.error().message + ")"));
        }
    } else if (action == creds::sso::token_action::refuse) {
        co_return fail(diag, creds::sso::login_error(s, "the cached SSO token has expired"));
    }

    http::origin portal{true, creds::sso::portal_host(s.region), 443};
    std::string prefix;
    std::string variable;
    if (auto url = endpoint_setting(env, "SSO", variable)) {
        if (!origin_of(*url, portal, prefix)) {
            co_return fail(diag, variable + " is not an http(s) URL");
        }
    }
    std::string last_failure;
    for (unsigned attempt = 1; attempt <= creds::sso::attempts; ++attempt) {
        auto request = creds::sso::get_role_credentials_request(s, token->access_token);
        request.target = prefix + request.target;
        const creds::http_request r = request;
        ++counts.credential_refreshes;
        auto outcome = co_await client_detail::pooled_exchange(pool, portal, r, user_agent);
        auto answer = creds::sso::read_role_credentials(s, outcome);
        if (answer) {
            out = *answer;
            sources->account_id = s.account_id;
            co_return error_code{};
        }
        last_failure = answer.error().message;
        if (!answer.error().retryable) {
            break;
        }
        if (attempt < creds::sso::attempts) {
            co_await pause(executor, credential_retry_pause);
        }
    }
    co_return fail(diag, last_failure);
}

asio::awaitable<error_code> client::impl::fetch_base_credentials(credentials& out,
                                                                 diagnostics& diag) {
    const auto& id = options.identity;
    if (id.static_credentials) {
        out = *id.static_credentials;
        sources->description = "static credentials (client_options)";
        sources->account_id.reset();
        co_return error_code{};
    }
    // The embedder's environment, when it gave one: never the process's behind its back.
    const creds::env_lookup env =
        options.env ? creds::env_lookup(options.env) : creds::process_environment();
    auto plan =
        creds::load_and_plan(env, id.profile, id.config_file, id.credentials_file, now_seconds());
    if (!plan) {
        co_return fail(diag, plan.error().message);
    }
    sources->description = plan->source;
    sources->profile_endpoint_urls = plan->endpoint_urls;

    credentials current;
    error_code ec;
    if (auto* given = std::get_if<creds::keys_base>(&plan->base)) {
        current = given->keys;
    } else if (auto* p = std::get_if<creds::process_base>(&plan->base)) {
        std::string output, what;
        const std::string command = p->command;
        if (auto run_ec = co_await client_detail::run_credential_process(command, output, what)) {
            diag.message = "profile '" + p->profile + "': " + what;
            co_return run_ec;
        }
        auto parsed = creds::parse_process_output(output);
        if (!parsed) {
            co_return fail(diag, "profile '" + p->profile + "': " + parsed.error().message);
        }
        current = std::move(*parsed);
    } else if (auto* w = std::get_if<creds::web_identity_base>(&plan->base)) {
        const creds::web_identity::settings s = w->settings;
        ec = co_await fetch_web_identity(s, current, diag);
    } else if (auto* sso = std::get_if<creds::sso_base>(&plan->base)) {
        const creds::sso::settings s = sso->settings;
        ec = co_await fetch_sso(s, env, current, diag);
    } else if (auto* c = std::get_if<creds::container_base>(&plan->base)) {
        const creds::container::settings s = c->settings;
        ec = co_await fetch_container(s, current, diag);
    } else {
        const creds::imds::settings s = std::get<creds::imds_base>(plan->base).settings;
        ec = co_await fetch_imds(s, current, diag);
    }
    if (ec) {
        co_return ec;
    }
    for (const auto& step : plan->steps) {
        credentials next;
        const std::string session_name = step.role_session_name.value_or(id.role_session_name);
        const auto duration = step.duration.value_or(std::chrono::seconds{0});
        if (auto step_ec = co_await assume_role(current, step.role_arn, step.external_id,
                                                session_name, duration, next, diag)) {
            diag.message = "profile '" + step.profile + "': " + diag.message;
            co_return step_ec;
        }
        current = std::move(next);
        // The identity is now this role's, in the account its ARN names.
        if (auto account = creds::web_identity::account_of_arn(step.role_arn); !account.empty()) {
            sources->account_id = std::move(account);
        }
    }
    out = std::move(current);
    co_return error_code{};
}

} // namespace glue_inventory
