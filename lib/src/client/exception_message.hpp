// What an exception that escaped an operation's coroutine says, for diagnostics::message: the
// public operations report it as errc::internal_error, never as the server's answer, and never
// rethrow it into the caller's io_context.
#pragma once

#include <exception>
#include <string>

namespace glue_inventory::client_detail {

/// "an exception was thrown inside the operation: <what()>".
std::string exception_message(const std::exception_ptr& e);

/// Whether `e` is the system_error(operation_aborted) that Asio's coroutines throw at a co_await
/// once their cancellation slot was signalled (handler_spawn.hpp): a cancellation, not a failure.
bool thrown_cancellation(const std::exception_ptr& e);

} // namespace glue_inventory::client_detail
