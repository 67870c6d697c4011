// A read of a socket inside Asio's epoll reactor that tells the reactor when it drained the
// socket, so that the next read after a request goes straight to epoll: no recv that finds
// nothing, no EPOLL_CTL_MOD (tls_stream: 3 system calls per answer instead of 4).
//
// Why not socket.async_receive: Asio 1.81's epoll reactor (epoll_reactor::start_op) tries a
// queued-on-empty read at once (a "speculative" recv) unless it knows the socket drained since
// the last readiness edge (descriptor_state::try_speculative_), and it learns that only from an
// operation whose perform() says done_and_exhausted, which its own receive says only for a recv
// of 0 bytes (end of stream, or a failure). After an answer the socket is drained, so the next
// answer's async_receive costs a recv that finds nothing (EAGAIN), then epoll_wait, then the
// recv. (async_wait and null_buffers receives are non-speculative: start_op re-registers the
// descriptor with EPOLL_CTL_MOD for each one instead.)
//
// The operation here is Asio's receive operation with the caller's read attempt as its
// perform() (tls_stream: SSL_read_ex, its BIO recv'ing straight into OpenSSL's buffer, so there
// is no buffer of ours and no copy), which says what the reactor needs: would_block (a recv found
// EAGAIN: queue for the next edge), done, or done_and_drained when a recv returned fewer bytes
// than asked (the edge-triggered idiom: a stream socket's recv returns less only when its queue
// ran out) or the end of the stream; then the reactor queues the next read for epoll without a
// recv, and any byte that arrives later raises a new edge, which makes it try again
// (perform_io sets try_speculative_).
//
// What that costs the caller: a FIN that was already queued behind the bytes of a short recv
// raised no edge of its own after it, so a receive queued next would wait for an edge that
// never comes. A caller that may be waiting for the end of the stream (the rest of an answer)
// must try one recv itself before queueing a receive after a short one (tls_stream's probe).
// After a request, the peer's reaction to it raises the edge: an answer, or a reset when the
// request reaches a socket it has closed. (One case is slower than with async_wait, whose
// EPOLL_CTL_MOD reports a FIN at once: a peer that sends a FIN right behind a keep-alive
// answer, then keeps its socket open reading without answering; the next request on that
// connection ends at its deadline instead of failing at once as stale.)
//
// Uses Asio's internal reactor interface (boost::asio::detail, Boost 1.81, epoll), as its own
// reactive_socket_recv_op does; Linux only, as the rest of the library's socket code.
#pragma once

#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/cancellation_type.hpp>
#include <boost/asio/detail/fenced_block.hpp>
#include <boost/asio/detail/handler_alloc_helpers.hpp>
#include <boost/asio/detail/handler_cont_helpers.hpp>
#include <boost/asio/detail/handler_work.hpp>
#include <boost/asio/detail/memory.hpp>
#include <boost/asio/detail/reactor.hpp>
#include <boost/asio/detail/reactor_op.hpp>
#include <boost/asio/detail/socket_ops.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/execution/context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/query.hpp>
#include <boost/system/error_code.hpp>
#include <boost/version.hpp>
#include <cerrno>
#include <cstddef>
#include <sys/socket.h>
#include <utility>

// The interface used below is Asio's internal one, which changes between releases (Asio 1.28,
// in Boost 1.82, reworked reactor_op and start_op for immediate completions): fail loudly on any
// other Boost rather than compile something subtly different. The project builds on Boost 1.81
// (Debian 12, conan/conanfile.py).
static_assert(BOOST_VERSION / 100 == 1081,
              "http/drain_aware_read.hpp is written against Boost 1.81's (Asio 1.26's) internal "
              "epoll reactor interface: re-check reactor_op, reactor::start_op, handler_work and "
              "cancel_ops_by_key before building with another Boost");
#if defined(BOOST_ASIO_HAS_IO_URING_AS_DEFAULT)
#error "http/drain_aware_read.hpp needs Asio's epoll reactor (not io_uring as the default)"
#endif

namespace glue_inventory::http {

/// A TCP socket whose reactor registration async_drain_aware_read can reach (Asio keeps it in a
/// protected member).
class reactor_socket : public boost::asio::ip::tcp::socket {
public:
    using boost::asio::ip::tcp::socket::basic_stream_socket;

    auto& implementation() { return impl_.get_implementation(); }
};

/// The socket's reactor (the io_context's epoll reactor): looked up once per stream, as
/// use_service takes the registry's lock.
inline boost::asio::detail::reactor& reactor_of(reactor_socket& socket) {
    return boost::asio::use_service<boost::asio::detail::reactor>(
        boost::asio::query(socket.get_executor(), boost::asio::execution::context));
}

/// What one read attempt found (drain_aware_read).
enum class read_status {
    would_block,      // the socket had nothing (a recv found EAGAIN): await the next edge
    done,             // the read is done (bytes, or a failure in `ec`); the socket may hold more
    done_and_drained, // done, and a recv drained the socket (a short one, or end of stream)
};
/// One attempt: reads the socket (recv), sets `ec` on failure and `n`; `context` is the
/// caller's. Runs inside the reactor (under the descriptor's lock, on whichever thread runs it).
using read_attempt = read_status (*)(void* context, boost::system::error_code& ec, std::size_t& n);

namespace receive_detail {

namespace ad = boost::asio::detail;

class op_base : public ad::reactor_op {
public:
    op_base(read_attempt attempt, void* context, func_type on_complete)
        : ad::reactor_op(boost::system::error_code(), &op_base::do_perform, on_complete),
          attempt_(attempt), context_(context) {}

