#include "http/connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <openssl/err.h>
#include <openssl/ssl.h>

namespace glue_inventory::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
using boost::system::error_code;

namespace {
constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);

bool is_ip_address(const std::string& host) {
    error_code ec;
    (void)asio::ip::make_address(host, ec);
    return !ec;
}
} // namespace

connection::connection(asio::any_io_executor ex, asio::ssl::context& tls_context, origin o)
    : origin_(std::move(o)) {
    if (origin_.tls) {
        tls_.emplace(ex, tls_context);
    } else {
        plain_.emplace(ex);
    }
}

beast::tcp_stream& connection::tcp() {
    return tls_ ? tls_->next_layer() : *plain_;
}

asio::awaitable<error_code>
connection::connect(const asio::ip::tcp::resolver::results_type& endpoints,
                    std::chrono::milliseconds connect_timeout,
                    std::chrono::milliseconds handshake_timeout, const tls_session& resume) {
    tcp().expires_after(connect_timeout);
    auto result_ec_ep = co_await tcp().async_connect(endpoints, nothrow);
    auto& [ec, ep] = result_ec_ep;
    if (ec) {
        co_return ec;
    }
    tcp().socket().set_option(asio::ip::tcp::no_delay(true), ec);
    if (!tls_) {
        tcp().expires_never();
        co_return error_code{};
    }
    SSL* ssl = tls_->native_handle();
    // SNI carries host names only: RFC 6066 forbids IP literals in it.
    // (SSL_set_tlsext_host_name is a macro with a C cast; call what it expands to.)
    if (!is_ip_address(origin_.host) &&
        SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                 const_cast<char*>(origin_.host.c_str())) != 1) {
        co_return error_code(static_cast<int>(::ERR_get_error()), asio::error::get_ssl_category());
    }
    tls_->set_verify_mode(asio::ssl::verify_peer);
    tls_->set_verify_callback(asio::ssl::host_name_verification(origin_.host));
    if (resume) {
        SSL_set_session(ssl, resume.get());
    }
    tcp().expires_after(handshake_timeout);
    auto result_hec = co_await tls_->async_handshake(asio::ssl::stream_base::client, nothrow);
    auto& [hec] = result_hec;
    tcp().expires_never();
    co_return hec;
}

asio::awaitable<error_code> connection::round_trip(request& req, response_parser& parser,
                                                   std::chrono::milliseconds timeout) {
    tcp().expires_after(timeout);
    error_code ec;
    if (tls_) {
        std::tie(ec, std::ignore) = co_await beast::http::async_write(*tls_, req, nothrow);
        if (!ec) {
            std::tie(ec, std::ignore) =
                co_await beast::http::async_read(*tls_, buffer_, parser, nothrow);
        }
    } else {
        std::tie(ec, std::ignore) = co_await beast::http::async_write(*plain_, req, nothrow);
        if (!ec) {
            std::tie(ec, std::ignore) =
                co_await beast::http::async_read(*plain_, buffer_, parser, nothrow);
        }
    }
    // A pooled connection must not carry a deadline while it is parked.
    tcp().expires_never();
    co_return ec;
}

tls_session connection::session() {
    if (!tls_) {
        return nullptr;
    }
    SSL_SESSION* s = SSL_get1_session(tls_->native_handle());
    if (s == nullptr) {
        return nullptr;
    }
    return tls_session(s, SSL_SESSION_free);
}

bool connection::resumed() {
    return tls_ && SSL_session_reused(tls_->native_handle()) == 1;
}

void connection::close() {
    error_code ignored;
    tcp().socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    tcp().close();
}

} // namespace glue_inventory::http
