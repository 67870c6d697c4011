// The engine end to end: the client and the scan against glue-sim on 127.0.0.1. Expected
// content comes from glue-sim's own generator (the same seed gives the same connections), so
// every test checks exact records, not just counts.
#include "data_generator.hpp"
#include "sim_process.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <glue_inventory/client.hpp>
#include <glue_inventory/nothrow.hpp>
#include <glue_inventory/scan.hpp>
#include <map>
#include <set>

namespace gi = glue_inventory;
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

using glue_inventory::nothrow;

// The completion of a test's coroutine (not detached): what it threw leaves io.run() and fails
// the test instead of vanishing.
constexpr auto rethrow_error = [](const std::exception_ptr& e) {
    if (e) {
        std::rethrow_exception(e);
    }
};
/// No test scan may run longer than this: a hang fails instead of blocking CI.
constexpr auto scan_time_limit = 240s;

gi::client_options options_for(const glue_test::sim_process& sim) {
    const auto& r = sim.ready();
    gi::client_options o;
    o.home_region = "us-east-1";
    o.glue_endpoint_url = r.endpoint_url;
    o.sts_endpoint_url = r.endpoint_url;
    o.organizations_endpoint_url = r.endpoint_url;
    o.http.ca_bundle = r.ca_bundle;
    o.identity.static_credentials = gi::credentials{r.access_key_id, r.secret_access_key, {}, {}};
    o.identity.role_name = r.role_name;
    return o;
}

std::vector<gi::target> targets_of(const glue_test::sim_process& sim) {
    std::vector<gi::target> out;
    for (const auto& a : sim.ready().accounts) {
        for (const auto& region : sim.ready().regions) {
            out.push_back({a, region, std::nullopt});
        }
    }
    return out;
}

/// What glue-sim serves for one target of a generated organisation.
std::vector<gi::connection> expected_connections(std::uint64_t seed, const gi::target& t,
                                                 std::size_t mean) {
    const auto ts = glue_sim::target_seed(seed, t.catalog(), t.region);
    std::vector<gi::connection> out(glue_sim::generated_count(ts, mean));
    for (std::size_t i = 0; i < out.size(); ++i) {
        glue_sim::generate_connection(ts, i, out[i]);
    }
    return out;
}

struct scan_outcome {
    std::map<std::size_t, std::vector<gi::connection>> records; // by target index
    std::map<std::size_t, gi::scan_event> finals;               // complete or failed
    bool ended = false;
    std::size_t events = 0;
    gi::scan_progress progress;
};

scan_outcome run_scan(const gi::client_options& options, std::vector<gi::target> targets,
                      gi::scan_options scan_options) {
    asio::io_context io;
    gi::client c(io.get_executor(), options);
    gi::scan_stream stream(c, std::move(targets), std::move(scan_options));
    scan_outcome out;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            for (;;) {
                auto result_ec_ev = co_await stream.async_next(nothrow);
                auto& [ec, ev] = result_ec_ev;
                if (ec) {
                    co_return;
                }
                ++out.events;
                switch (ev.type) {
                case gi::scan_event::kind::page:
                    for (auto& conn : ev.connections) {
                        out.records[ev.target_index].push_back(std::move(conn));
                    }
                    break;
                case gi::scan_event::kind::target_complete:
                case gi::scan_event::kind::target_failed:
                    BOOST_TEST(out.finals.count(ev.target_index) == 0u);
                    out.finals[ev.target_index] = std::move(ev);
                    break;
                case gi::scan_event::kind::end:
                    out.ended = true;
                    co_return;
                }
            }
        },
        rethrow_error);
    io.run_for(scan_time_limit);
    out.progress = stream.progress();
    return out;
}

