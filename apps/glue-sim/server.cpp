#include "server.hpp"

#include "sim_headers.hpp"

#include <openssl/ssl.h>

// GCC 12 inlines Asio's coroutine frame allocator (operator new over a recycling allocator that
// frees with free()) and reports a new/free mismatch that is not one; only this file has
// coroutines.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <iostream>
#include <random>
#include <vector>

namespace glue_sim {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using tls_stream = asio::ssl::stream<beast::tcp_stream>;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);
// Time allowed to write one answer.
constexpr std::chrono::seconds write_timeout{30};
// Time allowed for the TLS close_notify exchange at the end.
constexpr std::chrono::seconds shutdown_timeout{2};

std::chrono::milliseconds draw_delay(const server_options& o) {
    if (o.jitter.count() <= 0) {
        return o.latency;
    }
    thread_local std::mt19937_64 rng{std::random_device{}()};
    std::uniform_int_distribution<long long> d(0, o.jitter.count());
    return o.latency + std::chrono::milliseconds(d(rng));
}

// The head of an answer whose Content-Length promises more than will be sent.
std::string truncated_answer(const sim_response& r) {
    std::string out = "HTTP/1.1 200 OK\r\nx-amzn-RequestId: " + r.request_id +
                      "\r\nContent-Type: " + r.content_type +
                      "\r\nContent-Length: " + std::to_string(r.body.size() + 1024) + "\r\n\r\n";
    out.append(r.body, 0, r.body.size() / 2);
    return out;
}

struct in_flight {
    sim_stats& stats;
    explicit in_flight(sim_stats& s) : stats(s) { stats.request_started(); }
    ~in_flight() { stats.request_finished(); }
    in_flight(const in_flight&) = delete;
    in_flight& operator=(const in_flight&) = delete;
};

// Holds the connection open, silent, for hostile_hold_limit (or until the peer closes: a read
// of the raw socket ends then). Bytes the peer sends are read and ignored.
asio::awaitable<void> hold_silent(beast::tcp_stream& tcp_layer) {
    tcp_layer.expires_after(hostile_hold_limit);
    std::array<char, 4096> sink{};
    for (;;) {
        auto result_ec_n = co_await tcp_layer.async_read_some(asio::buffer(sink), use_tuple);
        if (std::get<0>(result_ec_n)) {
            co_return;
        }
    }
}

// The hostile modes after the TLS handshake and the request: see hostile_mode.hpp.
asio::awaitable<void> misbehave(tls_stream& stream, const sim_response& answer, hostile_mode mode) {
    auto& tcp_layer = stream.next_layer();
    if (mode == hostile_mode::no_answer) {
        tcp_layer.expires_after(hostile_hold_limit);
        beast::flat_buffer ignored;
        http::request<http::string_body> next;
        co_await http::async_read(stream, ignored, next, use_tuple); // ends when the peer does
        co_return;
    }
    asio::steady_timer timer(co_await asio::this_coro::executor);
    if (mode == hostile_mode::trickle) {
        std::string bytes = "HTTP/1.1 " + std::to_string(answer.status) +
                            " OK\r\nx-amzn-RequestId: " + answer.request_id +
                            "\r\nContent-Type: " + answer.content_type +
                            "\r\nContent-Length: " + std::to_string(answer.body.size()) +
                            "\r\n\r\n" + answer.body;
        const auto end = std::chrono::steady_clock::now() + hostile_hold_limit;
        for (const char c : bytes) {
            tcp_layer.expires_after(write_timeout);
            auto result_ec_n = co_await asio::async_write(stream, asio::buffer(&c, 1), use_tuple);
            if (std::get<0>(result_ec_n) || std::chrono::steady_clock::now() > end) {
                co_return;
            }
            timer.expires_after(trickle_interval);
            co_await timer.async_wait(use_tuple);
        }
        co_return;
    }
    // endless_headers: a status line, then blocks of header lines for as long as the peer reads.
    std::string block = "HTTP/1.1 200 OK\r\n";
    const auto end = std::chrono::steady_clock::now() + hostile_hold_limit;
    for (std::size_t line = 0; std::chrono::steady_clock::now() < end; ++line) {
        while (block.size() < endless_header_block) {
            block += "x-glue-sim-filler-" + std::to_string(line++) + ": " + std::string(40, 'f') +
                     "\r\n";
        }
        tcp_layer.expires_after(write_timeout);
        auto result_ec_n = co_await asio::async_write(stream, asio::buffer(block), use_tuple);
        if (std::get<0>(result_ec_n)) {
            co_return;
        }
        block.clear();
    }
}

