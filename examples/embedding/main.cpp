// embedded-scan: how a service that already runs an io_context embeds a scan.
//
//   embedded-scan ACCOUNT[,ACCOUNT...] REGION[,REGION...] [ROLE_NAME]
//
// Identity, endpoint and trust come from the standard AWS variables (AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, AWS_ENDPOINT_URL, AWS_CA_BUNDLE, ...). The service keeps doing its own
// work (a heartbeat here) while the scan streams pages into its consumer coroutine; SIGINT or
// SIGTERM cancels the scan cleanly and the io_context runs out of work by itself. The heartbeat
// and the consumer run as one group (no detached coroutine): the consumer ending cancels the
// heartbeat, and the group completes once both have returned.
#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <glue_inventory/client.hpp>
#include <glue_inventory/scan.hpp>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace asio = boost::asio;
namespace gi = glue_inventory;

namespace {

std::vector<std::string> split(const std::string& list) {
    std::vector<std::string> out;
    std::stringstream in(list);
    for (std::string item; std::getline(in, item, ',');) {
        if (!item.empty()) {
            out.push_back(item);
        }
    }
    return out;
}

// The service's own work, which the scan must not block: a beat as the scan starts, then one
// every 200 ms. Ends when the group cancels it (its wait fails) or, if the cancellation came
// while it was not waiting, at the `done` check.
asio::awaitable<void> heartbeat(const bool& done) {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    while (!done) {
        std::cerr << "heartbeat\n";
        timer.expires_after(std::chrono::milliseconds(200));
        auto waited = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
        if (std::get<0>(waited)) {
            break;
        }
    }
}

// The consumer: counts records per target as pages arrive. Each event is read into a named
// variable (GCC 12 mishandles class temporaries inside co_await expressions).
asio::awaitable<void> consume(gi::scan_stream& stream, bool& done, int& failures,
                              asio::signal_set& signals) {
    std::uint64_t records = 0;
    for (;;) {
        auto next = co_await stream.async_next(asio::as_tuple(asio::use_awaitable));
        auto& [ec, event] = next;
        if (ec) {
            std::cerr << "scan stopped: " << ec.message() << "\n";
            break;
        }
        if (event.type == gi::scan_event::kind::end) {
            break;
        }
        if (event.type == gi::scan_event::kind::page) {
            records += event.connections.size();
        } else if (event.type == gi::scan_event::kind::target_complete) {
            std::cout << event.target.account_id << " " << event.target.region << " "
                      << event.records << " connections\n";
        } else if (event.type == gi::scan_event::kind::target_failed) {
            ++failures;
            std::cout << event.target.account_id << " " << event.target.region
                      << " failed: " << event.diag.aws_error_code << " " << event.diag.message
                      << "\n";
        }
    }
    // Waits until the scan has really stopped (no request of it in flight). The default
    // token is asio::deferred: co_await it directly.
    co_await stream.async_stop();
    std::cout << records << " connections in all\n";
    done = true;
    signals.cancel(); // nothing left to interrupt: let the io_context run out of work
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: embedded-scan ACCOUNT[,ACCOUNT...] REGION[,REGION...] [ROLE_NAME]\n";
        return 1;
    }
    gi::client_options options;
    if (auto error = gi::apply_environment(options, gi::process_environment()); !error.empty()) {
        std::cerr << "embedded-scan: " << error << "\n";
        return 1;
    }
    if (argc > 3) {
        options.identity.role_name = argv[3];
    }
    std::vector<gi::target> targets;
    for (const auto& account : split(argv[1])) {
        for (const auto& region : split(argv[2])) {
            targets.push_back({account, region, std::nullopt});
        }
    }

    asio::io_context io; // the service's own event loop, one thread
    gi::client client(io.get_executor(), options);
    gi::scan_options scan_options;
    scan_options.concurrency = 32;
    gi::scan_stream stream(client, std::move(targets), scan_options);

    bool done = false;
    int failures = 0;
    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](boost::system::error_code ec, int) {
        if (!ec) {
            std::cerr << "cancelling the scan\n";
            stream.cancel();
        }
    });
    // One group: the first to return (the consumer) cancels the other; its completion runs once
    // both are done, and reports whatever either threw.
    auto beating = asio::co_spawn(io, heartbeat(done), asio::deferred);
    auto consuming = asio::co_spawn(io, consume(stream, done, failures, signals), asio::deferred);
    auto group = asio::experimental::make_parallel_group(std::move(consuming), std::move(beating));
    group.async_wait(asio::experimental::wait_for_one(),
                     [&failures](std::array<std::size_t, 2>, std::exception_ptr consumer_error,
                                 std::exception_ptr heartbeat_error) {
                         for (const auto& e : {consumer_error, heartbeat_error}) {
                             if (!e) {
                                 continue;
                             }
                             ++failures;
                             try {
                                 std::rethrow_exception(e);
                             } catch (const std::exception& ex) {
                                 std::cerr << "embedded-scan: " << ex.what() << "\n";
                             }
                         }
                     });
    io.run();
    return failures == 0 ? 0 : 2;
}
