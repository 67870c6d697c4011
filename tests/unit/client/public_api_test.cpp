// The client's public async functions keep Asio's promises, without a socket: the results that
// are known before any I/O (an endpoint that does not resolve, a client already shut down, a
// credential chain that throws) still complete later, on the handler's own executor; the default
// token is asio::deferred; an exception inside an operation is errc::internal_error.
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/system/system_error.hpp>
#include <boost/test/unit_test.hpp>
#include <future>
#include <glue_inventory/client.hpp>
#include <glue_inventory/instance_region.hpp>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

namespace gi = glue_inventory;
namespace asio = boost::asio;
using boost::system::error_code;

namespace {

using page_signature = void(error_code, gi::get_connections_page);

// What a token must be: diagnostics is not one, so `async_get_connections(t, r, diag)` can only
// mean the overload with diagnostics and the default token.
static_assert(!asio::completion_token_for<gi::diagnostics&, page_signature>);
static_assert(asio::completion_token_for<asio::deferred_t, page_signature>);

/// A region botocore's validation refuses: the endpoint fails before any I/O.
const gi::target unresolvable{"123456789012", "not a region!", std::nullopt};
/// A target whose endpoint resolves (to 127.0.0.1:9).
const gi::target resolvable{"123456789012", "us-east-1", std::nullopt};

/// No call of these options reaches a socket: STS and Organizations are called in a home region
/// that does not resolve, Glue's endpoint is 127.0.0.1:9 (discard), which the tests reach only
/// with a target that fails first or a client that was shut down.
gi::client_options offline_options() {
    gi::client_options o;
    o.home_region = "not a region!";
    o.glue_endpoint_url = "https://127.0.0.1:9";
    o.sts_endpoint_url = "https://127.0.0.1:9";
    o.organizations_endpoint_url = "https://127.0.0.1:9";
    o.identity.static_credentials = gi::credentials{"AKIDEXAMPLE", "not-a-secret", {}, {}};
    return o;
}

/// A credential chain that throws: the caller's environment, read inside the operation.
gi::client_options throwing_env_options() {
    auto o = offline_options();
    o.identity.static_credentials.reset();
    o.env = [](std::string_view) -> std::optional<std::string> {
        throw std::runtime_error("the embedder's environment exploded");
    };
    return o;
}

struct outcome {
    int calls = 0;
    error_code ec;
    bool on_expected_executor = false;
};

} // namespace

BOOST_AUTO_TEST_SUITE(public_api)

BOOST_AUTO_TEST_CASE(an_immediate_failure_never_completes_inside_the_initiating_call) {
    asio::io_context io;
    gi::client c(io.get_executor(), offline_options());
    gi::diagnostics diag;
    outcome with_diag, without_diag;
    c.async_get_connections(unresolvable, {}, diag, [&](error_code ec, gi::get_connections_page) {
        ++with_diag.calls;
        with_diag.ec = ec;
    });
    c.async_get_connections(unresolvable, {}, [&](error_code ec, gi::get_connections_page) {
        ++without_diag.calls;
        without_diag.ec = ec;
    });
    BOOST_TEST(with_diag.calls == 0);
    BOOST_TEST(without_diag.calls == 0);
    io.run();
    BOOST_TEST(with_diag.calls == 1);
    BOOST_TEST(without_diag.calls == 1);
    BOOST_TEST((with_diag.ec == gi::errc::endpoint_unresolved));
    BOOST_TEST((without_diag.ec == gi::errc::endpoint_unresolved));
    BOOST_TEST(diag.message.find("not a region!") != std::string::npos, diag.message);
}

BOOST_AUTO_TEST_CASE(the_handler_runs_on_its_associated_executor) {
    asio::io_context io;        // the client's
    asio::io_context elsewhere; // the handler's
    gi::client c(io.get_executor(), offline_options());
    outcome other_context, strand;
    c.async_get_caller_account(asio::bind_executor(elsewhere, [&](error_code ec, std::string) {
        ++other_context.calls;
        other_context.ec = ec;
        other_context.on_expected_executor = elsewhere.get_executor().running_in_this_thread();
    }));
    auto s = asio::make_strand(io);
    c.async_get_connections(unresolvable, {},
                            asio::bind_executor(s, [&](error_code ec, gi::get_connections_page) {
                                ++strand.calls;
                                strand.ec = ec;
                                strand.on_expected_executor = s.running_in_this_thread();
                            }));
    io.run();
    // The operation is over on the client's side; its handler waits for its own context.
    BOOST_TEST(other_context.calls == 0);
    BOOST_TEST(strand.calls == 1);
    BOOST_TEST(strand.on_expected_executor);
    elsewhere.run();
    BOOST_TEST(other_context.calls == 1);
    BOOST_TEST(other_context.on_expected_executor);
    BOOST_TEST((other_context.ec == gi::errc::endpoint_unresolved));
}

