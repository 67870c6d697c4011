// What the initiation objects of the public async functions share (Boost.MySQL's model): the
// executor of the object that starts the operation. The initiation is handed the object's
// shared state as an argument, never a pointer to the object itself, so that a deferred
// operation (asio::deferred, the default token) can be launched after that object has been
// moved or destroyed. Completion tokens that adapt an operation read the executor where it
// runs from the initiation (get_executor()).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <utility>

namespace glue_inventory::detail {

struct initiation_base {
    using executor_type = boost::asio::any_io_executor;

    explicit initiation_base(executor_type ex) noexcept : ex_(std::move(ex)) {}

    const executor_type& get_executor() const noexcept { return ex_; }

private:
    executor_type ex_;
};

} // namespace glue_inventory::detail
