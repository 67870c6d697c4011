// The waiting primitive, on an io_context with no socket: order, notification, cancellation.
#include "http/wait_queue.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>
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