BOOST_AUTO_TEST_CASE(deferred_is_the_default_token) {
    asio::io_context io;
    gi::client c(io.get_executor(), offline_options());
    // Nothing starts until the deferred operation is launched.
    auto op = c.async_get_connections(unresolvable, {});
    io.run();
    BOOST_TEST(c.stats().requests == 0u);
    outcome launched;
    std::move(op)([&](error_code ec, gi::get_connections_page) {
        ++launched.calls;
        launched.ec = ec;
    });
    BOOST_TEST(launched.calls == 0);
    io.restart();
    io.run();
    BOOST_TEST(launched.calls == 1);
    BOOST_TEST((launched.ec == gi::errc::endpoint_unresolved));

    // co_await of the default token: the error arrives as boost::system::system_error.
    std::optional<error_code> thrown;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            gi::diagnostics diag;
            try {
                (void)co_await c.async_get_connections(unresolvable, {}, diag);
            } catch (const boost::system::system_error& e) {
                thrown = e.code();
            }
        },
        [](const std::exception_ptr& e) {
            if (e) {
                std::rethrow_exception(e);
            }
        });
    io.restart();
    io.run();
    BOOST_TEST_REQUIRE(thrown.has_value());
    BOOST_TEST((*thrown == gi::errc::endpoint_unresolved));
}

BOOST_AUTO_TEST_CASE(a_deferred_operation_outlives_its_client) {
    asio::io_context io;
    auto c = std::make_unique<gi::client>(io.get_executor(), offline_options());
    gi::diagnostics diag;
    auto op = c->async_get_connections(resolvable, {}, diag);
    c.reset(); // the operation holds the client's state, not the client
    outcome launched;
    std::move(op)([&](error_code ec, gi::get_connections_page) {
        ++launched.calls;
        launched.ec = ec;
    });
    io.run();
    BOOST_TEST(launched.calls == 1);
    BOOST_TEST((launched.ec == gi::errc::cancelled), launched.ec.message());
}

BOOST_AUTO_TEST_CASE(an_exception_inside_an_operation_is_an_internal_error) {
    for (const bool with_diagnostics : {true, false}) {
        asio::io_context io;
        gi::client c(io.get_executor(), throwing_env_options());
        gi::diagnostics diag;
        outcome got;
        auto handler = [&](error_code ec, gi::get_connections_page) {
            ++got.calls;
            got.ec = ec;
        };
        if (with_diagnostics) {
            c.async_get_connections(resolvable, {}, diag, handler);
        } else {
            c.async_get_connections(resolvable, {}, handler);
        }
        BOOST_CHECK_NO_THROW(io.run()); // reported to the handler, never thrown out of run()
        BOOST_TEST(got.calls == 1);
        BOOST_TEST((got.ec == gi::errc::internal_error), got.ec.message());
        BOOST_TEST((got.ec != gi::errc::invalid_response)); // not the server's fault
        if (with_diagnostics) {
            BOOST_TEST(diag.message.find("the embedder's environment exploded") !=
                           std::string::npos,
                       diag.message);
            BOOST_TEST(diag.aws_error_code.empty());
            BOOST_TEST(diag.http_status == 0u);
        }
    }
}

BOOST_AUTO_TEST_CASE(the_other_operations_report_an_exception_as_an_internal_error_too) {
    // async_resolve_base_identity and async_instance_region complete through the same
    // spawn_for_handler as async_get_connections: the caller's env throwing inside them is the
    // client failing (internal_error with the exception's text), not an invalid answer.
    asio::io_context io;
    const auto options = throwing_env_options();
    gi::client c(io.get_executor(), options);
    gi::diagnostics identity_diag;
    gi::diagnostics region_diag;
    std::vector<error_code> results;
    c.async_resolve_base_identity(identity_diag,
                                  [&](error_code ec, const auto&) { results.push_back(ec); });
    gi::async_instance_region(io.get_executor(), options, region_diag,
                              [&](error_code ec, const std::string&) { results.push_back(ec); });
    BOOST_CHECK_NO_THROW(io.run_for(std::chrono::seconds(10)));
    BOOST_TEST_REQUIRE(results.size() == 2u);
    for (const auto& ec : results) {
        BOOST_TEST((ec == gi::errc::internal_error), ec.message());
    }
    for (const auto* diag : {&identity_diag, &region_diag}) {
        BOOST_TEST(diag->message.find("the embedder's environment exploded") != std::string::npos,
                   diag->message);
    }
}

