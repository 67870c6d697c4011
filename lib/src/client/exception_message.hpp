// What an exception that escaped an operation's coroutine says, for diagnostics::message: the
// public operations report it as errc::internal_error, never as the server's answer, and never
// rethrow it into the caller's io_context.
#pragma once

#include <exception>
#include <string>

namespace glue_inventory::client_detail {

/// "an exception was thrown inside the operation: <what()>".
std::string exception_message(const std::exception_ptr& e);

} // namespace glue_inventory::client_detail
