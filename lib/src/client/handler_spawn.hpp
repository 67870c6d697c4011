// Runs a coroutine that returns std::pair<error_code, T> and hands the pair to an
// any_completion_handler, on the handler's executor, with the handler's cancellation slot
// connected to the coroutine. Internal: included only by the .cpp files that initiate public
// async operations (Asio templates stay out of widely included headers).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <exception>
#include <glue_inventory/error.hpp>
#include <utility>

namespace glue_inventory::client_detail {

template <class Result, class Handler>
void spawn_for_handler(const boost::asio::any_io_executor& ex, boost::asio::awaitable<Result> op,
                       Handler handler) {
    namespace asio = boost::asio;
    auto slot = asio::get_associated_cancellation_slot(handler);
    auto handler_ex = asio::get_associated_executor(handler, ex);
    asio::co_spawn(
        ex, std::move(op),
        asio::bind_cancellation_slot(
            slot, asio::bind_executor(
                      handler_ex, [h = std::move(handler)](std::exception_ptr e, Result r) mutable {
                          if (e) {
                              // Errors are values; an exception is a bug or an allocation
                              // failure: reported, not terminating.
                              r.first = make_error_code(errc::invalid_response);
                          }
                          std::move(h)(r.first, std::move(r.second));
                      })));
}

} // namespace glue_inventory::client_detail
