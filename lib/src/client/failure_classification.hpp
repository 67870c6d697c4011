// How the client treats a failed attempt: retried or not (retry::failure), and which errc the
// caller finally sees. Pure.
#pragma once

#include "protocol/aws_error.hpp"
#include "retry/retry_types.hpp"

#include <boost/system/error_code.hpp>
#include <glue_inventory/error.hpp>

namespace glue_inventory::client_detail {

/// An error answer of the service.
retry::failure retry_class(protocol::error_kind kind) noexcept;
errc final_error(protocol::error_kind kind) noexcept;

/// A failure below HTTP (DNS, TCP, TLS, a connection dropped or a body cut short, a timeout):
/// `ec` as the I/O layer reported it.
retry::failure retry_class_of_io(const boost::system::error_code& ec) noexcept;
errc final_error_of_io(const boost::system::error_code& ec) noexcept;

/// Codes after which cached credentials must be thrown away and fetched again.
bool is_expired_credentials(std::string_view aws_error_code) noexcept;

} // namespace glue_inventory::client_detail