/// Every target complete, with exactly the generated connections (no loss, no duplicate).
void check_exact(const scan_outcome& out, const std::vector<gi::target>& targets,
                 std::uint64_t seed, std::size_t mean) {
    BOOST_TEST_REQUIRE(out.ended);
    BOOST_TEST(out.finals.size() == targets.size());
    std::size_t total = 0;
    for (std::size_t i = 0; i < targets.size(); ++i) {
        auto it = out.finals.find(i);
        BOOST_TEST_REQUIRE((it != out.finals.end()));
        BOOST_TEST((it->second.type == gi::scan_event::kind::target_complete),
                   "target " << targets[i].account_id << "/" << targets[i].region << " failed: "
                             << it->second.error.message() << " " << it->second.diag.message);
        const auto expected = expected_connections(seed, targets[i], mean);
        const auto got = out.records.count(i) ? out.records.at(i) : std::vector<gi::connection>{};
        BOOST_TEST(got.size() == expected.size());
        BOOST_TEST((got == expected),
                   "records of " << targets[i].account_id << "/" << targets[i].region << " differ");
        BOOST_TEST(it->second.records == expected.size());
        total += expected.size();
    }
    BOOST_TEST(out.progress.records == total);
}

gi::get_connections_request show_passwords(std::optional<int> max_results = std::nullopt) {
    gi::get_connections_request r;
    r.hide_password = false;
    r.max_results = max_results;
    return r;
}

} // namespace

BOOST_AUTO_TEST_CASE(pages_of_every_target_arrive_exact_and_in_order) {
    glue_test::sim_process sim({"--accounts", "3", "--connections-per-target", "57", "--seed", "7",
                                "--role-name", "Auditor", "--threads", "1"});
    const auto targets = targets_of(sim);
    gi::scan_options so;
    so.request = show_passwords(5); // ~12 pages per target
    const auto out = run_scan(options_for(sim), targets, so);
    check_exact(out, targets, 7, 57);
    BOOST_TEST(out.progress.pages > targets.size() * 5);
    // One AssumeRole per account, however many regions wait for it.
    BOOST_TEST(out.progress.client.credential_refreshes == sim.ready().accounts.size());
    const auto stats = sim.stop();
    BOOST_TEST(glue_test::stats_value(stats, "/requests/AssumeRole") ==
               sim.ready().accounts.size());
}

BOOST_AUTO_TEST_CASE(chunked_answers_arrive_exact_on_reused_connections) {
    // Answers without a Content-Length (Transfer-Encoding: chunked, as some front ends send)
    // take the other read path; keep-alive must hold across them as across sized answers.
    glue_test::sim_process sim({"--accounts", "2", "--connections-per-target", "40", "--seed", "21",
                                "--role-name", "Auditor", "--threads", "1", "--chunked"});
    const auto targets = targets_of(sim);
    gi::scan_options so;
    so.request = show_passwords(7);
    so.concurrency = 2;
    const auto out = run_scan(options_for(sim), targets, so);
    check_exact(out, targets, 21, 40);
    BOOST_TEST(out.progress.pages > targets.size() * 3);
    // Two workers: connections are reused rather than opened per request.
    BOOST_TEST(out.progress.client.connections_opened <= 4u);
}

BOOST_AUTO_TEST_CASE(a_burst_of_connections_resumes_the_first_ones_tls_session) {
    // Eight requests at once to one origin: the first connection pays the full handshake, the
    // others wait for the session its first answer brings and resume it (no certificates to
    // decode and verify).
    glue_test::sim_process sim({"--accounts", "4", "--connections-per-target", "10", "--seed", "23",
                                "--role-name", "Auditor", "--latency-ms", "20"});
    const auto targets = targets_of(sim);
    gi::scan_options so;
    so.concurrency = 8;
    const auto out = run_scan(options_for(sim), targets, so);
    check_exact(out, targets, 23, 10);
    const auto& client = out.progress.client;
    BOOST_TEST(client.tls_handshakes >= 2u);
    BOOST_TEST(client.tls_resumptions == client.tls_handshakes - 1);
}

BOOST_AUTO_TEST_CASE(a_thousand_targets_at_once_with_exact_counts) {
    glue_test::sim_process sim(
        {"--accounts", "130", "--regions",
         "us-east-1,us-east-2,us-west-1,us-west-2,eu-west-1,eu-west-2,eu-central-1,ap-south-1",
         "--connections-per-target", "6", "--seed", "11", "--role-name", "Auditor"});
    const auto targets = targets_of(sim);
    BOOST_TEST_REQUIRE(targets.size() >= 1000u);
    gi::scan_options so;
    so.request = show_passwords();
    so.concurrency = 256;
    const auto out = run_scan(options_for(sim), targets, so);
    check_exact(out, targets, 11, 6);
    // Connections are reused: far fewer handshakes than requests.
    BOOST_TEST(out.progress.client.tls_handshakes <= 260u);
    BOOST_TEST(out.progress.client.requests >= targets.size());
}

