#include "client/exception_message.hpp"

#include <boost/asio/error.hpp>
#include <boost/system/system_error.hpp>

namespace glue_inventory::client_detail {

std::string exception_message(const std::exception_ptr& e) {
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& ex) {
        return std::string("an exception was thrown inside the operation: ") + ex.what();
    } catch (...) {
        return "an exception that is not a std::exception was thrown inside the operation";
    }
}

bool thrown_cancellation(const std::exception_ptr& e) {
    try {
        std::rethrow_exception(e);
    } catch (const boost::system::system_error& ex) {
        return ex.code() == boost::asio::error::operation_aborted;
    } catch (...) {
        return false;
    }
}

} // namespace glue_inventory::client_detail
