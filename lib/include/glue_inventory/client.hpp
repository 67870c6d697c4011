// The client: one signed AWS call at a time, over pooled TLS connections, with retries.
//
// The async functions follow Asio's universal model, as Boost.MySQL's do: any completion token
// (callback, use_awaitable, use_future, deferred...), asio::deferred when none is given (so
// `co_await c.async_get_caller_account()` works in an asio::awaitable and throws
// boost::system::system_error on failure), each with and without a diagnostics&. Each documents
// its Executor, Per-operation cancellation, Errors, Thread safety and Object lifetimes.
//
// Executor: every operation runs on the client's executor. When that executor's io_context is
// run by several threads, pass a strand: the client's state (pool, caches, parser) is only
// touched from that executor, never locked.
// Thread safety: distinct objects: safe. Shared object: the async functions, get_executor(),
// options() and stats() may be called from any thread; the destructor and shutdown() touch the
// pool, and run on the client's executor (or when it is not running).
// Object lifetimes: operations share the client's internal state, which outlives the client
// object until the last of them has completed.
#pragma once

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/deferred.hpp>
#include <cstdint>
#include <glue_inventory/client_options.hpp>
#include <glue_inventory/detail/initiation_base.hpp>
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

/// Where the base identity came from, for --verbose and the summary. Never a secret.
struct base_identity_info {
    std::string
        source; // credential_source()'s words: "EC2 instance metadata", "SSO (profile 'dev')"
    /// Its account, when the source says it (IMDS's extended API, the container endpoint, web
    /// identity, SSO, the role of a profile's AssumeRole step); absent otherwise.
    std::optional<std::string> account_id;
};

class GLUE_INVENTORY_API client {
    // Completion signatures.
    using page_signature = void(boost::system::error_code, get_connections_page);
    using accounts_signature = void(boost::system::error_code, std::vector<organization_account>);
    using account_id_signature = void(boost::system::error_code, std::string);
    using base_identity_signature = void(boost::system::error_code, base_identity_info);

public:
    using executor_type = boost::asio::any_io_executor;
    struct impl;

private:
    // The initiation objects: the executor, and the shared state as an argument (not `this`),
    // so that a deferred operation outlives the client object; each hands the handler, erased,
    // to the library. NOLINTBEGIN(performance-unnecessary-value-param): clang-tidy 14 misses
    struct initiate_get_connections : detail::initiation_base {
        using initiation_base::initiation_base;
        template <class Handler>
        void operator()(Handler&& handler, std::shared_ptr<impl> self, diagnostics* diag, target t,
                        get_connections_request r) const {
            async_get_connections_erased(std::move(self), diag, std::move(t), std::move(r),
                                         std::forward<Handler>(handler));
        }
    };
    struct initiate_list_accounts : detail::initiation_base {
        using initiation_base::initiation_base;
        template <class Handler>
        void operator()(Handler&& handler, std::shared_ptr<impl> self, diagnostics* diag) const {
            async_list_accounts_erased(std::move(self), diag, std::forward<Handler>(handler));
        }
    };
    struct initiate_get_caller_account : detail::initiation_base {
        using initiation_base::initiation_base;
        template <class Handler>
        void operator()(Handler&& handler, std::shared_ptr<impl> self, diagnostics* diag) const {
            async_get_caller_account_erased(std::move(self), diag, std::forward<Handler>(handler));
        }
    };
    struct initiate_resolve_base_identity : detail::initiation_base {
        using initiation_base::initiation_base;
        template <class Handler>
        void operator()(Handler&& handler, std::shared_ptr<impl> self, diagnostics* diag) const {
            async_resolve_base_identity_erased(std::move(self), diag,
                                               std::forward<Handler>(handler));
        }
    }; // NOLINTEND(performance-unnecessary-value-param): the moves into the erased calls

public:
    /// Throws boost::system::system_error (errc::invalid_argument) when the options cannot work:
    /// a field out of its documented range (options_error()), a CA bundle that does not load, an
    /// endpoint URL that does not parse; what() names the option and the value.
    client(executor_type ex, client_options options);
    /// Shuts the client down (shutdown()). Operations still outstanding keep its state alive and
    /// complete with errc::cancelled.
    ~client();
    client(const client&) = delete;
    client& operator=(const client&) = delete;

