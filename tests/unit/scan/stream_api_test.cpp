// scan_stream's public async functions keep Asio's promises, without a socket: targets that fail
// before any I/O (a region that does not resolve, a credential chain that throws) and a scan of
// no target give events at once, and still async_next never completes inside its initiating
// call, completes on the handler's own executor, and loses no event to a cancelled wait.
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>
#include <boost/test/unit_test.hpp>
#include <glue_inventory/scan.hpp>
#include <optional>
#include <stdexcept>
#include <vector>

namespace gi = glue_inventory;
namespace asio = boost::asio;
using boost::system::error_code;
using kind = gi::scan_event::kind;

namespace {

/// No scan of these options reaches a socket: every target given fails before any I/O.
gi::client_options offline_options() {
    gi::client_options o;
    o.glue_endpoint_url = "https://127.0.0.1:9";
    o.identity.static_credentials = gi::credentials{"AKIDEXAMPLE", "not-a-secret", {}, {}};
    return o;
}

const gi::target unresolvable{"123456789012", "not a region!", std::nullopt};

struct received {
    int calls = 0;
    error_code ec;
    std::optional<gi::scan_event> event;
    bool on_expected_executor = false;
};

/// A handler that records what it got, and whether `ex` was running it.
template <class Executor>
auto recorder(received& r, const Executor& ex) {
    return [&r, ex](error_code ec, gi::scan_event ev) {
        ++r.calls;
        r.ec = ec;
        r.event = std::move(ev);
        r.on_expected_executor = ex.running_in_this_thread();
    };
}

/// Every event of `stream`, read with the default token (deferred) in a coroutine, up to the
/// error that follows `end`.
std::vector<gi::scan_event> read_all(asio::io_context& io, gi::scan_stream& stream,
                                     std::optional<error_code>& after_end) {
    std::vector<gi::scan_event> events;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            try {
                for (;;) {
                    auto ev = co_await stream.async_next();
                    events.push_back(std::move(ev));
                }
            } catch (const boost::system::system_error& e) {
                after_end = e.code();
            }
        },
        [](const std::exception_ptr& e) {
            if (e) {
                std::rethrow_exception(e);
            }
        });
    io.run();
    return events;
}

} // namespace

BOOST_AUTO_TEST_CASE(async_next_with_an_event_waiting_does_not_complete_inline) {
    asio::io_context io;
    gi::client c(io.get_executor(), offline_options());
    gi::scan_stream stream(c, {});
    io.run(); // the scan of no target ends at once: `end` waits in the channel
    received r;
    stream.async_next(recorder(r, io.get_executor()));
    BOOST_TEST(r.calls == 0);
    io.restart();
    io.run();
    BOOST_TEST(r.calls == 1);
    BOOST_TEST(!r.ec);
    BOOST_TEST((r.event->type == kind::end));

    // After the end: errc::cancelled, not inline either.
    received after;
    stream.async_next(recorder(after, io.get_executor()));
    BOOST_TEST(after.calls == 0);
    io.restart();
    io.run();
    BOOST_TEST(after.calls == 1);
    BOOST_TEST((after.ec == gi::errc::cancelled));
}

BOOST_AUTO_TEST_CASE(a_moved_from_stream_completes_later_with_cancelled) {
    asio::io_context io;
    gi::client c(io.get_executor(), offline_options());
    gi::scan_stream stream(c, {});
    gi::scan_stream moved(std::move(stream));
    BOOST_TEST((stream.get_executor() == c.get_executor()));
    received next;
    int stopped = 0;
    stream.async_next(recorder(next, io.get_executor()));
    stream.async_stop([&](error_code ec) {
        BOOST_TEST(!ec);
        ++stopped;
    });
    BOOST_TEST(next.calls == 0);
    BOOST_TEST(stopped == 0);
    io.run();
    BOOST_TEST(next.calls == 1);
    BOOST_TEST((next.ec == gi::errc::cancelled));
    BOOST_TEST(stopped == 1);
}

