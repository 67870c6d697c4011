#include "http/failure_text.hpp"

#include "http/connection.hpp"

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/system/errc.hpp>

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

/// The system's words, and for EMFILE/ENFILE which limit it is: "Too many open files" alone does
/// not say that `ulimit -n` (or the system's file table) is what to raise.
std::string system_text(const boost::system::error_code& ec) {
    if (ec == boost::system::errc::too_many_files_open) {
        return ec.message() + " (the process's open-file limit, ulimit -n, is reached)";
    }
    if (ec == boost::system::errc::too_many_files_open_in_system) {
        return ec.message() + " (the system's open-file table is full, fs.file-max)";
    }
    return ec.message();
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
                   : system_text(ec);
    } else {
        out += timeout ? "the TLS handshake did not finish within " + ms(deadline) +
                             " (http_options::tls_handshake_timeout)"
                       : "TLS handshake failed: " + system_text(ec);
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
        out += system_text(ec);
    }
    return out;
}

} // namespace glue_inventory::http