    /// The executor given to the constructor, where every operation runs. Any thread.
    executor_type get_executor() const noexcept;

    /// The source of the base identity last fetched; an empty source before the first fetch.
    /// Call on the client's executor (it reads what the fetch wrote).
    base_identity_info base_identity() const;
    const client_options& options() const noexcept;

    /// One GetConnections page for `t`: credentials for t.account_id (assumed-role credentials
    /// when the options name a role, cached, refreshed before expiry), the endpoint of
    /// t.region, SigV4, a pooled connection, retries, parse. `request.catalog_id` is taken
    /// from t. With `diag`, what the server or the client said on failure is written there.
    ///
    /// Handler signature: void(boost::system::error_code, get_connections_page).
    ///
    /// Executor: the operation runs on the client's executor. The final handler is invoked on
    /// the token's associated executor, or the client's when it has none (a coroutine resumes
    /// on its own executor); never inline from within this function, even when the result is
    /// known at once (an endpoint that does not resolve).
    ///
    /// Per-operation cancellation: terminal is supported: the operation completes with
    /// errc::cancelled; a request in flight is abandoned and its connection closed, not reused.
    /// partial and total are not supported (ignored): abandoning a request closes a connection.
    ///
    /// Errors: the service's errors after the last allowed attempt (errc::entity_not_found,
    /// invalid_input, operation_timeout, glue_encryption, access_denied, throttled,
    /// service_unavailable, service_error; diag.aws_error_code names the AWS code);
    /// errc::invalid_response (an answer that does not parse), body_too_large, timeout,
    /// connection_failed, credentials_unavailable (or the error that getting t.account_id's
    /// credentials met), endpoint_unresolved, invalid_argument, cancelled (per-operation
    /// cancellation, shutdown() or the client's destruction), internal_error (an exception was
    /// thrown inside the operation, e.g. std::bad_alloc or one from client_options::env:
    /// reported, never rethrown into the io_context; diag.message holds its what()).
    ///
    /// Thread safety: may be called from any thread (it copies `t`, `request` and a handle to
    /// the client's state; the operation itself runs on the client's executor).
    ///
    /// Object lifetimes: `t` and `request` are copied. `diag` must outlive the operation. The
    /// client's internal state is kept alive by the operation: destroying the client while it
    /// is outstanding (or before a deferred operation is launched) is safe, and the operation
    /// then completes with errc::cancelled.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(page_signature)
                  CompletionToken = boost::asio::deferred_t>
    auto async_get_connections(target t, get_connections_request request, diagnostics& diag,
                               CompletionToken&& token = {}) {
        return boost::asio::async_initiate<CompletionToken, page_signature>(
            initiate_get_connections(get_executor()), token, impl_, &diag, std::move(t),
            std::move(request));
    }

    /// As above, without diagnostics: only the error code tells what went wrong.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(page_signature)
                  CompletionToken = boost::asio::deferred_t>
    auto async_get_connections(target t, get_connections_request request,
                               CompletionToken&& token = {}) {
        return boost::asio::async_initiate<CompletionToken, page_signature>(
            initiate_get_connections(get_executor()), token, impl_, nullptr, std::move(t),
            std::move(request));
    }

    /// Every account of the organisation (all pages of Organizations ListAccounts, in the
    /// client's home region), called with the base identity.
    ///
    /// Handler signature: void(boost::system::error_code, std::vector<organization_account>).
    ///
    /// Executor: as async_get_connections: runs on the client's executor; the final handler is
    /// invoked on the token's associated executor (else the client's), never inline.
    ///
    /// Per-operation cancellation: terminal is supported (errc::cancelled; the pages already
    /// read are dropped); partial and total are ignored.
    ///
    /// Errors: as async_get_connections (the service's errors are Organizations':
    /// diag.aws_error_code names them, e.g. AWSOrganizationsNotInUseException as
    /// errc::service_error), plus errc::repeated_next_token when the service returns a
    /// NextToken twice.
    ///
    /// Thread safety: may be called from any thread, as async_get_connections.
    ///
    /// Object lifetimes: `diag` must outlive the operation; the client's state is kept alive by
    /// the operation, as for async_get_connections.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(accounts_signature)
                  CompletionToken = boost::asio::deferred_t>
    auto async_list_accounts(diagnostics& diag, CompletionToken&& token = {}) {
        return boost::asio::async_initiate<CompletionToken, accounts_signature>(
            initiate_list_accounts(get_executor()), token, impl_, &diag);
    }

