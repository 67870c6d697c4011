// A first-come first-served queue of waiting asynchronous operations: the condition variable of
// single-threaded Asio code. The pool's callers waiting for a connection, the scan's workers
// waiting for room to start a request and the callers waiting for a credentials refresh all
// wait on one.
//
// - async_wait() completes with success when notify_one() picks it (the oldest waiter first) or
//   notify_all() runs, with the error given to notify (cancel(): operation_aborted), or with
//   operation_aborted when its cancellation slot is emitted (any cancellation type). A waiter
//   cancelled through its slot leaves the queue at once, so size() counts only live waiters.
// - Completions are posted to the handler's associated executor, never run inside notify: the
//   notifier's state is consistent again before any waiter resumes.
// - Once a waiter is picked, its cancellation slot is released: it completes with the
//   notification even when cancelled before it resumes.
//
// Executor and thread safety: not thread-safe. Every member function and the waiters' cancellation
// must run on one executor (the one the waiting coroutines run on).
// Object lifetime: destroying the queue completes every waiter with operation_aborted.
#pragma once

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/system_executor.hpp>
#include <boost/system/error_code.hpp>
#include <cstddef>
#include <list>
#include <type_traits>

namespace glue_inventory::http {

class wait_queue {
public:
    wait_queue() = default;
    ~wait_queue();
    // Pending waiters' cancellation handlers point at the queue: it stays where it was made.
    wait_queue(const wait_queue&) = delete;
    wait_queue& operator=(const wait_queue&) = delete;

    /// Waits for a notification. Completion: void(error_code), posted to the handler's
    /// associated executor, which must be set (a coroutine's is).
    template <class CompletionToken>
    auto async_wait(CompletionToken&& token) {
        return boost::asio::async_initiate<CompletionToken, void(boost::system::error_code)>(
            [this](auto handler) {
                // The handler's executor is known here, before type erasure: it is where the
                // completion is posted. Without one it would be the system executor's threads
                // (a parallel group's operation handler has none: bind_executor the token).
                static_assert(!std::is_same_v<boost::asio::associated_executor_t<decltype(handler)>,
                                              boost::asio::system_executor>,
                              "wait_queue::async_wait needs a handler bound to an executor");
                boost::asio::any_io_executor ex = boost::asio::get_associated_executor(handler);
                initiate_wait(std::move(handler), std::move(ex));
            },
            token);
    }

    /// Completes the oldest waiter with `ec`. False when nobody waits.
    bool notify_one(boost::system::error_code ec = {});
    /// Completes every waiter with `ec`; returns how many there were.
    std::size_t notify_all(boost::system::error_code ec = {});
    /// Completes every waiter with operation_aborted.
    void cancel();

    std::size_t size() const { return waiters_.size(); }
    bool empty() const { return waiters_.empty(); }

    using handler_type = boost::asio::any_completion_handler<void(boost::system::error_code)>;
    struct waiter {
        handler_type handler;
        boost::asio::any_io_executor executor;
    };

private:
    void initiate_wait(handler_type handler, boost::asio::any_io_executor ex);
    static void complete(waiter& w, boost::system::error_code ec);

    std::list<waiter> waiters_; // front = oldest
};

} // namespace glue_inventory::http