BOOST_AUTO_TEST_CASE(a_cancellation_before_the_operation_runs_completes_with_cancelled) {
    // Signalled before the operation's coroutine first runs, Asio makes its first co_await of an
    // operation throw operation_aborted: that is the caller's cancellation (errc::cancelled, no
    // message), not an exception inside the client (internal_error). The operations that must
    // do I/O here, with and without diagnostics. (async_resolve_base_identity of static
    // credentials does none, and completes before it could see the signal.)
    asio::io_context io;
    auto options = offline_options();
    // An empty environment: IMDS is not switched off by the caller's, so the region must be
    // asked for (the signal makes the first co_await throw before any packet leaves).
    options.env = [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
    gi::client c(io.get_executor(), options);
    std::vector<asio::cancellation_signal> signals(3);
    std::vector<gi::diagnostics> diags(2);
    std::vector<error_code> results;
    auto record = [&](error_code ec, const auto&...) { results.push_back(ec); };
    c.async_get_connections(resolvable, {}, diags[0],
                            asio::bind_cancellation_slot(signals[0].slot(), record));
    c.async_get_connections(resolvable, {},
                            asio::bind_cancellation_slot(signals[1].slot(), record));
    gi::async_instance_region(io.get_executor(), options, diags[1],
                              asio::bind_cancellation_slot(signals[2].slot(), record));
    for (auto& signal : signals) {
        signal.emit(asio::cancellation_type::terminal);
    }
    BOOST_CHECK_NO_THROW(io.run_for(std::chrono::seconds(10)));
    BOOST_TEST_REQUIRE(results.size() == signals.size());
    for (const auto& ec : results) {
        BOOST_TEST((ec == gi::errc::cancelled), ec.message());
    }
    for (const auto& diag : diags) {
        BOOST_TEST(diag.message.empty(), diag.message);
    }
}

BOOST_AUTO_TEST_CASE(an_exception_while_fetching_credentials_leaves_no_caller_waiting) {
    asio::io_context io;
    gi::client c(io.get_executor(), throwing_env_options());
    std::vector<error_code> results;
    auto handler = [&](error_code ec, gi::get_connections_page) { results.push_back(ec); };
    // The second waits for the first's refresh (single flight), which throws.
    c.async_get_connections(resolvable, {}, handler);
    c.async_get_connections(resolvable, {}, handler);
    io.run_for(std::chrono::seconds(10)); // a waiter left behind would hang run()
    BOOST_TEST_REQUIRE(results.size() == 2u);
    for (const auto& ec : results) {
        BOOST_TEST((ec == gi::errc::internal_error), ec.message());
    }
    // And a later call fetches again (and fails the same way), rather than wait.
    c.async_get_connections(resolvable, {}, handler);
    io.restart();
    io.run_for(std::chrono::seconds(10));
    BOOST_TEST_REQUIRE(results.size() == 3u);
    BOOST_TEST((results[2] == gi::errc::internal_error));
}

BOOST_AUTO_TEST_CASE(operations_may_be_initiated_from_another_thread) {
    // The client on a strand of a pool of threads; its operations started from this thread,
    // which never runs the pool: each runs on the strand and completes through its future.
    asio::thread_pool threads(2);
    gi::client c(asio::make_strand(threads), offline_options());
    std::vector<std::future<gi::get_connections_page>> futures;
    for (int i = 0; i < 32; ++i) {
        futures.push_back(c.async_get_connections(unresolvable, {}, asio::use_future));
    }
    for (auto& f : futures) {
        BOOST_TEST_REQUIRE((f.wait_for(std::chrono::seconds(10)) == std::future_status::ready));
        try {
            (void)f.get();
            BOOST_FAIL("an unresolvable endpoint gave a page");
        } catch (const boost::system::system_error& e) {
            BOOST_TEST((e.code() == gi::errc::endpoint_unresolved));
        }
    }
    threads.join();
}

BOOST_AUTO_TEST_SUITE_END()
