#include "metadata_server.hpp"

// As in server.cpp: GCC 12 reports a new/free mismatch in Asio's coroutine frame allocator
// that is not one.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace glue_sim {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
/// An idle keep-alive connection is closed after this long.
constexpr std::chrono::seconds idle_timeout{10};

asio::awaitable<void> serve(beast::tcp_stream stream, credential_endpoints& endpoints) {
    beast::flat_buffer buffer;
    for (;;) {
        http::request<http::string_body> req;
        stream.expires_after(idle_timeout);
        auto [read_ec, read_n] = co_await http::async_read(stream, buffer, req, use_tuple);
        if (read_ec) {
            break;
        }
        plain_request request{std::string(req.method_string()), std::string(req.target()), {}};
        for (const auto& field : req) {
            request.headers.emplace_back(std::string(field.name_string()),
                                         std::string(field.value()));
        }
        const plain_response answer = endpoints.handle(request);
        http::response<http::string_body> res{static_cast<http::status>(answer.status),
                                              req.version()};
        res.set(http::field::content_type, answer.content_type);
        for (const auto& [name, value] : answer.headers) {
            res.set(name, value);
        }
        res.body() = answer.body;
        res.keep_alive(req.keep_alive());
        res.prepare_payload();
        stream.expires_after(idle_timeout);
        auto [write_ec, write_n] = co_await http::async_write(stream, res, use_tuple);
        if (write_ec || !res.keep_alive()) {
            break;
        }
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, credential_endpoints& endpoints,
                                  session_count& sessions) {
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(use_tuple);
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) {
            co_return;
        }
        if (ec) {
            continue;
        }
        auto executor = socket.get_executor();
        sessions.opened();
        asio::co_spawn(executor, serve(beast::tcp_stream(std::move(socket)), endpoints),
                       [&sessions](const std::exception_ptr& e) { sessions.closed(e); });
    }
}

} // namespace

metadata_server::metadata_server(asio::io_context& io, credential_endpoints& endpoints,
                                 std::string host)
    : io_(io), endpoints_(endpoints), host_(std::move(host)), acceptor_(io) {}

void metadata_server::listen() {
    const tcp::endpoint endpoint(asio::ip::make_address(host_), 0);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(tcp::acceptor::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
    port_ = acceptor_.local_endpoint().port();
}

void metadata_server::start() {
    accepting_ = true;
    asio::co_spawn(io_, accept_loop(acceptor_, endpoints_, sessions_),
                   [this](const std::exception_ptr& e) {
                       accepting_ = false;
                       if (e) {
                           std::rethrow_exception(e); // out of io.run(): the server is broken
                       }
                   });
}

void metadata_server::stop() {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
}

} // namespace glue_sim
