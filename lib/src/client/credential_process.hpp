// Runs a profile's credential_process command without blocking the event loop and without a
// thread: /bin/sh -c COMMAND with its stdout on a pipe read through Asio; stdin and stderr
// stay the tool's own, so a command that asks the user something (MFA) can.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/system/error_code.hpp>
#include <chrono>
#include <cstddef>
#include <string>

namespace glue_inventory::client_detail {

/// The longest output read from a credential_process (the JSON is a few hundred bytes).
inline constexpr std::size_t max_credential_process_output = 64 * 1024;
/// How long a credential_process may take before it is killed (it may wait for the user).
inline constexpr std::chrono::seconds credential_process_timeout{60};

/// Runs `command` and fills `output` with what it printed. On failure, `what` says why (the
/// exit status, a timeout, too much output) and never quotes the output.
boost::asio::awaitable<boost::system::error_code>
run_credential_process(const std::string& command, std::string& output, std::string& what);

} // namespace glue_inventory::client_detail
