// `nothrow`: the completion token of a coroutine that takes an operation's error as a value.
// `co_await op(..., glue_inventory::nothrow)` gives std::tuple<error_code, T...> and does not
// throw, where plain use_awaitable would throw system_error. One definition for the library,
// the CLI and the tests (it was written out in nine files).
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace glue_inventory {

inline constexpr auto nothrow = boost::asio::as_tuple(boost::asio::use_awaitable);

} // namespace glue_inventory