BOOST_AUTO_TEST_CASE(a_throttling_storm_completes_in_adaptive_mode) {
    glue_test::sim_process sim({"--accounts", "2", "--regions", "us-east-1,eu-west-1",
                                "--connections-per-target", "30", "--seed", "5", "--role-name",
                                "Auditor", "--throttle-rps", "8", "--throttle-burst", "2"});
    const auto targets = targets_of(sim);
    auto options = options_for(sim);
    options.retry = gi::retry_mode::adaptive;
    options.max_attempts = 10;
    gi::scan_options so;
    so.request = show_passwords(3); // ~10 pages per target, sent as fast as allowed
    const auto out = run_scan(options, targets, so);
    check_exact(out, targets, 5, 30);
    BOOST_TEST(out.progress.client.throttles > 0u);
}

BOOST_AUTO_TEST_CASE(every_fault_kind_is_recovered_without_loss_or_duplicates) {
    glue_test::sim_process sim({"--accounts", "4", "--connections-per-target", "40", "--seed", "3",
                                "--role-name", "Auditor", "--fault-rate", "0.15", "--faults",
                                "500,503,drop,truncate,slow"});
    const auto targets = targets_of(sim);
    auto options = options_for(sim);
    options.max_attempts = 12;
    options.http.request_timeout = 1s; // the "slow" fault answers after 30 s
    gi::scan_options so;
    so.request = show_passwords(2);
    const auto out = run_scan(options, targets, so);
    check_exact(out, targets, 3, 40);
    BOOST_TEST(out.progress.client.retries > 0u);
    const auto stats = sim.stop();
    for (const char* kind : {"500", "503", "drop", "truncate", "slow"}) {
        BOOST_TEST(glue_test::stats_value(stats, std::string("/faults/") + kind) > 0u,
                   "fault " << kind << " was never injected");
    }
}

BOOST_AUTO_TEST_CASE(a_persistent_error_fails_only_its_own_target) {
    glue_test::sim_process sim({"--accounts", "2", "--connections-per-target", "10", "--seed", "9",
                                "--role-name", "Auditor"});
    auto targets = targets_of(sim);
    const auto good = targets.size();
    const auto& first = sim.ready().accounts[0];
    targets.push_back({first, "us-east-1", first + ":no-such-catalog"});
    gi::scan_options so;
    so.request = show_passwords();
    const auto out = run_scan(options_for(sim), targets, so);
    BOOST_TEST_REQUIRE(out.ended);
    const auto& failed = out.finals.at(good);
    BOOST_TEST((failed.type == gi::scan_event::kind::target_failed));
    BOOST_TEST((failed.error == gi::errc::entity_not_found));
    BOOST_TEST(failed.diag.aws_error_code == "EntityNotFoundException");
    BOOST_TEST(failed.diag.http_status == 400u);
    BOOST_TEST(!failed.diag.request_id.empty());
    BOOST_TEST(failed.diag.attempts == 1); // not retried
    targets.pop_back();
    auto complete = out;
    complete.finals.erase(good);
    complete.progress.records = out.progress.records;
    check_exact(complete, targets, 9, 10);
}

BOOST_AUTO_TEST_CASE(assumed_role_credentials_that_expire_are_refreshed) {
    // Credentials valid 62 s are not used once less than 60 s is left (creds::refresh's
    // expiry_margin): after 2 s of scanning, every account needs new ones while its pages are
    // still coming (the advisory and mandatory windows alone would not refresh them again
    // within min_refresh_interval).
    glue_test::sim_process sim({"--accounts", "2", "--regions", "us-east-1", "--latency-ms", "100",
                                "--connections-per-target", "40", "--seed", "4", "--role-name",
                                "Auditor", "--credentials-ttl", "62"});
    const auto targets = targets_of(sim);
    gi::scan_options so;
    so.request = show_passwords(1); // ~35 pages of 100 ms each per target
    const auto out = run_scan(options_for(sim), targets, so);
    check_exact(out, targets, 4, 40);
    BOOST_TEST(out.progress.client.credential_refreshes > sim.ready().accounts.size());
}

