// Runs a coroutine that returns std::pair<error_code, T> and hands the pair to an
// any_completion_handler, on the handler's executor, with the handler's cancellation slot
// connected to the coroutine. Internal: included only by the .cpp files that initiate public
// async operations (Asio templates stay out of widely included headers).
#pragma once

#include "client/exception_message.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <exception>
#include <glue_inventory/error.hpp>
#include <utility>

namespace glue_inventory::client_detail {

/// co_spawn invokes the handler on its associated executor (`ex` when it has none), and never
/// inline: it posts before completing when the coroutine finished without ever suspending.
/// An exception that escapes `op` (std::bad_alloc, or one thrown by the caller's
/// client_options::env) completes the handler with errc::internal_error and, when `diag` is
/// given, the exception's what() in diag->message: it is the client failing, never the
/// server's answer, and it is not rethrown into the caller's io_context.
/// Except a cancellation: once the handler's slot has been signalled, Asio's coroutines throw
/// system_error(operation_aborted) at their next co_await of an operation (their default
/// `throw_if_cancelled`). That happens when the signal comes before the coroutine first runs,
/// or between an inner operation's completion and the coroutine's resumption, where no
/// operation is pending to fail with an error code. It completes with errc::cancelled, as the
/// public operations promise, not as a bug of the client.
template <class Result, class Handler>
void spawn_for_handler(const boost::asio::any_io_executor& ex, boost::asio::awaitable<Result> op,
                       diagnostics* diag, Handler handler) {
    namespace asio = boost::asio;
    auto slot = asio::get_associated_cancellation_slot(handler);
    auto handler_ex = asio::get_associated_executor(handler, ex);
    auto complete = [diag, h = std::move(handler)](const std::exception_ptr& e, Result r) mutable {
        if (e) {
            r = {};
            const bool cancelled = thrown_cancellation(e);
            r.first = make_error_code(cancelled ? errc::cancelled : errc::internal_error);
            if (diag != nullptr) {
                *diag = {};
                if (!cancelled) {
                    diag->message = exception_message(e);
                }
            }
        }
        std::move(h)(r.first, std::move(r.second));
    };
    asio::co_spawn(
        ex, std::move(op),
        asio::bind_cancellation_slot(slot, asio::bind_executor(handler_ex, std::move(complete))));
}

} // namespace glue_inventory::client_detail
