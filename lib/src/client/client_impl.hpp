// The inside of glue_inventory::client: the state one client keeps (pool, caches, retry state,
// parser) and the one function every AWS call goes through, call().
#pragma once

#include "client/credential_sources.hpp"
#include "credentials/container.hpp"
#include "credentials/sso.hpp"
#include "credentials/web_identity.hpp"
#include "endpoints/endpoint_resolver.hpp"
#include "http/connection_pool.hpp"
#include "protocol/response_parser.hpp"
#include "retry/adaptive_rate_limiter.hpp"
#include "retry/retry_quota.hpp"
#include "retry/standard_policy.hpp"
#include "sigv4/signing_key_cache.hpp"

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <glue_inventory/client.hpp>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <utility>

namespace glue_inventory {

namespace client_detail {

/// One AWS request to make, before signing.
struct call_spec {
    endpoints::service service = endpoints::service::glue;
    std::string region; // the endpoint's region; also the signing region
    // Constants of the protocol (string literals): views, so that a request copies neither.
    std::string_view content_type; // "application/x-amz-json-1.1", "application/x-www-form-..."
    std::string_view amz_target;   // X-Amz-Target, empty for the query protocol
    std::string body;
    bool xml_errors = false;     // STS answers errors in XML
    std::string limiter_key;     // adaptive mode only: the (account, region) the limiter is for
    std::string credentials_key; // the account whose credentials sign; empty: the base identity
    // Credentials that sign instead of the cache's (AssumeRole with a step of a profile chain).
    std::optional<credentials> signing_credentials;
    bool refreshable_credentials = false; // an account's assumed role: may be fetched anew
};

/// The header that carries AWS's ID of a request (quoted in diagnostics).
inline constexpr std::string_view request_id_header = "x-amzn-RequestId";

/// A 2xx answer: the body, followed by http::body_padding readable bytes (parsed in place).
struct call_response {
    /// The whole answer, moved from the connection's read (no copy of the request ID).
    http::response message;
    /// The text of the last request sent for it. call() takes this storage, and the message's,
    /// for its own request and answer and gives them back: a caller that reads page after page
    /// into one call_response (the scan) allocates neither per request.
    std::string request_text;

    unsigned status() const { return message.result_int(); }
    std::string_view text() const { return message.body().view(); }
    std::string_view request_id() const { return message[request_id_header]; }
};

struct credentials_slot; // see credentials_cache.cpp

/// A resolved endpoint and what the client learnt about it.
struct endpoint_state {
    explicit endpoint_state(endpoints::endpoint ep)
        : endpoint(std::move(ep)), origin{endpoint.parts.scheme == "https", endpoint.parts.host,
                                          endpoint.parts.port},
          host_header(origin.host_header()),
          path(endpoint.parts.path.empty() ? "/" : endpoint.parts.path) {}

    endpoints::endpoint endpoint;
    // Made once here rather than for every request.
    http::origin origin;
    std::string host_header;
    std::string path;
    /// The server's clock minus ours, learnt from a clock-skew answer's Date header: every
    /// later request to the endpoint signs with its local time plus this.
    std::chrono::seconds clock_offset{0};
};

} // namespace client_detail

struct client::impl {
    impl(boost::asio::any_io_executor ex, client_options opts);

    /// Sends `spec`, with retries, and fills `out` with a 2xx answer. On failure returns the
    /// error and fills `diag`.
    boost::asio::awaitable<boost::system::error_code> call(const client_detail::call_spec& spec,
                                                           client_detail::call_response& out,
                                                           diagnostics& diag);

    /// One GetConnections page for `t` (client::async_get_connections without the
    /// type-erased handler and the co_spawn; the library's own scan awaits its parts below).
    boost::asio::awaitable<std::pair<boost::system::error_code, get_connections_page>>
    get_connections(const target& t, get_connections_request r, diagnostics& diag);

