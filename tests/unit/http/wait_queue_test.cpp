// The waiting primitive, on an io_context with no socket: order, notification, cancellation.
#include "http/wait_queue.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/test/unit_test.hpp>
#include <optional>
#include <vector>

namespace asio = boost::asio;
using boost::system::error_code;
using glue_inventory::http::wait_queue;

BOOST_AUTO_TEST_CASE(notify_one_wakes_the_oldest_waiter_first) {
    asio::io_context io;
    wait_queue q;
    std::vector<int> woken;
    for (int i = 0; i < 3; ++i) {
        q.async_wait(asio::bind_executor(io, [&, i](error_code ec) {
            BOOST_TEST(!ec);
            woken.push_back(i);
        }));
    }
    BOOST_TEST(q.size() == 3u);
    BOOST_TEST(q.notify_one());
    BOOST_TEST(q.notify_one());
    BOOST_TEST(q.size() == 1u);
    BOOST_TEST(woken.empty()); // completions are posted, never run inside notify
    io.run();
    BOOST_TEST(woken == (std::vector<int>{0, 1}));
    BOOST_TEST(q.notify_one());
    io.restart();
    io.run();
    BOOST_TEST(woken == (std::vector<int>{0, 1, 2}));
    BOOST_TEST(!q.notify_one()); // nobody left
}

BOOST_AUTO_TEST_CASE(notify_all_wakes_everyone_with_the_given_error) {
    asio::io_context io;
    wait_queue q;
    std::vector<error_code> results;
    for (int i = 0; i < 2; ++i) {
        q.async_wait(asio::bind_executor(io, [&](error_code ec) { results.push_back(ec); }));
    }
    BOOST_TEST(q.notify_all(asio::error::shut_down) == 2u);
    BOOST_TEST(q.empty());
    io.run();
    BOOST_TEST(results.size() == 2u);
    for (const auto& ec : results) {
        BOOST_TEST((ec == asio::error::shut_down));
    }
}

BOOST_AUTO_TEST_CASE(a_cancelled_waiter_leaves_the_queue_at_once) {
    asio::io_context io;
    wait_queue q;
    asio::cancellation_signal signal;
    std::optional<error_code> first, second;
    q.async_wait(asio::bind_cancellation_slot(
        signal.slot(), asio::bind_executor(io, [&](error_code ec) { first = ec; })));
    q.async_wait(asio::bind_executor(io, [&](error_code ec) { second = ec; }));
    signal.emit(asio::cancellation_type::terminal);
    BOOST_TEST(q.size() == 1u);
    signal.emit(asio::cancellation_type::terminal); // a second emission finds it gone
    // The next notification goes to the waiter still there.
    BOOST_TEST(q.notify_one());
    io.run();
    BOOST_TEST_REQUIRE(first.has_value());
    BOOST_TEST((*first == asio::error::operation_aborted));
    BOOST_TEST_REQUIRE(second.has_value());
    BOOST_TEST(!*second);
}

BOOST_AUTO_TEST_CASE(a_waiter_picked_before_its_cancellation_keeps_the_notification) {
    asio::io_context io;
    wait_queue q;
    asio::cancellation_signal signal;
    std::optional<error_code> result;
    q.async_wait(asio::bind_cancellation_slot(
        signal.slot(), asio::bind_executor(io, [&](error_code ec) { result = ec; })));
    BOOST_TEST(q.notify_one());
    signal.emit(asio::cancellation_type::terminal); // too late: the slot was released
    io.run();
    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(!*result);
}

BOOST_AUTO_TEST_CASE(cancel_and_destruction_abort_every_waiter) {
    asio::io_context io;
    std::vector<error_code> results;
    {
        wait_queue q;
        q.async_wait(asio::bind_executor(io, [&](error_code ec) { results.push_back(ec); }));
        q.cancel();
        BOOST_TEST(q.empty());
        q.async_wait(asio::bind_executor(io, [&](error_code ec) { results.push_back(ec); }));
    }
    io.run();
    BOOST_TEST(results.size() == 2u);
    for (const auto& ec : results) {
        BOOST_TEST((ec == asio::error::operation_aborted));
    }
}

namespace {

/// The pool's session wait: a notification raced against a deadline in a parallel group.
/// Returns which finished first (0: the queue, 1: the timer).
asio::awaitable<std::size_t> wait_with_deadline(wait_queue& q, std::chrono::milliseconds d) {
    auto ex = co_await asio::this_coro::executor;
    asio::steady_timer timer(ex, d);
    auto result =
        co_await asio::experimental::make_parallel_group(
            q.async_wait(asio::bind_executor(ex, asio::deferred)), timer.async_wait(asio::deferred))
            .async_wait(asio::experimental::wait_for_one(), asio::use_awaitable);
    co_return std::get<0>(result)[0];
}

} // namespace

BOOST_AUTO_TEST_CASE(a_deadline_raced_in_a_parallel_group_takes_the_waiter_out_of_the_queue) {
    asio::io_context io;
    wait_queue q;
    std::optional<std::size_t> first;
    asio::co_spawn(io, wait_with_deadline(q, std::chrono::milliseconds{1}),
                   [&](std::exception_ptr, std::size_t which) { first = which; });
    io.run();
    BOOST_TEST_REQUIRE(first.has_value());
    BOOST_TEST(*first == 1u); // the timer
    BOOST_TEST(q.empty());    // the losing wait left the queue
}

BOOST_AUTO_TEST_CASE(a_notification_raced_in_a_parallel_group_cancels_the_deadline) {
    asio::io_context io;
    wait_queue q;
    std::optional<std::size_t> first;
    asio::co_spawn(io, wait_with_deadline(q, std::chrono::hours{1}),
                   [&](std::exception_ptr, std::size_t which) { first = which; });
    io.poll(); // the coroutine is waiting
    BOOST_TEST(q.size() == 1u);
    q.notify_all();
    io.run(); // returns at once: the hour-long timer was cancelled
    BOOST_TEST_REQUIRE(first.has_value());
    BOOST_TEST(*first == 0u); // the queue
}
