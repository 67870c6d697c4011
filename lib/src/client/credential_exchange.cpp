#include "client/credential_exchange.hpp"

#include "http/connection.hpp"
#include "http/request_text.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <glue_inventory/nothrow.hpp>

namespace glue_inventory::client_detail {
namespace asio = boost::asio;
using boost::system::error_code;

namespace {

// The request's bytes with Host and User-Agent; false when a value holds a line break.
bool request_text(const http::origin& o, const creds::http_request& r, std::string_view user_agent,
                  std::string& out) {
    const std::string host = o.host_header();
    std::vector<http::header_field> fields;
    fields.push_back({"Host", host});
    fields.push_back({"User-Agent", user_agent});
    for (const auto& h : r.headers) {
        fields.push_back({h.name, h.value});
    }
    return http::write_request(r.method, r.target, fields, r.body, out);
}

creds::http_outcome outcome_of(http::response& res) {
    creds::http_answer a;
    a.status = res.result_int();
    res.for_each_field([&](std::string_view name, std::string_view value) {
        a.headers.push_back({std::string(name), std::string(value)});
    });
    a.body = std::string(res.body().view());
    return creds::http_outcome::of(std::move(a));
}

// The failure as a sentence; the request (tokens in headers) is never part of it.
creds::http_outcome failed(const http::origin& o, std::string_view step, const error_code& ec) {
    return creds::http_outcome::failed(std::string(step) + " " + o.host_header() + ": " +
                                       ec.message());
}

} // namespace

asio::awaitable<std::vector<std::string>>
resolve_addresses(asio::any_io_executor ex, const std::string& host, std::string& what) {
    asio::ip::tcp::resolver resolver(ex);
    auto [ec, results] = co_await resolver.async_resolve(host, "", nothrow);
    std::vector<std::string> out;
    if (ec) {
        what = "cannot resolve " + host + ": " + ec.message();
        co_return out;
    }
    for (const auto& entry : results) {
        out.push_back(entry.endpoint().address().to_string());
    }
    co_return out;
}

asio::awaitable<creds::http_outcome>
direct_exchange(asio::any_io_executor ex, asio::ssl::context& tls, const creds::http_uri& uri,
                const creds::http_request& request, std::string_view user_agent,
                std::chrono::milliseconds timeout) {
    const http::origin origin{uri.scheme == "https", uri.host, uri.port};
    std::string text;
    if (!request_text(origin, request, user_agent, text)) {
        co_return creds::http_outcome::failed("the request to " + origin.host_header() +
                                              " would carry a header value with a line break");
    }
    asio::ip::tcp::resolver resolver(ex);
    const std::string port = std::to_string(uri.port);
    auto [resolve_ec, endpoints] = co_await resolver.async_resolve(uri.host, port, nothrow);
    if (resolve_ec) {
        co_return failed(origin, "cannot resolve", resolve_ec);
    }
    http::connection conn(ex, tls, origin);
    const http::tls_session no_session;
    if (auto ec = co_await conn.connect(endpoints, timeout, timeout, no_session)) {
        co_return failed(origin, "cannot connect to", ec);
    }
    http::response res;
    auto ec = co_await conn.round_trip(text, res, max_credential_answer_bytes, timeout);
    conn.close();
    if (ec) {
        co_return failed(origin, "no answer from", ec);
    }
    co_return outcome_of(res);
}

asio::awaitable<creds::http_outcome> pooled_exchange(http::connection_pool& pool,
                                                     const http::origin& origin,
                                                     const creds::http_request& request,
                                                     std::string_view user_agent) {
    std::string text;
    if (!request_text(origin, request, user_agent, text)) {
        co_return creds::http_outcome::failed("the request to " + origin.host_header() +
                                              " would carry a header value with a line break");
    }
    // One transparent retry when a reused connection turns out closed before any answer.
    for (int stale_retry = 0;; ++stale_retry) {
        error_code ec;
        std::string what;
        auto conn = co_await pool.acquire(origin, ec, what);
        if (ec) {
            co_return creds::http_outcome::failed(what);
        }
        http::response res;
        ec = co_await conn->round_trip(text, res, max_credential_answer_bytes,
                                       pool.options().request_timeout);
        if (!ec) {
            co_return outcome_of(res); // the lease parks the connection if its answer allows
        }
        conn.discard();
        const bool stale = conn.reused() && !conn->got_some() && stale_retry == 0;
        conn = {}; // closed now, before a retry asks for another
        if (!stale) {
            co_return failed(origin, "request to", ec);
        }
    }
}

} // namespace glue_inventory::client_detail
