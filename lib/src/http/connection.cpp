#include "http/connection.hpp"

#include "http/response_reader.hpp"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/read_size.hpp>
#include <glue_inventory/nothrow.hpp>

namespace glue_inventory::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
using boost::system::error_code;

namespace {

/// What the header read asks of the stream at a time: one TLS record's worth, so that the
/// first read of an answer brings its header and the start of its body together.
constexpr std::size_t header_read_bytes = 16 * 1024;
/// The most one read asks of the stream while the parser reads a header or a chunked body
/// (Beast's own read loop asks as much).
constexpr std::size_t read_bytes_at_most = 64 * 1024;
} // namespace

connection::connection(const asio::any_io_executor& ex, asio::ssl::context& tls_context, origin o)
    : origin_(std::move(o)), timer_(ex), self_(std::make_shared<connection*>(this)) {
    if (origin_.tls) {
        tls_.emplace(ex, tls_context.native_handle());
    } else {
        plain_.emplace(ex);
    }
    buffer_.reserve(header_read_bytes);
}

connection::~connection() = default;

asio::ip::tcp::socket& connection::socket() {
    return tls_ ? tls_->next_layer() : *plain_;
}

void connection::arm(std::chrono::milliseconds timeout) {
    expired_ = false;
    timer_.expires_after(timeout);
    timer_.async_wait([self = std::weak_ptr<connection*>(self_), step = ++step_](error_code ec) {
        if (ec) {
            return; // cancelled: the step ended in time
        }
        const auto alive = self.lock();
        if (!alive || (*alive)->step_ != step) {
            return; // the connection is gone, or the step ended just before the deadline
        }
        (*alive)->expired_ = true;
        error_code ignored;
        (*alive)->socket().close(ignored);
    });
}

error_code connection::disarm(error_code ec) {
    ++step_;
    timer_.cancel();
    if (expired_) {
        reusable_ = false;
        if (ec) {
            return beast::error::timeout;
        }
    }
    return ec;
}

asio::awaitable<error_code>
connection::connect(const asio::ip::tcp::resolver::results_type& endpoints,
                    std::chrono::milliseconds connect_timeout,
                    std::chrono::milliseconds handshake_timeout, const tls_session& resume) {
    // Asio's range connect reports a socket it could not open (out of descriptors: EMFILE) as
    // operation_aborted, which reads as a cancellation: opened here first, that error is itself.
    if (!endpoints.empty()) {
        error_code opened;
        socket().open(endpoints.begin()->endpoint().protocol(), opened);
        if (opened) {
            co_return opened;
        }
    }
    arm(connect_timeout);
    auto connected = co_await asio::async_connect(socket(), endpoints, nothrow);
    if (const auto ec = disarm(std::get<0>(connected))) {
        co_return ec;
    }
    tcp_connected_ = true;
    error_code ignored; // Nagle only delays: a failure to turn it off is not worth failing for
    socket().set_option(asio::ip::tcp::no_delay(true), ignored);
    if (!tls_) {
        co_return error_code{};
    }
    arm(handshake_timeout);
    const auto handshaken = co_await tls_->handshake(origin_.host, resume);
    co_return disarm(handshaken);
}

namespace {

// One read or write of either stream, awaited directly by the round trip.
asio::awaitable<std::tuple<error_code, std::size_t>> read_some(asio::ip::tcp::socket& socket,
                                                               asio::mutable_buffer buffer) {
    return socket.async_read_some(buffer, nothrow);
}
asio::awaitable<std::tuple<error_code, std::size_t>> read_some(tls_stream& stream,
                                                               asio::mutable_buffer buffer) {
    return stream.read_some(buffer);
}
asio::awaitable<std::tuple<error_code, std::size_t>> write_some(asio::ip::tcp::socket& socket,
                                                                asio::const_buffer buffer) {
    return socket.async_write_some(buffer, nothrow);
}
asio::awaitable<std::tuple<error_code, std::size_t>> write_some(tls_stream& stream,
                                                                asio::const_buffer buffer) {
    return stream.write_some(buffer);
}

/// Feeds `parser` from `buffer`, reading from `stream` into `buffer` whenever the parser needs
/// more, until `done(parser)`: Beast's read_some loop (the same bytes asked of the stream, the
/// same end-of-stream rules), awaited directly. Beast's async_read_header and async_read are
/// composed operations whose every step goes through async_compose's intermediate handler,
/// work guard and executor copies; here each read is one await of the stream's own operation.
template <class Stream, class Parser, class Done>
asio::awaitable<error_code> read_until(Stream& stream, beast::flat_buffer& buffer, Parser& parser,
                                       Done done) {
    error_code ec;
    while (!done(parser)) {
        if (buffer.size() != 0) {
            const std::size_t used = parser.put(buffer.data(), ec);
            buffer.consume(used);
            if (ec != beast::http::error::need_more) {
                if (ec) {
                    co_return ec;
                }
                continue;
            }
            ec = {};
        }
        const std::size_t size = beast::read_size(buffer, read_bytes_at_most);
        if (size == 0) {
            co_return beast::http::error::buffer_overflow;
        }
        auto read = co_await read_some(stream, buffer.prepare(size));
        buffer.commit(std::get<1>(read));
        ec = std::get<0>(read);
        if (ec == asio::error::eof) {
            if (!parser.got_some()) {
                co_return beast::http::error::end_of_stream;
            }
            ec = {};
            parser.put_eof(ec); // a body delimited by the end of the connection ends here
            co_return ec;
        }
        if (ec) {
            co_return ec;
        }
    }
    co_return ec;
}

} // namespace

