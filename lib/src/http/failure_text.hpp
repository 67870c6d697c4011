// What a failed connection or request says to the user: the step that failed (TCP connect, TLS
// handshake, request), and for a deadline, which one and its value, so that "it hung" reads as
// "no answer within 30000 ms (http_options::request_timeout)". Pure; kept apart from the I/O.
#pragma once

#include <boost/system/error_code.hpp>
#include <chrono>
#include <string>
#include <string_view>

namespace glue_inventory::http {

enum class connect_step {
    tcp_connect,
    tls_handshake,
};

/// "cannot connect to HOST:PORT: ..." naming the step; `deadline` is that step's timeout.
std::string connect_failure_text(std::string_view host, unsigned short port, connect_step step,
                                 const boost::system::error_code& ec,
                                 std::chrono::milliseconds deadline);

/// "request to HOST:PORT failed: ..."; a timeout names request_timeout and its value, a header
/// over the limit names the limit.
std::string request_failure_text(std::string_view host, unsigned short port,
                                 const boost::system::error_code& ec,
                                 std::chrono::milliseconds request_timeout);

} // namespace glue_inventory::http
