// glue-sim-load: how many GetConnections pages per second glue-sim serves. Keep-alive TLS
// connections (one thread, one coroutine each) send signed requests back to back for a fixed
// time; the signing key is derived once, as a real client caches it.
//
//   glue-sim-load --ready DIR/ready.json [--connections 8] [--seconds 5] [--max-results 1]
#include "sigv4/signer.hpp"

#include <CLI/CLI.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <fstream>
#include <iostream>
#include <simdjson.h>
#include <sstream>

// Same GCC 12 false positive as in server.cpp (Asio's coroutine frame allocator).
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace sigv4 = glue_inventory::sigv4;

namespace {

struct load_state {
    std::string host = "127.0.0.1";
    unsigned short port = 0;
    std::string access_key_id;
    std::string secret;
    std::string body;
    std::chrono::steady_clock::time_point end;
    std::uint64_t pages = 0;
    std::uint64_t failures = 0;
};

asio::awaitable<void> run_connection(asio::ssl::context& tls, load_state& st) {
    auto executor = co_await asio::this_coro::executor;
    beast::ssl_stream<beast::tcp_stream> stream(executor, tls);
    co_await beast::get_lowest_layer(stream).async_connect(
        asio::ip::tcp::endpoint(asio::ip::make_address(st.host), st.port), asio::use_awaitable);
    co_await stream.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);
    beast::flat_buffer buffer;
    const std::string content_type = "application/x-amz-json-1.1";
    const std::string target = "AWSGlue.GetConnections";
    sigv4::signing_key key{};
    std::chrono::sys_days key_day{};
    while (std::chrono::steady_clock::now() < st.end) {
        const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
        const sigv4::scope sc{"us-east-1", "glue", now};
        if (std::chrono::floor<std::chrono::days>(now) != key_day) {
            key = sigv4::derive_signing_key(st.secret, sc);
            key_day = std::chrono::floor<std::chrono::days>(now);
        }
        const sigv4::header_ref headers[] = {
            {"Host", st.host}, {"Content-Type", content_type}, {"X-Amz-Target", target}};
        const sigv4::request_ref req{"POST", "/", "", headers, st.body};
        const auto sig = sigv4::sign(req, sc, {st.access_key_id, st.secret, {}}, key);
        http::request<http::string_body> r{http::verb::post, "/", 11};
        r.set(http::field::host, st.host);
        r.set(http::field::content_type, content_type);
        r.set("X-Amz-Target", target);
        r.set("X-Amz-Date", sig.x_amz_date);
        r.set(http::field::authorization, sig.authorization);
        r.body() = st.body;
        r.prepare_payload();
        co_await http::async_write(stream, r, asio::use_awaitable);
        http::response<http::string_body> res;
        co_await http::async_read(stream, buffer, res, asio::use_awaitable);
        if (res.result_int() == 200) {
            ++st.pages;
        } else {
            ++st.failures;
        }
    }
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"glue-sim-load: GetConnections pages per second against glue-sim"};
    std::string ready_path;
    int connections = 8;
    int seconds = 5;
    int max_results = 1;
    app.add_option("--ready", ready_path, "glue-sim's ready.json")->required();
    app.add_option("--connections", connections, "Keep-alive connections")
        ->check(CLI::Range(1, 1000));
    app.add_option("--seconds", seconds, "Duration")->check(CLI::Range(1, 3600));
    app.add_option("--max-results", max_results, "MaxResults of each page")
        ->check(CLI::Range(1, 1000));
    CLI11_PARSE(app, argc, argv);

    simdjson::dom::parser parser;
    simdjson::dom::element ready;
    if (parser.load(ready_path).get(ready) != simdjson::SUCCESS) {
        std::cerr << "glue-sim-load: cannot read " << ready_path << "\n";
        return 1;
    }
    load_state st;
    st.port = static_cast<unsigned short>(std::uint64_t(ready["port"]));
    st.access_key_id = std::string(std::string_view(ready["access_key_id"]));
    st.secret = std::string(std::string_view(ready["secret_access_key"]));
    st.body = "{\"MaxResults\":" + std::to_string(max_results) + "}";

    asio::io_context io(1);
    asio::ssl::context tls(asio::ssl::context::tls_client);
    tls.load_verify_file(std::string(std::string_view(ready["ca_bundle"])));
    tls.set_verify_mode(asio::ssl::verify_peer);
    const auto start = std::chrono::steady_clock::now();
    st.end = start + std::chrono::seconds(seconds);
    for (int i = 0; i < connections; ++i) {
        asio::co_spawn(io, run_connection(tls, st), [&st](const std::exception_ptr& e) {
            if (e) {
                ++st.failures;
            }
        });
    }
    io.run();
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    std::cout << "pages: " << st.pages << ", failures: " << st.failures
              << ", seconds: " << elapsed.count()
              << ", pages/s: " << static_cast<double>(st.pages) / elapsed.count() << "\n";
    return st.failures == 0 ? 0 : 1;
}
