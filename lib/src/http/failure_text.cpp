#include "http/failure_text.hpp"

#include "http/connection.hpp"

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

namespace glue_inventory::http {

namespace beast = boost::beast;

namespace {

std::string where(std::string_view host, unsigned short port) {
    std::string out(host);
    out += ":" + std::to_string(port);
    return out;
}

std::string ms(std::chrono::milliseconds d) {
    return std::to_string(d.count()) + " ms";
}

} // namespace

std::string connect_failure_text(std::string_view host, unsigned short port, connect_step step,
                                 const boost::system::error_code& ec,
                                 std::chrono::milliseconds deadline) {
    std::string out = "cannot connect to " + where(host, port) + ": ";
    const bool timeout = ec == beast::error::timeout;
    if (step == connect_step::tcp_connect) {
        out += timeout
                   ? "no TCP connection within " + ms(deadline) + " (http_options::connect_timeout)"
                   : ec.message();
    } else {
        out += timeout ? "the TLS handshake did not finish within " + ms(deadline) +
                             " (http_options::tls_handshake_timeout)"
                       : "TLS handshake failed: " + ec.message();
    }
    return out;
}

std::string request_failure_text(std::string_view host, unsigned short port,
                                 const boost::system::error_code& ec,
                                 std::chrono::milliseconds request_timeout) {
    std::string out = "request to " + where(host, port) + " failed: ";
    if (ec == beast::error::timeout) {
        out +=
            "no complete answer within " + ms(request_timeout) + " (http_options::request_timeout)";
    } else if (ec == beast::http::error::header_limit) {
        out += "the answer's header is larger than the limit of " +
               std::to_string(max_header_bytes) + " bytes";
    } else {
        out += ec.message();
    }
    return out;
}

} // namespace glue_inventory::http