    static status do_perform(ad::reactor_op* base) {
        auto* o = static_cast<op_base*>(base);
        switch (o->attempt_(o->context_, o->ec_, o->bytes_transferred_)) {
        case read_status::would_block:
            return not_done; // queued for epoll's next edge
        case read_status::done:
            return done;
        case read_status::done_and_drained:
            return done_and_exhausted;
        }
        return done;
    }

private:
    read_attempt attempt_;
    void* context_;
};

// Asio's reactive_socket_recv_op with op_base's perform(): the handler's allocator, work and
// executor are used as Asio's own operations use them.
template <class Handler, class IoExecutor>
class op : public op_base {
public:
    BOOST_ASIO_DEFINE_HANDLER_PTR(op);

    op(read_attempt attempt, void* context, Handler& handler, const IoExecutor& io_ex)
        : op_base(attempt, context, &op::do_complete), handler_(std::move(handler)),
          work_(handler_, io_ex) {}

    static void do_complete(void* owner, ad::operation* base, const boost::system::error_code&,
                            std::size_t) {
        auto* o = static_cast<op*>(base);
        ptr p = {ad::addressof(o->handler_), o, o};
        ad::handler_work<Handler, IoExecutor> w(std::move(o->work_));
        // The handler's memory may be owned by the handler itself: a copy is called after the
        // operation's memory is freed.
        ad::binder2<Handler, boost::system::error_code, std::size_t> handler(o->handler_, o->ec_,
                                                                             o->bytes_transferred_);
        p.h = ad::addressof(handler.handler_);
        p.reset();
        if (owner != nullptr) {
            ad::fenced_block b(ad::fenced_block::half);
            w.complete(handler, handler.handler_);
        }
    }

private:
    Handler handler_;
    ad::handler_work<Handler, IoExecutor> work_;
};

// Per-operation cancellation, as Asio's socket operations register it.
class cancellation {
public:
    cancellation(ad::reactor* reactor, ad::reactor::per_descriptor_data* data, int descriptor)
        : reactor_(reactor), data_(data), descriptor_(descriptor) {}

    void operator()(boost::asio::cancellation_type_t type) {
        if (!!(type &
               (boost::asio::cancellation_type::terminal | boost::asio::cancellation_type::partial |
                boost::asio::cancellation_type::total))) {
            reactor_->cancel_ops_by_key(descriptor_, *data_, ad::reactor::read_op, this);
        }
    }

private:
    ad::reactor* reactor_;
    ad::reactor::per_descriptor_data* data_;
    int descriptor_;
};

struct initiate {
    template <class Handler>
    void operator()(Handler&& handler, reactor_socket* socket, ad::reactor* reactor,
                    read_attempt attempt, void* context) const {
        using handler_type = std::decay_t<Handler>;
        using io_executor = reactor_socket::executor_type;
        using op_type = op<handler_type, io_executor>;
        auto& impl = socket->implementation();
        const bool is_continuation = boost_asio_handler_cont_helpers::is_continuation(handler);
        auto slot = boost::asio::get_associated_cancellation_slot(handler);
        typename op_type::ptr p = {ad::addressof(handler), op_type::ptr::allocate(handler),
                                   nullptr};
        p.p = new (p.v) op_type(attempt, context, handler, socket->get_executor());
        if (slot.is_connected()) {
            p.p->cancellation_key_ =
                &slot.template emplace<cancellation>(reactor, &impl.reactor_data_, impl.socket_);
        }
        // The reactor's own receive needs the descriptor non-blocking, as this one does.
        if ((impl.state_ & ad::socket_ops::non_blocking) != 0 ||
            ad::socket_ops::set_internal_non_blocking(impl.socket_, impl.state_, true, p.p->ec_)) {
            reactor->start_op(ad::reactor::read_op, impl.socket_, impl.reactor_data_, p.p,
                              is_continuation, true);
        } else {
            reactor->post_immediate_completion(p.p, is_continuation);
        }
        p.v = p.p = nullptr;
    }
};

} // namespace receive_detail

/// Reads through `reactor` (reactor_of(socket)): `attempt` runs when the reactor would make its
/// speculative recv (at once, unless it knows the socket drained) and at every readiness edge
/// until it says done; what it says about draining goes to the reactor (see the top of this
/// file). Completes with `attempt`'s (ec, n), or operation_aborted when the socket is closed or
/// the operation cancelled. Token signature: void(error_code, std::size_t).
template <class Token>
auto async_drain_aware_read(reactor_socket& socket, boost::asio::detail::reactor& reactor,
                            read_attempt attempt, void* context, Token&& token) {
    return boost::asio::async_initiate<Token, void(boost::system::error_code, std::size_t)>(
        receive_detail::initiate{}, token, &socket, &reactor, attempt, context);
}

} // namespace glue_inventory::http