    /// get_connections in its three parts, for a caller that awaits call() itself and keeps the
    /// spec across a target's pages (the scan: a coroutine frame and the spec's strings fewer per
    /// page). The spec of `t`'s GetConnections calls, without a body:
    client_detail::call_spec get_connections_spec(const target& t) const;
    /// `r` (its catalog named as get_connections does) written as `spec`'s body, replacing it:
    void write_get_connections_body(const target& t, get_connections_request& r,
                                    client_detail::call_spec& spec) const;
    /// A 2xx answer read into `page`; errc::invalid_response, with `diag`, when it is rejected.
    boost::system::error_code read_get_connections(const client_detail::call_response& resp,
                                                   get_connections_page& page, diagnostics& diag);

    /// Credentials that sign for `account` (empty: the base identity), from the cache, fetched
    /// once for all concurrent callers when missing or about to expire.
    boost::asio::awaitable<boost::system::error_code>
    credentials_for(const std::string& account, std::shared_ptr<const credentials>& out,
                    diagnostics& diag);
    void forget_credentials(const std::string& account);
    /// credentials_for's usual case without its coroutine: true, and `out` set, when the
    /// credentials of `account` are cached and need no refresh.
    bool cached_credentials(const std::string& account, std::shared_ptr<const credentials>& out);

    /// The default chain (base_credentials.cpp): plan, then the source's fetch.
    boost::asio::awaitable<boost::system::error_code> fetch_base_credentials(credentials& out,
                                                                             diagnostics& diag);
    boost::asio::awaitable<boost::system::error_code>
    fetch_imds(const creds::imds::settings& s, credentials& out, diagnostics& diag);
    boost::asio::awaitable<boost::system::error_code>
    fetch_container(const creds::container::settings& s, credentials& out, diagnostics& diag);
    boost::asio::awaitable<boost::system::error_code>
    fetch_web_identity(const creds::web_identity::settings& s, credentials& out, diagnostics& diag);
    boost::asio::awaitable<boost::system::error_code> fetch_sso(const creds::sso::settings& s,
                                                                const creds::env_lookup& env,
                                                                credentials& out,
                                                                diagnostics& diag);
    boost::asio::awaitable<boost::system::error_code>
    assume_role(const credentials& with, const std::string& role_arn,
                const std::optional<std::string>& external_id, const std::string& session_name,
                std::chrono::seconds duration, credentials& out, diagnostics& diag);

    /// The endpoint of (service, region), resolved once.
    const endpoints::endpoint* endpoint_for(endpoints::service svc, const std::string& region,
                                            std::string& error);
    /// The same, with what the client keeps about the endpoint (its origin, Host header, path
    /// and learnt clock offset).
    client_detail::endpoint_state*
    endpoint_state_for(endpoints::service svc, const std::string& region, std::string& error);

    /// Adaptive mode: the rate limiter of `key` (an account and region), made on first use;
    /// nullptr in standard mode.
    retry::adaptive_rate_limiter* limiter_for(const std::string& key);

    boost::asio::any_io_executor executor;
    client_options options;
    std::string user_agent;
    std::shared_ptr<boost::asio::ssl::context> tls;
    http::connection_pool pool;
    endpoints::resolver resolver;
    std::map<std::pair<endpoints::service, std::string>, client_detail::endpoint_state>
        endpoints_cache;
    sigv4::signing_key_cache keys;
    protocol::response_parser parser;
    retry::standard_policy policy;
    retry::retry_quota quota;
    std::unordered_map<std::string, std::unique_ptr<retry::adaptive_rate_limiter>> limiters;
    std::mt19937_64 random;
    /// The backoff's jitter in [0, 1), from `random`; made once, not per call.
    retry::random_source uniform;
    std::unordered_map<std::string, std::shared_ptr<client_detail::credentials_slot>>
        credential_slots;
    std::shared_ptr<client_detail::source_state> sources =
        std::make_shared<client_detail::source_state>();
    bool shut_down = false;

    struct counters {
        std::atomic<std::uint64_t> requests{0}, retries{0}, throttles{0}, bytes_received{0},
            credential_refreshes{0};
    } counts;
};

} // namespace glue_inventory