BOOST_AUTO_TEST_CASE(the_handler_runs_on_its_associated_executor) {
    asio::io_context io;        // the client's
    asio::io_context elsewhere; // the handler's
    gi::client c(io.get_executor(), offline_options());
    gi::scan_stream stream(c, {unresolvable});
    received first, second;
    stream.async_next(asio::bind_executor(elsewhere, recorder(first, elsewhere.get_executor())));
    io.run();
    BOOST_TEST(first.calls == 0); // received on the client's side, waiting for its context
    elsewhere.run();
    BOOST_TEST(first.calls == 1);
    BOOST_TEST(first.on_expected_executor);
    BOOST_TEST((first.event->type == kind::target_failed));
    BOOST_TEST((first.event->error == gi::errc::endpoint_unresolved));

    auto strand = asio::make_strand(io);
    stream.async_next(asio::bind_executor(strand, recorder(second, strand)));
    io.restart();
    io.run();
    BOOST_TEST(second.calls == 1);
    BOOST_TEST(second.on_expected_executor);
    BOOST_TEST((second.event->type == kind::end));

    int stopped = 0;
    stream.async_stop(asio::bind_executor(elsewhere, [&](error_code) {
        stopped += elsewhere.get_executor().running_in_this_thread() ? 1 : 100;
    }));
    io.restart();
    io.run();
    BOOST_TEST(stopped == 0);
    elsewhere.restart();
    elsewhere.run();
    BOOST_TEST(stopped == 1);
}

BOOST_AUTO_TEST_CASE(a_cancelled_wait_loses_no_event) {
    asio::io_context io;
    gi::client c(io.get_executor(), offline_options());
    gi::scan_stream stream(c, {});
    asio::cancellation_signal signal;
    received cancelled;
    // Pending: the scan has not run yet.
    stream.async_next(
        asio::bind_cancellation_slot(signal.slot(), recorder(cancelled, io.get_executor())));
    signal.emit(asio::cancellation_type::total);
    // poll, not run: after a cancelled receive, Boost 1.81's channel no longer buffers (see
    // async_next), so the scan's `end` waits in its sender for the next async_next.
    io.poll();
    BOOST_TEST(cancelled.calls == 1);
    BOOST_TEST((cancelled.ec == gi::errc::cancelled));
    std::optional<error_code> after_end;
    const auto events = read_all(io, stream, after_end);
    BOOST_TEST_REQUIRE(events.size() == 1u); // the end, which the cancelled wait did not take
    BOOST_TEST((events[0].type == kind::end));
}

BOOST_AUTO_TEST_CASE(a_target_whose_credentials_throw_fails_with_internal_error) {
    asio::io_context io;
    auto options = offline_options();
    options.identity.static_credentials.reset();
    options.env = [](std::string_view) -> std::optional<std::string> {
        throw std::runtime_error("the embedder's environment exploded");
    };
    gi::client c(io.get_executor(), options);
    gi::scan_stream stream(c, {gi::target{"123456789012", "us-east-1", std::nullopt}});
    std::optional<error_code> after_end;
    const auto events = read_all(io, stream, after_end); // nothing thrown out of run()
    BOOST_TEST_REQUIRE(events.size() == 2u);
    BOOST_TEST((events[0].type == kind::target_failed));
    BOOST_TEST((events[0].error == gi::errc::internal_error), events[0].error.message());
    BOOST_TEST(events[0].diag.message.find("the embedder's environment exploded") !=
                   std::string::npos,
               events[0].diag.message);
    BOOST_TEST((events[1].type == kind::end));
    BOOST_TEST_REQUIRE(after_end.has_value());
    BOOST_TEST((*after_end == gi::errc::cancelled));
    BOOST_TEST(stream.progress().targets_failed == 1u);
}

