// The thin I/O under the credential providers' sans-I/O cores (credentials/imds, container,
// web_identity, sso): one creds::http_request out, one creds::http_outcome back.
//
// Executor and thread safety: each function runs on the executor it is given (the client's);
// none is thread-safe. A transport failure is an outcome, not an exception.
#pragma once

#include "credentials/http_message.hpp"
#include "credentials/http_uri.hpp"
#include "http/connection_pool.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace glue_inventory::client_detail {

/// The largest answer a credential endpoint may send (they are under 2 KiB).
inline constexpr std::size_t max_credential_answer_bytes = 64 * 1024;

/// One request on a connection of its own to `uri`'s origin (IMDS and container endpoints:
/// plain HTTP to a link-local or loopback address; never pooled, never kept). `timeout` bounds
/// the connect and, again, the round trip, so an absent endpoint costs at most twice it.
boost::asio::awaitable<creds::http_outcome>
direct_exchange(boost::asio::any_io_executor ex, boost::asio::ssl::context& tls,
                const creds::http_uri& uri, const creds::http_request& request,
                std::string_view user_agent, std::chrono::milliseconds timeout);

/// The addresses `host` resolves to (every one, for the container's host rule). On failure,
/// an empty list and `what` says why.
boost::asio::awaitable<std::vector<std::string>>
resolve_addresses(boost::asio::any_io_executor ex, const std::string& host, std::string& what);

/// One request through the client's pool (HTTPS: STS, the SSO portal, SSO-OIDC), unsigned.
boost::asio::awaitable<creds::http_outcome> pooled_exchange(http::connection_pool& pool,
                                                            const http::origin& origin,
                                                            const creds::http_request& request,
                                                            std::string_view user_agent);

} // namespace glue_inventory::client_detail