BOOST_AUTO_TEST_CASE(a_certificate_from_an_untrusted_ca_is_refused) {
    glue_test::sim_process sim({"--accounts", "1"});
    auto options = options_for(sim);
    options.http.ca_bundle.clear(); // the system store does not know glue-sim's CA
    asio::io_context io;
    gi::client c(io.get_executor(), options);
    gi::diagnostics diag;
    auto fut = c.async_get_connections(targets_of(sim).front(), {}, diag, asio::use_future);
    io.run_for(60s);
    BOOST_TEST_REQUIRE((fut.wait_for(0s) == std::future_status::ready));
    BOOST_CHECK_EXCEPTION(fut.get(), boost::system::system_error,
                          [](const boost::system::system_error& e) {
                              return e.code() == gi::errc::connection_failed;
                          });
    BOOST_TEST(diag.attempts == 1); // a certificate that fails will fail again: not retried
    BOOST_TEST(diag.message.find("certificate verify failed") != std::string::npos, diag.message);
    BOOST_TEST(c.stats().tls_handshakes == 0u);
}

BOOST_AUTO_TEST_CASE(one_page_with_a_callback_or_a_deferred_token) {
    glue_test::sim_process sim({"--accounts", "1", "--connections-per-target", "20", "--seed", "2",
                                "--role-name", "Auditor"});
    const auto t = targets_of(sim).front();
    asio::io_context io;
    gi::client c(io.get_executor(), options_for(sim));
    gi::diagnostics diag;
    std::optional<gi::get_connections_page> from_callback;
    c.async_get_connections(t, show_passwords(1000), diag,
                            [&](boost::system::error_code ec, gi::get_connections_page page) {
                                BOOST_TEST(!ec);
                                from_callback = std::move(page);
                            });
    io.run_for(60s);
    BOOST_TEST_REQUIRE(from_callback.has_value());
    BOOST_TEST((from_callback->connections == expected_connections(2, t, 20)));
    BOOST_TEST(!from_callback->next_token.has_value());

    io.restart();
    gi::diagnostics diag2;
    auto op = c.async_get_connections(t, show_passwords(1000), diag2, asio::deferred);
    std::optional<gi::get_connections_page> from_deferred;
    std::move(op)([&](boost::system::error_code ec, gi::get_connections_page page) {
        BOOST_TEST(!ec);
        from_deferred = std::move(page);
    });
    io.run_for(60s);
    BOOST_TEST_REQUIRE(from_deferred.has_value());
    BOOST_TEST((*from_deferred == *from_callback));
    // The second call reused the first one's connection.
    BOOST_TEST(c.stats().tls_handshakes == 1u);
}