BOOST_AUTO_TEST_CASE(async_next_into_an_event_reads_each_event_into_it_not_inline) {
    asio::io_context io;
    gi::client c(io.get_executor(), offline_options());
    gi::scan_stream stream(c, {unresolvable});
    gi::scan_event into;
    into.type = kind::page; // whatever it held before: reset at once
    into.connections.resize(3);
    int calls = 0;
    error_code got;
    const auto next = [&] {
        stream.async_next(into, [&](error_code ec) {
            ++calls;
            got = ec;
        });
    };
    next();
    BOOST_TEST(calls == 0);
    BOOST_TEST(into.connections.empty()); // the page it held is gone already
    io.run();
    BOOST_TEST(calls == 1);
    BOOST_TEST(!got);
    BOOST_TEST((into.type == kind::target_failed));
    BOOST_TEST((into.error == gi::errc::endpoint_unresolved));
    BOOST_TEST(into.target.region == unresolvable.region);

    next();
    io.restart();
    io.run();
    BOOST_TEST(calls == 2);
    BOOST_TEST((into.type == kind::end));

    // After the end: errc::cancelled, a default event, not inline either.
    into.target = unresolvable;
    next();
    BOOST_TEST(calls == 2);
    io.restart();
    io.run();
    BOOST_TEST(calls == 3);
    BOOST_TEST((got == gi::errc::cancelled));
    BOOST_TEST(into.target.account_id.empty());
}

BOOST_AUTO_TEST_CASE(async_next_into_an_event_completes_on_the_handlers_executor) {
    asio::io_context io;        // the client's
    asio::io_context elsewhere; // the handler's
    gi::client c(io.get_executor(), offline_options());
    gi::scan_stream stream(c, {unresolvable});
    gi::scan_event into;
    int on_elsewhere = 0;
    stream.async_next(into, asio::bind_executor(elsewhere, [&](error_code ec) {
                          BOOST_TEST(!ec);
                          on_elsewhere += elsewhere.get_executor().running_in_this_thread();
                      }));
    io.run();
    BOOST_TEST(on_elsewhere == 0);
    BOOST_TEST((into.type == kind::target_failed)); // written on the client's side, before
    elsewhere.run();
    BOOST_TEST(on_elsewhere == 1);
}

BOOST_AUTO_TEST_CASE(a_cancelled_wait_into_an_event_loses_no_event) {
    asio::io_context io;
    gi::client c(io.get_executor(), offline_options());
    gi::scan_stream stream(c, {});
    asio::cancellation_signal signal;
    gi::scan_event into;
    error_code got;
    stream.async_next(
        into, asio::bind_cancellation_slot(signal.slot(), [&](error_code ec) { got = ec; }));
    signal.emit(asio::cancellation_type::total);
    io.poll();
    BOOST_TEST((got == gi::errc::cancelled));
    std::optional<error_code> after_end;
    const auto events = read_all(io, stream, after_end);
    BOOST_TEST_REQUIRE(events.size() == 1u);
    BOOST_TEST((events[0].type == kind::end));
}

BOOST_AUTO_TEST_CASE(a_moved_from_stream_completes_into_an_event_with_cancelled) {
    asio::io_context io;
    gi::client c(io.get_executor(), offline_options());
    gi::scan_stream stream(c, {});
    gi::scan_stream moved(std::move(stream));
    gi::scan_event into;
    int calls = 0;
    stream.async_next(into, [&](error_code ec) {
        ++calls;
        BOOST_TEST((ec == gi::errc::cancelled));
    });
    BOOST_TEST(calls == 0);
    io.run();
    BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_CASE(a_handler_on_another_any_io_executor_still_runs_there) {
    // The same executor type as the client's, another context: not the client's executor, so
    // the event is dispatched to it rather than completed where it arrives.
    asio::io_context io;
    asio::io_context elsewhere;
    gi::client c(io.get_executor(), offline_options());
    gi::scan_stream stream(c, {unresolvable});
    const asio::any_io_executor other = elsewhere.get_executor();
    received by_value;
    stream.async_next(asio::bind_executor(other, recorder(by_value, elsewhere.get_executor())));
    io.run();
    BOOST_TEST(by_value.calls == 0);
    elsewhere.run();
    BOOST_TEST(by_value.calls == 1);
    BOOST_TEST(by_value.on_expected_executor);
    BOOST_TEST((by_value.event->type == kind::target_failed));

    gi::scan_event into;
    int on_other = 0;
    stream.async_next(into, asio::bind_executor(other, [&](error_code ec) {
                          BOOST_TEST(!ec);
                          on_other += elsewhere.get_executor().running_in_this_thread() ? 1 : 100;
                      }));
    io.restart();
    io.run();
    BOOST_TEST(on_other == 0);
    elsewhere.restart();
    elsewhere.run();
    BOOST_TEST(on_other == 1);
    BOOST_TEST((into.type == kind::end));
}