asio::awaitable<void> serve_connection(tls_stream stream, simulator& sim, server_options options) {
    auto& tcp_layer = stream.next_layer();
    if (options.hostile == hostile_mode::no_handshake) {
        co_await hold_silent(tcp_layer);
        co_return;
    }
    tcp_layer.expires_after(options.handshake_timeout);
    auto result_hec = co_await stream.async_handshake(asio::ssl::stream_base::server, use_tuple);
    auto& [hec] = result_hec;
    if (hec) {
        co_return;
    }
    sim.stats().tls_handshakes.fetch_add(1);
    if (SSL_session_reused(stream.native_handle()) == 1) {
        sim.stats().tls_resumptions.fetch_add(1);
    }
    tcp_layer.socket().set_option(tcp::no_delay(true));

    beast::flat_buffer buffer;
    std::vector<glue_inventory::sigv4::header_ref> headers;
    asio::steady_timer timer(co_await asio::this_coro::executor);
    for (;;) {
        http::request_parser<http::string_body> parser;
        parser.body_limit(options.body_limit);
        parser.header_limit(options.header_limit);
        tcp_layer.expires_after(options.idle_timeout);
        auto result_rec_n = co_await http::async_read(stream, buffer, parser, use_tuple);
        auto& [rec, n] = result_rec_n;
        if (rec) {
            co_return; // closed, timed out or malformed: nothing more to say on this connection
        }
        auto& req = parser.get();
        in_flight counted(sim.stats());
        headers.clear();
        for (const auto& field : req) {
            headers.push_back({field.name_string(), field.value()});
        }
        const auto now = std::chrono::system_clock::now() + options.clock_skew;
        const sim_request request{req.method_string(), req.target(), headers, req.body(), now};
        sim_response answer = sim.handle(request);
        if (options.hostile != hostile_mode::none) {
            co_await misbehave(stream, answer, options.hostile);
            co_return; // no close_notify: a hostile server just goes away
        }

        auto delay = draw_delay(options);
        if (answer.fault == fault_kind::slow) {
            delay += options.slow_answer_delay;
        }
        if (delay.count() > 0) {
            tcp_layer.expires_never();
            timer.expires_after(delay);
            co_await timer.async_wait(use_tuple);
        }
        if (answer.fault == fault_kind::drop) {
            co_return; // the socket closes with no answer and no TLS close_notify
        }
        tcp_layer.expires_after(write_timeout);
        if (answer.fault == fault_kind::truncate) {
            const std::string bytes = truncated_answer(answer);
            co_await asio::async_write(stream, asio::buffer(bytes), use_tuple);
            co_return;
        }
        http::response<http::string_body> res{static_cast<http::status>(answer.status),
                                              req.version()};
        res.set("x-amzn-RequestId", answer.request_id);
        // As AWS does: the client reads the server's time from it after a clock-skew error.
        res.set(http::field::date, http_date_text(std::chrono::floor<std::chrono::seconds>(now)));
        if (!answer.content_type.empty()) {
            res.set(http::field::content_type, answer.content_type);
        }
        res.body() = std::move(answer.body);
        res.keep_alive(req.keep_alive());
        if (options.chunked) {
            res.chunked(true);
        } else {
            res.prepare_payload();
        }
        auto result_wec_w = co_await http::async_write(stream, res, use_tuple);
        auto& [wec, w] = result_wec_w;
        if (wec || !res.keep_alive()) {
            break;
        }
    }
    tcp_layer.expires_after(shutdown_timeout);
    co_await stream.async_shutdown(use_tuple);
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, asio::ssl::context& tls, simulator& sim,
                                  server_options options, session_count& sessions) {
    for (;;) {
        auto result_ec_socket = co_await acceptor.async_accept(use_tuple);
        auto& [ec, socket] = result_ec_socket;
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) {
            co_return;
        }
        if (ec) {
            continue; // e.g. out of descriptors for a moment: keep serving the others
        }
        auto executor = socket.get_executor();
        sessions.opened();
        asio::co_spawn(
            executor,
            serve_connection(tls_stream(beast::tcp_stream(std::move(socket)), tls), sim, options),
            [&sessions](const std::exception_ptr& e) { sessions.closed(e); });
    }
}

} // namespace

void session_count::opened() {
    ++open_;
}

void session_count::closed(const std::exception_ptr& e) {
    --open_;
    if (!e) {
        return;
    }
    // A session that threw ends alone; the others and the accept loop go on.
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& ex) {
        std::cerr << "glue-sim: a connection failed: " << ex.what() << "\n";
    } catch (...) {
        std::cerr << "glue-sim: a connection failed: an unknown exception\n";
    }
}

server::server(asio::io_context& io, asio::ssl::context& tls, simulator& sim,
               server_options options)
    : io_(io), tls_(tls), sim_(sim), options_(std::move(options)), acceptor_(io) {}

void server::listen() {
    const tcp::endpoint endpoint(asio::ip::make_address(options_.host), options_.port);
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(tcp::acceptor::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
    port_ = acceptor_.local_endpoint().port();
}

void server::start() {
    accepting_ = true;
    asio::co_spawn(io_, accept_loop(acceptor_, tls_, sim_, options_, sessions_),
                   [this](const std::exception_ptr& e) {
                       accepting_ = false;
                       if (e) {
                           std::rethrow_exception(e); // out of io.run(): the server is broken
                       }
                   });
}

void server::stop() {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
}

} // namespace glue_sim