// Per-operation cancellation completes with errc::cancelled whenever the signal comes: also
// when it lands between an inner operation's completion and the coroutine's resumption, where
// Asio's coroutines throw operation_aborted at the next co_await (which would otherwise read
// as errc::internal_error, "a bug in the client"). The signal is emitted after each number of
// handlers run, from none to all of a whole call (AssumeRole, two TLS handshakes, the page).
BOOST_AUTO_TEST_CASE(cancelling_get_connections_after_any_handler_completes_with_cancelled) {
    glue_test::sim_process sim({"--accounts", "1", "--connections-per-target", "20", "--seed", "2",
                                "--role-name", "Auditor"});
    const auto t = targets_of(sim).front();
    struct call_result {
        std::optional<boost::system::error_code> ec;
        std::size_t handlers = 0; // run before the completion
        bool exact = false;
        std::string diag;
    };
    // Runs one call on a fresh client (no cached credentials, no pooled connection), emitting
    // the cancellation after `cancel_after` handlers (never when it is SIZE_MAX).
    auto one_call = [&](std::size_t cancel_after) {
        asio::io_context io;
        gi::client c(io.get_executor(), options_for(sim));
        asio::cancellation_signal signal;
        gi::diagnostics diag;
        call_result r;
        c.async_get_connections(
            t, show_passwords(1000), diag,
            asio::bind_cancellation_slot(
                signal.slot(), [&](boost::system::error_code ec, gi::get_connections_page page) {
                    r.ec = ec;
                    r.exact = page.connections == expected_connections(2, t, 20);
                }));
        while (!r.ec && r.handlers < cancel_after && io.run_one_for(60s) != 0) {
            ++r.handlers;
        }
        if (!r.ec) {
            signal.emit(asio::cancellation_type::terminal);
        }
        io.run_for(60s);
        r.diag = diag.message;
        return r;
    };
    const auto whole = one_call(SIZE_MAX);
    BOOST_TEST_REQUIRE(whole.ec.has_value());
    BOOST_TEST_REQUIRE(!*whole.ec, whole.ec->message());
    BOOST_TEST(whole.exact);
    // The sweep below covers a real call: resolving, connecting, two handshakes, AssumeRole and
    // the page take more than a few handlers however the answers arrive (10 to 12 seen).
    BOOST_TEST_MESSAGE("a whole call ran " << whole.handlers << " handlers");
    BOOST_TEST_REQUIRE(whole.handlers >= 6u);
    std::size_t cancelled = 0;
    for (std::size_t k = 0; k <= whole.handlers; ++k) {
        const auto r = one_call(k);
        BOOST_TEST_REQUIRE(r.ec.has_value(), "no completion when cancelled after " << k);
        BOOST_TEST((!*r.ec || *r.ec == gi::errc::cancelled),
                   "cancelled after " << k << " handlers: " << r.ec->message() << ": " << r.diag);
        if (!*r.ec) {
            BOOST_TEST(r.exact);
        } else {
            ++cancelled;
        }
    }
    BOOST_TEST(cancelled > 0u);
}

BOOST_AUTO_TEST_CASE(hidden_passwords_are_not_sent_by_the_server) {
    glue_test::sim_process sim({"--accounts", "1", "--connections-per-target", "60", "--seed", "8",
                                "--role-name", "Auditor"});
    const auto targets = targets_of(sim);
    gi::scan_options so;
    so.request.hide_password = true;
    const auto out = run_scan(options_for(sim), targets, so);
    BOOST_TEST_REQUIRE(out.ended);
    std::size_t with_properties = 0;
    for (const auto& [i, records] : out.records) {
        for (const auto& conn : records) {
            if (conn.connection_properties) {
                ++with_properties;
                BOOST_TEST(gi::find_property(*conn.connection_properties, "PASSWORD") == nullptr);
            }
        }
    }
    BOOST_TEST(with_properties > 0u);
}

BOOST_AUTO_TEST_CASE(cancelling_the_stream_stops_the_scan_promptly) {
    glue_test::sim_process sim({"--accounts", "20", "--latency-ms", "300",
                                "--connections-per-target", "50", "--role-name", "Auditor"});
    asio::io_context io;
    gi::client c(io.get_executor(), options_for(sim));
    gi::scan_stream stream(c, targets_of(sim), {});
    bool got_one = false;
    boost::system::error_code after_cancel;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            auto result_ec_ev = co_await stream.async_next(nothrow);
            auto& [ec, ev] = result_ec_ev;
            got_one = !ec;
            stream.cancel();
            std::tie(after_cancel, std::ignore) = co_await stream.async_next(nothrow);
        },
        rethrow_error);
    const auto start = std::chrono::steady_clock::now();
    io.run_for(60s);
    const auto took = std::chrono::steady_clock::now() - start;
    BOOST_TEST(got_one);
    BOOST_TEST((after_cancel == gi::errc::cancelled));
    // run() returned: no coroutine, timer or socket was left pending. 40 targets of 300 ms
    // pages would take many seconds; cancelled, it ends within a couple of round trips.
    BOOST_TEST(io.stopped());
    BOOST_TEST(std::chrono::duration<double>(took).count() < 5.0);
}