template <class Stream>
asio::awaitable<error_code> connection::exchange(Stream& stream, std::string_view request,
                                                 response& res, std::size_t body_limit,
                                                 std::chrono::milliseconds timeout) {
    got_some_ = false;
    reusable_ = false;
    buffer_.consume(buffer_.size());
    arm(timeout);
    // One coroutine for the whole round trip, under one deadline: every failure breaks out to
    // the one disarm() at the end.
    error_code ec;
    do {
        // The request in one piece (one TLS record, one send), each write awaited directly.
        std::size_t written = 0;
        while (written < request.size()) {
            auto wrote = co_await write_some(
                stream, asio::const_buffer(request.data() + written, request.size() - written));
            written += std::get<1>(wrote);
            if ((ec = std::get<0>(wrote))) {
                break;
            }
        }
        if (ec) {
            break;
        }

        // Read into `res` itself: its fields' and body's storage serve answer after answer.
        res.clear();
        response_reader parser(res);
        parser.header_limit(static_cast<std::uint32_t>(max_header_bytes));
        parser.body_limit(body_limit);
        parser.eager(false); // the header alone first: a Content-Length body skips the parser
        ec = co_await read_until(stream, buffer_, parser,
                                 [](const auto& p) { return p.is_header_done(); });
        got_some_ = parser.got_some();
        if (ec) {
            break;
        }
        if (!parser.is_done()) {
            const auto length = parser.content_length();
            if (parser.chunked() || !length) {
                parser.eager(true);
                ec = co_await read_until(stream, buffer_, parser,
                                         [](const auto& p) { return p.is_done(); });
                if (ec) {
                    break;
                }
            } else {
                // The length is known (and within body_limit: the parser checked it with the
                // header): the bytes that came with the header, then the rest straight from the
                // stream into the body, with no copy through buffer_.
                auto& body = res.body();
                const auto size = static_cast<std::size_t>(*length);
                body.resize(size);
                const std::size_t early = std::min(buffer_.size(), size);
                asio::buffer_copy(asio::mutable_buffer(body.data(), early), buffer_.data());
                buffer_.consume(early);
                for (std::size_t got = early; got < size;) {
                    auto read = co_await read_some(
                        stream, asio::mutable_buffer(body.data() + got, size - got));
                    got += std::get<1>(read);
                    if ((ec = std::get<0>(read))) {
                        break;
                    }
                }
                if (ec) {
                    break;
                }
            }
        }
        // Bytes past the end of the answer answer no request of ours: the framing is lost.
        reusable_ = buffer_.size() == 0 && res.keep_alive();
        buffer_.consume(buffer_.size());
    } while (false);
    co_return disarm(ec);
}

asio::awaitable<error_code> connection::round_trip(std::string_view request, response& res,
                                                   std::size_t body_limit,
                                                   std::chrono::milliseconds timeout) {
    // Not a coroutine itself: the caller awaits the exchange's own frame.
    if (tls_) {
        return exchange(*tls_, request, res, body_limit, timeout);
    }
    return exchange(*plain_, request, res, body_limit, timeout);
}

tls_session connection::session() {
    return tls_ ? tls_->session() : nullptr;
}

tls_session connection::new_session() {
    return tls_ ? tls_->new_session() : nullptr;
}

bool connection::resumed() {
    return tls_ && tls_->resumed();
}

void connection::close() {
    error_code ignored;
    socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    socket().close(ignored);
}

} // namespace glue_inventory::http