    /// As above, without diagnostics.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(accounts_signature)
                  CompletionToken = boost::asio::deferred_t>
    auto async_list_accounts(CompletionToken&& token = {}) {
        return boost::asio::async_initiate<CompletionToken, accounts_signature>(
            initiate_list_accounts(get_executor()), token, impl_, nullptr);
    }

    /// The base identity's account ID (STS GetCallerIdentity, in the client's home region).
    ///
    /// Handler signature: void(boost::system::error_code, std::string).
    ///
    /// Executor: as async_get_connections: runs on the client's executor; the final handler is
    /// invoked on the token's associated executor (else the client's), never inline.
    ///
    /// Per-operation cancellation: terminal is supported (errc::cancelled); partial and total
    /// are ignored.
    ///
    /// Errors: as async_get_connections (the service's errors are STS's, e.g.
    /// InvalidClientTokenId as errc::access_denied).
    ///
    /// Thread safety: may be called from any thread, as async_get_connections.
    ///
    /// Object lifetimes: `diag` must outlive the operation; the client's state is kept alive by
    /// the operation, as for async_get_connections.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(account_id_signature)
                  CompletionToken = boost::asio::deferred_t>
    auto async_get_caller_account(diagnostics& diag, CompletionToken&& token = {}) {
        return boost::asio::async_initiate<CompletionToken, account_id_signature>(
            initiate_get_caller_account(get_executor()), token, impl_, &diag);
    }

    /// As above, without diagnostics.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(account_id_signature)
                  CompletionToken = boost::asio::deferred_t>
    auto async_get_caller_account(CompletionToken&& token = {}) {
        return boost::asio::async_initiate<CompletionToken, account_id_signature>(
            initiate_get_caller_account(get_executor()), token, impl_, nullptr);
    }

    /// Resolves the base identity now (the default chain, then a profile's AssumeRole steps),
    /// as the first request would, and caches it: a caller finds out before any Glue request
    /// that credentials cannot be had (no source, an IMDS that does not answer, an expired SSO
    /// token).
    ///
    /// Handler signature: void(boost::system::error_code, base_identity_info).
    ///
    /// Executor, per-operation cancellation, thread safety: as async_get_connections.
    ///
    /// Errors: as async_get_connections; `diag` names the source at fault, never a secret.
    ///
    /// Object lifetimes: `diag` must outlive the operation; the client's state is kept alive by
    /// the operation.
    template <BOOST_ASIO_COMPLETION_TOKEN_FOR(base_identity_signature)
                  CompletionToken = boost::asio::deferred_t>
    auto async_resolve_base_identity(diagnostics& diag, CompletionToken&& token = {}) {
        return boost::asio::async_initiate<CompletionToken, base_identity_signature>(
            initiate_resolve_base_identity(get_executor()), token, impl_, &diag);
    }

    /// Counters since the client was made. Any thread.
    client_stats stats() const noexcept;

    /// Closes idle connections and refuses new requests; operations under way fail with
    /// errc::cancelled as their connections come back. Run it on the client's executor.
    void shutdown();

private:
    // The library's scan awaits the operations inside the client directly (client_impl.hpp).
    friend class scan_stream;

    // Compiled once, in the library: the operations themselves. `diag` may be null.
    static void
    async_get_connections_erased(std::shared_ptr<impl> self, diagnostics* diag, target t,
                                 get_connections_request r,
                                 boost::asio::any_completion_handler<page_signature> handler);
    static void
    async_list_accounts_erased(std::shared_ptr<impl> self, diagnostics* diag,
                               boost::asio::any_completion_handler<accounts_signature> handler);
    static void async_get_caller_account_erased(
        std::shared_ptr<impl> self, diagnostics* diag,
        boost::asio::any_completion_handler<account_id_signature> handler);
    static void async_resolve_base_identity_erased(
        std::shared_ptr<impl> self, diagnostics* diag,
        boost::asio::any_completion_handler<base_identity_signature> handler);

    std::shared_ptr<impl> impl_;
};

} // namespace glue_inventory