BOOST_AUTO_TEST_CASE(a_slow_consumer_holds_the_scan_back) {
    glue_test::sim_process sim(
        {"--accounts", "10", "--connections-per-target", "40", "--role-name", "Auditor"});
    asio::io_context io;
    gi::client c(io.get_executor(), options_for(sim));
    gi::scan_options so;
    so.channel_capacity = 4;
    so.concurrency = 4;
    so.request.max_results = 2; // hundreds of pages in all
    gi::scan_stream stream(c, targets_of(sim), so);
    std::map<std::size_t, std::uint64_t> consumed_pages; // per target, empty pages included
    std::uint64_t max_ahead = 0;
    bool ended = false;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            asio::steady_timer pause(io);
            for (int i = 0; i < 30; ++i) {
                auto result_ec_ev = co_await stream.async_next(nothrow);
                auto& [ec, ev] = result_ec_ev;
                if (ec || ev.type == gi::scan_event::kind::end) {
                    ended = true;
                    co_return;
                }
                consumed_pages[ev.target_index] = ev.pages;
                // The consumer dawdles; the scan must wait for it, not pile pages up.
                pause.expires_after(20ms);
                co_await pause.async_wait(asio::use_awaitable);
                std::uint64_t consumed = 0;
                for (const auto& [t, n] : consumed_pages) {
                    consumed += n;
                }
                max_ahead = std::max(max_ahead, stream.progress().pages - consumed);
            }
            stream.cancel();
        },
        rethrow_error);
    io.run_for(120s);
    BOOST_TEST(!ended);
    // At most: the channel's capacity, plus one page held by each blocked worker, plus the
    // pages in flight.
    BOOST_TEST(max_ahead <= so.channel_capacity + 2 * so.concurrency + 1);
}

BOOST_AUTO_TEST_CASE(records_held_for_a_slow_consumer_stay_within_the_budget) {
    glue_test::sim_process sim({"--accounts", "6", "--connections-per-target", "300", "--role-name",
                                "Auditor", "--seed", "5"});
    asio::io_context io;
    gi::client c(io.get_executor(), options_for(sim));
    gi::scan_options so;
    so.concurrency = 8;
    so.records_per_request = 5; // 40 records in all: two pages of 20
    so.request.max_results = 20;
    const std::size_t budget = so.concurrency * so.records_per_request;
    gi::scan_stream stream(c, targets_of(sim), so);
    std::uint64_t consumed = 0;
    std::uint64_t max_held = 0;
    std::size_t events = 0;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            asio::steady_timer pause(io);
            for (; events < 40; ++events) {
                auto result_ec_ev = co_await stream.async_next(nothrow);
                auto& [ec, ev] = result_ec_ev;
                if (ec || ev.type == gi::scan_event::kind::end) {
                    co_return;
                }
                consumed += ev.connections.size();
                // The consumer dawdles: without the bound, 8 workers and 16 queued events
                // would hold hundreds of records.
                pause.expires_after(15ms);
                co_await pause.async_wait(asio::use_awaitable);
                max_held = std::max(max_held, stream.progress().records - consumed);
            }
            stream.cancel();
        },
        rethrow_error);
    io.run_for(120s);
    BOOST_TEST(events == 40u);
    // Received and not yet taken: within the budget, give or take one page (a request is
    // counted at the average page, which the last, shorter pages of a target pull down).
    BOOST_TEST(max_held <= budget + 20);
    BOOST_TEST(max_held >= 20u); // the consumer really was behind
}

