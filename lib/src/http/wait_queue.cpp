#include "http/wait_queue.hpp"

#include <boost/asio/associated_cancellation_slot.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>

namespace glue_inventory::http {
namespace asio = boost::asio;
using boost::system::error_code;

wait_queue::~wait_queue() {
    cancel();
}

namespace {

/// Takes a waiter out of its queue when its cancellation slot is emitted. A second emission
/// (nothing forbids one before the waiter resumes) finds it gone.
struct cancel_waiter {
    cancel_waiter(std::list<wait_queue::waiter>* q, std::list<wait_queue::waiter>::iterator i)
        : queue(q), it(i) {}
    std::list<wait_queue::waiter>* queue;
    std::list<wait_queue::waiter>::iterator it;

    void operator()(asio::cancellation_type) {
        if (queue == nullptr) {
            return;
        }
        auto h = std::move(it->handler);
        auto ex = std::move(it->executor);
        queue->erase(it);
        queue = nullptr;
        // Not wait_queue::complete: a slot's handler must not clear the slot that runs it.
        asio::post(ex, [h = std::move(h)]() mutable {
            std::move(h)(make_error_code(asio::error::operation_aborted));
        });
    }
};

} // namespace

void wait_queue::complete(waiter& w, error_code ec) {
    auto h = std::move(w.handler);
    // The waiter is leaving: its slot must no longer reach this queue.
    auto slot = asio::get_associated_cancellation_slot(h);
    if (slot.is_connected()) {
        slot.clear();
    }
    asio::post(w.executor, [h = std::move(h), ec]() mutable { std::move(h)(ec); });
}

void wait_queue::initiate_wait(handler_type handler, asio::any_io_executor ex) {
    auto slot = asio::get_associated_cancellation_slot(handler);
    waiters_.push_back(waiter{std::move(handler), std::move(ex)});
    if (slot.is_connected()) {
        // Runs on the queue's executor when the waiter's owner emits the signal (a scan's
        // cancel(), a parallel group's loser): the waiter leaves the queue there and then.
        slot.emplace<cancel_waiter>(&waiters_, std::prev(waiters_.end()));
    }
}

bool wait_queue::notify_one(error_code ec) {
    if (waiters_.empty()) {
        return false;
    }
    waiter w = std::move(waiters_.front());
    waiters_.pop_front();
    complete(w, ec);
    return true;
}

std::size_t wait_queue::notify_all(error_code ec) {
    std::size_t n = 0;
    while (notify_one(ec)) {
        ++n;
    }
    return n;
}

void wait_queue::cancel() {
    notify_all(asio::error::operation_aborted);
}

} // namespace glue_inventory::http
