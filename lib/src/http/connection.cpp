#include "http/connection.hpp"

#include "http/plain_head.hpp"
#include "http/response_reader.hpp"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/read_size.hpp>
#include <glue_inventory/nothrow.hpp>
#include <type_traits>

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

/// Where a round trip is (connection::exchange's loop).
enum class phase {
    request,     // writing the request
    header,      // reading the answer's header (and whatever comes with it)
    parsed_body, // reading a body through the parser: chunked, or delimited by the end of stream
    length_body, // reading a body of known length straight into the response
    done,
};

} // namespace

template <class Stream>
asio::awaitable<error_code> connection::exchange(Stream& stream, std::string_view request,
                                                 response& res, std::size_t body_limit,
                                                 std::chrono::milliseconds timeout) {
    got_some_ = false;
    reusable_ = false;
    buffer_.consume(buffer_.size());
    arm(timeout);
    // Read into `res` itself: its fields' and body's storage serve answer after answer.
    res.clear();
    response_reader parser(res);
    parser.header_limit(static_cast<std::uint32_t>(max_header_bytes));
    parser.body_limit(body_limit);
    parser.eager(false); // the header alone first: a Content-Length body skips the parser

    // One coroutine for the whole round trip, under one deadline, with one I/O point: each turn
    // does what the bytes at hand allow (Beast's read loop: parse what the buffer holds, read
    // when the parser needs more), then reads or writes once. (Awaiting a read or a write of
    // its own, or Beast's composed reads, costs a coroutine frame or an intermediate handler
    // per step: callgrind, W5.) Every failure ends the loop with `ec`, to the one disarm().
    phase at = phase::request;
    bool plain = false;       // the head was read by read_plain_head
    std::size_t written = 0;  // of the request
    std::size_t body_got = 0; // of a length_body
    error_code ec;
    // A body of known length (within body_limit: checked with the head): the bytes that came
    // with the head, then the rest straight from the stream into the body, with no copy through
    // buffer_.
    const auto start_length_body = [&](std::uint64_t length) {
        auto& body = res.body();
        const auto size = static_cast<std::size_t>(length);
        body.resize(size);
        body_got = std::min(buffer_.size(), size);
        asio::buffer_copy(asio::mutable_buffer(body.data(), body_got), buffer_.data());
        buffer_.consume(body_got);
        return phase::length_body;
    };
    while (!ec && at != phase::done) {
        // What the phase asks of the stream next, if anything.
        bool writing = false;
        asio::const_buffer out;
        asio::mutable_buffer into;
        switch (at) {
        case phase::request:
            // The request in one piece (one TLS record, one send).
            writing = true;
            out = asio::const_buffer(request.data() + written, request.size() - written);
            break;
        case phase::header:
        case phase::parsed_body: {
            const bool header = at == phase::header;
            if (header ? parser.is_header_done() : parser.is_done()) {
                if (!header || parser.is_done()) {
                    at = phase::done;
                } else if (const auto length = parser.content_length();
                           parser.chunked() || !length) {
                    parser.eager(true);
                    at = phase::parsed_body;
                } else {
                    at = start_length_body(*length);
                }
                continue;
            }
            if (header && !parser.got_some() && buffer_.size() != 0) {
                // A whole head of the plain kind, read without Beast's parser (plain_head.hpp);
                // any other goes to the parser below.
                const auto data = buffer_.data();
                const std::string_view bytes(static_cast<const char*>(data.data()), data.size());
                if (const auto head = read_plain_head(bytes, max_header_bytes, body_limit, res)) {
                    plain = true;
                    buffer_.consume(head->size);
                    at = start_length_body(head->content_length);
                    continue;
                }
            }
            if (buffer_.size() != 0) {
                const std::size_t used = parser.put(buffer_.data(), ec);
                buffer_.consume(used);
                if (ec != beast::http::error::need_more) {
                    continue; // parsed on, or failed with ec
                }
                ec = {};
            }
            const std::size_t size = beast::read_size(buffer_, read_bytes_at_most);
            if (size == 0) {
                ec = beast::http::error::buffer_overflow;
                continue;
            }
            into = buffer_.prepare(size);
            break;
        }
        case phase::length_body:
            if (body_got == res.body().size()) {
                at = phase::done;
                continue;
            }
            into = asio::mutable_buffer(res.body().data() + body_got, res.body().size() - body_got);
            break;
        case phase::done:
            break;
        }

        // The I/O point: one write or one read.
        std::size_t n = 0;
        error_code io;
        if constexpr (std::is_same_v<Stream, tls_stream>) {
            // tls_stream's loop (tls_stream.hpp): try; when OpenSSL has nothing to read, the
            // step runs inside Asio's reactor; await writability when OpenSSL asks.
            tls_next next = writing ? tls_next::done : stream.before_read();
            for (;;) {
                tls_outcome o;
                if (next == tls_next::wait_read) {
                    auto [stepped, got] = co_await stream.async_step(writing, out, into, nothrow);
                    n = got;
                    o = stream.step_done(stepped); // operation_aborted: the deadline closed the
                } else {                           // socket, or the caller cancelled
                    if (next == tls_next::wait_write) {
                        auto [waited] = co_await stream.next_layer().async_wait(
                            asio::socket_base::wait_write, nothrow);
                        if (waited) {
                            io = waited;
                            break;
                        }
                    }
                    o = writing ? stream.try_write(out, n) : stream.try_read(into, n);
                }
                if (o.next == tls_next::done || o.next == tls_next::fail) {
                    io = o.ec;
                    break;
                }
                next = o.next;
            }
        } else if (writing) {
            auto wrote = co_await stream.async_write_some(out, nothrow);
            io = std::get<0>(wrote);
            n = std::get<1>(wrote);
        } else {
            auto read = co_await stream.async_read_some(into, nothrow);
            io = std::get<0>(read);
            n = std::get<1>(read);
        }

        // What it brought, for the phase.
        switch (at) {
        case phase::request:
            written += n;
            ec = io;
            if (!ec && written == request.size()) {
                at = phase::header;
            }
            break;
        case phase::header:
        case phase::parsed_body:
            buffer_.commit(n);
            if (io == asio::error::eof) {
                // The end of the stream: an answer delimited by it ends here; anything else
                // was cut short.
                if (!parser.got_some()) {
                    ec = beast::http::error::end_of_stream;
                } else {
                    parser.put_eof(ec);
                    at = phase::done;
                }
            } else {
                ec = io;
            }
            break;
        case phase::length_body:
            body_got += n;
            ec = io;
            break;
        case phase::done:
            break;
        }
    }
    got_some_ = plain || parser.got_some(); // any byte of the answer (a head needs bytes)
    if (!ec) {
        // Bytes past the end of the answer answer no request of ours: the framing is lost.
        reusable_ = buffer_.size() == 0 && res.keep_alive();
        buffer_.consume(buffer_.size());
    }
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