BOOST_AUTO_TEST_CASE(a_scan_runs_on_a_thread_pool_through_a_strand) {
    glue_test::sim_process sim({"--accounts", "6", "--connections-per-target", "25", "--seed", "13",
                                "--role-name", "Auditor"});
    const auto targets = targets_of(sim);
    asio::thread_pool threads(2);
    // The client's state is not locked: a strand serialises it over the pool's threads.
    gi::client c(asio::make_strand(threads), options_for(sim));
    gi::scan_options so;
    so.request = show_passwords(3);
    gi::scan_stream stream(c, targets, so);
    std::map<std::size_t, std::vector<gi::connection>> records;
    std::size_t complete = 0;
    for (;;) {
        // The consumer is another thread altogether: a blocking use_future read.
        auto next = stream.async_next(asio::use_future);
        BOOST_TEST_REQUIRE((next.wait_for(120s) == std::future_status::ready));
        auto ev = next.get();
        if (ev.type == gi::scan_event::kind::end) {
            break;
        }
        if (ev.type == gi::scan_event::kind::page) {
            auto& r = records[ev.target_index];
            r.insert(r.end(), ev.connections.begin(), ev.connections.end());
        }
        complete += ev.type == gi::scan_event::kind::target_complete;
    }
    BOOST_TEST(complete == targets.size());
    for (std::size_t i = 0; i < targets.size(); ++i) {
        BOOST_TEST((records[i] == expected_connections(13, targets[i], 25)));
    }
    threads.join();
}

BOOST_AUTO_TEST_CASE(a_body_over_the_limit_fails_without_retrying) {
    glue_test::sim_process sim({"--accounts", "1", "--connections-per-target", "200", "--seed",
                                "21", "--role-name", "Auditor"});
    auto options = options_for(sim);
    options.http.max_body_bytes = 4096; // a page of 100 generated connections is far larger
    asio::io_context io;
    gi::client c(io.get_executor(), options);
    gi::diagnostics diag;
    auto targets = targets_of(sim);
    // Find a target that has connections (one in eight is empty).
    auto t = std::find_if(targets.begin(), targets.end(), [](const gi::target& x) {
        return !expected_connections(21, x, 200).empty();
    });
    BOOST_TEST_REQUIRE((t != targets.end()));
    auto fut = c.async_get_connections(*t, show_passwords(100), diag, asio::use_future);
    io.run_for(60s);
    BOOST_TEST_REQUIRE((fut.wait_for(0s) == std::future_status::ready));
    BOOST_CHECK_EXCEPTION(
        fut.get(), boost::system::system_error,
        [](const boost::system::system_error& e) { return e.code() == gi::errc::body_too_large; });
    BOOST_TEST(diag.attempts == 1);
    BOOST_TEST(diag.message.find("4096") != std::string::npos, diag.message);
}

BOOST_AUTO_TEST_CASE(a_profile_with_credential_process_signs_the_scan) {
    glue_test::sim_process sim({"--accounts", "2", "--connections-per-target", "15", "--seed", "17",
                                "--role-name", "Auditor"});
    const auto& r = sim.ready();
    const auto dir = std::filesystem::path(sim.state_dir());
    // The command prints the base identity's keys as the credential_process protocol says.
    const auto script = dir / "creds.sh";
    {
        std::ofstream s(script);
        s << "#!/bin/sh\nprintf '{\"Version\": 1, \"AccessKeyId\": \"%s\", "
             "\"SecretAccessKey\": \"%s\"}' '"
          << r.access_key_id << "' '" << r.secret_access_key << "'\n";
    }
    std::filesystem::permissions(script, std::filesystem::perms::owner_all);
    const auto failing = dir / "fails.sh";
    {
        std::ofstream s(failing);
        s << "#!/bin/sh\necho 'secret stuff that must not leak'\nexit 3\n";
    }
    std::filesystem::permissions(failing, std::filesystem::perms::owner_all);
    {
        std::ofstream config(dir / "config");
        config << "[profile proc]\ncredential_process = " << script.string()
               << "\n[profile broken]\ncredential_process = " << failing.string() << "\n";
    }
    auto options = options_for(sim);
    options.identity.static_credentials.reset();
    options.identity.profile = "proc";
    options.identity.config_file = (dir / "config").string();
    options.identity.credentials_file = (dir / "no-credentials-file").string();
    const auto targets = targets_of(sim);
    gi::scan_options so;
    so.request = show_passwords();
    check_exact(run_scan(options, targets, so), targets, 17, 15);

    options.identity.profile = "broken";
    asio::io_context io;
    gi::client c(io.get_executor(), options);
    gi::diagnostics diag;
    auto fut = c.async_get_connections(targets.front(), {}, diag, asio::use_future);
    io.run_for(60s);
    BOOST_TEST_REQUIRE((fut.wait_for(0s) == std::future_status::ready));
    BOOST_CHECK_EXCEPTION(fut.get(), boost::system::system_error,
                          [](const boost::system::system_error& e) {
                              return e.code() == gi::errc::credentials_unavailable;
                          });
    BOOST_TEST(diag.message.find("exited with status 3") != std::string::npos, diag.message);
    BOOST_TEST(diag.message.find("secret stuff") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(async_stop_completes_once_the_scan_has_really_stopped) {
    glue_test::sim_process sim({"--accounts", "20", "--latency-ms", "300",
                                "--connections-per-target", "50", "--role-name", "Auditor"});
    asio::io_context io;
    gi::client c(io.get_executor(), options_for(sim));
    gi::scan_stream stream(c, targets_of(sim), {});
    bool stopped = false;
    std::uint64_t requests_at_stop = 0;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            auto result_ec_ev = co_await stream.async_next(nothrow);
            BOOST_TEST(!std::get<0>(result_ec_ev));
            co_await stream.async_stop(asio::use_awaitable);
            stopped = true;
            requests_at_stop = c.stats().requests;
            // Stopping again, or after the stop, completes at once.
            co_await stream.async_stop(asio::use_awaitable);
        },
        rethrow_error);
    io.run_for(60s);
    BOOST_TEST(stopped);
    // Nothing of the scan ran after async_stop completed: no request was sent, and run()
    // returned with nothing pending.
    BOOST_TEST(c.stats().requests == requests_at_stop);
    BOOST_TEST(io.stopped());
}

