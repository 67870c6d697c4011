// The client: one signed AWS call at a time, over pooled TLS connections, with retries.
//
// Executor: every operation runs on the client's executor. When that executor's io_context is
// run by several threads, pass a strand: the client's state (pool, caches, parser) is not
// protected against concurrent use.
// Cancellation: every async_* operation supports per-operation cancellation (terminal): it then
// completes with errc::cancelled and the connection it used is closed.
// Thread safety: distinct objects: safe. Shared object: unsafe, except stats(), which any
// thread may call.
#pragma once

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <cstdint>
#include <glue_inventory/client_options.hpp>
#include <glue_inventory/error.hpp>
#include <glue_inventory/export.hpp>
#include <glue_inventory/model.hpp>
#include <glue_inventory/target.hpp>
#include <memory>
#include <string>
#include <vector>

namespace glue_inventory {

/// An account of the organisation (Organizations ListAccounts).
struct organization_account {
    std::string id;
    std::string arn;
    std::string email;
    std::string name;
    std::string status; // ACTIVE | SUSPENDED | PENDING_CLOSURE
    bool operator==(const organization_account&) const = default;
};

/// Counters since the client was made. Read from any thread.
struct client_stats {
    std::uint64_t requests = 0;       // HTTP requests sent, retries included
    std::uint64_t retries = 0;        // requests that were retries
    std::uint64_t throttles = 0;      // throttling answers received
    std::uint64_t bytes_received = 0; // response bodies
    std::uint64_t connections_opened = 0;
    std::uint64_t tls_handshakes = 0;
    std::uint64_t tls_resumptions = 0;
    std::uint64_t credential_refreshes = 0; // AssumeRole calls made
};

class GLUE_INVENTORY_API client {
public:
    using executor_type = boost::asio::any_io_executor;

    /// Throws boost::system::system_error (errc::invalid_argument) when the options cannot work:
    /// a field out of its documented range (options_error()), a CA bundle that does not load, an
    /// endpoint URL that does not parse; what() names the option and the value.
    client(executor_type ex, client_options options);
    ~client();
    client(const client&) = delete;
    client& operator=(const client&) = delete;

    executor_type get_executor() const noexcept;
    const client_options& options() const noexcept;

    /// One GetConnections page for `t`: credentials for t.account_id (assumed-role credentials
    /// when the options name a role, cached, refreshed before expiry), the endpoint of
    /// t.region, SigV4, a pooled connection, retries, parse. `request.catalog_id` is taken
    /// from t. Completion: void(error_code, get_connections_page); `diag` (which must outlive
    /// the operation) says what the server or the client said on failure.
    template <class CompletionToken>
    auto async_get_connections(target t, get_connections_request request, diagnostics& diag,
                               CompletionToken&& token) {
        return boost::asio::async_initiate<CompletionToken,
                                           void(boost::system::error_code, get_connections_page)>(
            [this, &diag](auto handler, target t2, get_connections_request r) {
                initiate_get_connections(std::move(t2), std::move(r), diag, std::move(handler));
            },
            token, std::move(t), std::move(request));
    }

    /// Every account of the organisation (all pages of Organizations ListAccounts), called with
    /// the base identity. Completion: void(error_code, std::vector<organization_account>).
    template <class CompletionToken>
    auto async_list_accounts(diagnostics& diag, CompletionToken&& token) {
        return boost::asio::async_initiate<
            CompletionToken, void(boost::system::error_code, std::vector<organization_account>)>(
            [this, &diag](auto handler) { initiate_list_accounts(diag, std::move(handler)); },
            token);
    }

    /// The base identity's account ID (STS GetCallerIdentity).
    /// Completion: void(error_code, std::string).
    template <class CompletionToken>
    auto async_get_caller_account(diagnostics& diag, CompletionToken&& token) {
        return boost::asio::async_initiate<CompletionToken,
                                           void(boost::system::error_code, std::string)>(
            [this, &diag](auto handler) { initiate_get_caller_account(diag, std::move(handler)); },
            token);
    }

    client_stats stats() const noexcept;

    /// Closes idle connections and refuses new requests; operations under way fail with
    /// errc::cancelled as their connections come back.
    void shutdown();

    struct impl;

private:
    void initiate_get_connections(
        target t, get_connections_request r, diagnostics& diag,
        boost::asio::any_completion_handler<void(boost::system::error_code, get_connections_page)>
            handler);
    void initiate_list_accounts(diagnostics& diag,
                                boost::asio::any_completion_handler<void(
                                    boost::system::error_code, std::vector<organization_account>)>
                                    handler);
    void initiate_get_caller_account(
        diagnostics& diag,
        boost::asio::any_completion_handler<void(boost::system::error_code, std::string)> handler);

    std::shared_ptr<impl> impl_;
};

} // namespace glue_inventory