BOOST_AUTO_TEST_CASE(async_stop_after_the_end_completes_at_once) {
    glue_test::sim_process sim({"--accounts", "2", "--connections-per-target", "5"});
    asio::io_context io;
    gi::client c(io.get_executor(), options_for(sim));
    gi::scan_stream stream(c, targets_of(sim), {});
    bool ended = false;
    bool stopped = false;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            for (;;) {
                auto result_ec_ev = co_await stream.async_next(nothrow);
                if (std::get<0>(result_ec_ev)) {
                    break;
                }
                if (std::get<1>(result_ec_ev).type == gi::scan_event::kind::end) {
                    ended = true;
                    break;
                }
            }
            co_await stream.async_stop(asio::use_awaitable);
            stopped = true;
        },
        rethrow_error);
    io.run_for(scan_time_limit);
    BOOST_TEST(ended);
    BOOST_TEST(stopped);
    BOOST_TEST(io.stopped());
}

BOOST_AUTO_TEST_CASE(a_clock_twenty_minutes_off_still_completes_the_scan) {
    // glue-sim's clock 20 minutes ahead of ours, then behind: every first request of an endpoint
    // is refused as AWS refuses it (InvalidSignatureException / SignatureDoesNotMatch, "Signature
    // expired" or "not yet current"); the client takes the offset from the Date header, signs
    // again, and later requests use the learnt offset from their first attempt.
    for (const char* skew : {"1200", "-1200"}) {
        BOOST_TEST_CONTEXT("clock skew " << skew) {
            glue_test::sim_process sim({"--accounts", "2", "--connections-per-target", "20",
                                        "--seed", "12", "--role-name", "Auditor", "--clock-skew",
                                        skew});
            const auto targets = targets_of(sim);
            auto options = options_for(sim);
            options.max_attempts = 1; // a clock correction is not a retry of a failing service
            gi::scan_options so;
            so.request = show_passwords(2); // ~10 pages per target
            const auto out = run_scan(options, targets, so);
            check_exact(out, targets, 12, 20);
            const auto stats = sim.stop();
            const auto refused = glue_test::stats_value(stats, "/signature_failures");
            BOOST_TEST_MESSAGE("clock skew " << skew << " s: " << refused << " refused of "
                                             << out.progress.client.requests << " requests");
            BOOST_TEST(refused > 0u);
            // Each refusal cost exactly one more request, counted as a retry...
            BOOST_TEST(out.progress.client.retries == refused);
            // ...and only the requests that started before their endpoint's offset was known
            // were refused, not every page.
            BOOST_TEST(refused * 2 < out.progress.client.requests);
        }
    }
}
