// The pool's rules, driven without a socket: connections are numbers, time is given.
#include "http/pool_state.hpp"

#include <boost/test/unit_test.hpp>

namespace gh = glue_inventory::http;
using namespace std::chrono_literals;

namespace {

struct no_data {};
using state = gh::pool_state<int, no_data>;
using step = state::step;
using queue = state::queue;

const gh::origin glue{true, "glue.us-east-1.amazonaws.com", 443};
const gh::origin sts{true, "sts.us-east-1.amazonaws.com", 443};
const gh::origin local{false, "127.0.0.1", 8080};

const state::time_point t0{};

gh::pool_limits limits(std::size_t per_host, std::size_t total, bool gate = false) {
    return {per_host, total, 30s, gate};
}

/// A pool and its effects, with helpers that check each step.
struct fixture {
    explicit fixture(gh::pool_limits l) : pool(l) {}

    state pool;
    state::effects fx;

    state::decision acquire(const gh::origin& o, state::time_point now = t0) {
        fx.clear();
        return pool.acquire(o, now, fx);
    }
    /// Opens a connection numbered `id` to `o` (the pool said open) and returns its host.
    state::host* open(const gh::origin& o) {
        auto d = acquire(o);
        BOOST_TEST_REQUIRE((d.what == step::open));
        return d.h;
    }
    void release(state::host* h, int id, bool reusable = true, state::time_point now = t0,
                 bool session = false, bool first = false) {
        fx.clear();
        pool.release(*h, id, reusable, session, first, now, fx);
    }
    std::size_t wakes_of(queue q, bool all = false) const {
        std::size_t n = 0;
        for (const auto& w : fx.wakes) {
            n += w.q == q && w.all == all ? 1 : 0;
        }
        return n;
    }
};

} // namespace

BOOST_AUTO_TEST_CASE(a_new_origin_opens_a_connection) {
    fixture f(limits(2, 10));
    auto d = f.acquire(local);
    BOOST_TEST((d.what == step::open));
    BOOST_TEST(!d.first_of_origin); // plain TCP: no session to wait for
    BOOST_TEST(f.pool.open_total() == 1u);
    BOOST_TEST(f.fx.close.empty());
}

BOOST_AUTO_TEST_CASE(the_per_host_limit_makes_the_next_caller_wait_for_that_host) {
    fixture f(limits(2, 10));
    auto* h = f.open(local);
    f.open(local);
    auto d = f.acquire(local);
    BOOST_TEST((d.what == step::wait_for_host));
    BOOST_TEST(h->waiters == 1u);
    // Another origin is not limited by it.
    BOOST_TEST((f.acquire(gh::origin{false, "127.0.0.2", 8080}).what == step::open));
    // The connection that comes back goes to the waiter.
    f.release(h, 1);
    BOOST_TEST(f.wakes_of(queue::host) == 1u);
    BOOST_TEST(h->waiters == 0u);
    auto again = f.acquire(local);
    BOOST_TEST((again.what == step::reuse));
    BOOST_TEST(again.conn == 1);
}

BOOST_AUTO_TEST_CASE(the_global_limit_makes_callers_wait_for_any_slot) {
    fixture f(limits(5, 2));
    auto* a = f.open(local);
    f.open(local);
    auto d = f.acquire(gh::origin{false, "127.0.0.2", 8080});
    BOOST_TEST((d.what == step::wait_for_slot));
    BOOST_TEST(f.pool.global_waiters() == 1u);
    // A connection of `local` comes back while nobody waits for `local`: it is closed so that
    // the slot goes to the caller waiting under the global limit.
    f.release(a, 1);
    BOOST_TEST(f.fx.close.size() == 1u);
    BOOST_TEST(f.fx.close[0] == 1);
    BOOST_TEST(f.wakes_of(queue::global) == 1u);
    BOOST_TEST(f.pool.open_total() == 1u);
    BOOST_TEST((f.acquire(gh::origin{false, "127.0.0.2", 8080}).what == step::open));
}

BOOST_AUTO_TEST_CASE(a_limit_of_one_serialises_callers) {
    fixture f(limits(1, 1));
    auto* h = f.open(local);
    BOOST_TEST((f.acquire(local).what == step::wait_for_host));
    BOOST_TEST((f.acquire(local).what == step::wait_for_host));
    BOOST_TEST(h->waiters == 2u);
    f.release(h, 1);
    BOOST_TEST(f.wakes_of(queue::host) == 1u); // one connection, one waiter woken
    BOOST_TEST(h->waiters == 1u);
}

BOOST_AUTO_TEST_CASE(idle_connections_are_reused_last_in_first_out) {
    fixture f(limits(5, 10));
    auto* h = f.open(local);
    f.open(local);
    f.open(local);
    f.release(h, 1, true, t0 + 1s);
    f.release(h, 2, true, t0 + 2s);
    f.release(h, 3, true, t0 + 3s);
    BOOST_TEST(f.acquire(local, t0 + 4s).conn == 3);
    BOOST_TEST(f.acquire(local, t0 + 4s).conn == 2);
    BOOST_TEST(f.acquire(local, t0 + 4s).conn == 1);
    BOOST_TEST((f.acquire(local, t0 + 4s).what == step::open));
}

BOOST_AUTO_TEST_CASE(an_idle_connection_past_its_ttl_is_closed_not_reused) {
    fixture f(limits(5, 10)); // idle_ttl 30 s
    auto* h = f.open(local);
    f.open(local);
    f.release(h, 1, true, t0);
    f.release(h, 2, true, t0 + 20s);
    // At 35 s, #2 (idle 15 s) is still good.
    auto d = f.acquire(local, t0 + 35s);
    BOOST_TEST((d.what == step::reuse));
    BOOST_TEST(d.conn == 2);
    BOOST_TEST(f.fx.close.empty());
    // Parked again at 36 s: at 66 s + 1 ms both have been idle longer than 30 s. They are closed
    // and a new connection is opened instead.
    f.release(h, 2, true, t0 + 36s);
    auto e = f.acquire(local, t0 + 66s + 1ms);
    BOOST_TEST((e.what == step::open));
    BOOST_TEST(f.fx.close.size() == 2u); // both expired, the newest first
    BOOST_TEST(f.fx.close[0] == 2);
    BOOST_TEST(f.fx.close[1] == 1);
    BOOST_TEST(f.pool.open_total() == 1u);
}

BOOST_AUTO_TEST_CASE(a_connection_idle_exactly_the_ttl_is_expired) {
    fixture f(limits(5, 10));
    auto* h = f.open(local);
    f.release(h, 1, true, t0);
    BOOST_TEST((f.acquire(local, t0 + 30s).what == step::open));
    BOOST_TEST(f.fx.close.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_connection_that_is_not_reusable_is_closed_and_frees_its_slot) {
    fixture f(limits(1, 10));
    auto* h = f.open(local);
    BOOST_TEST((f.acquire(local).what == step::wait_for_host));
    f.release(h, 1, false);
    BOOST_TEST(f.fx.close.size() == 1u);
    BOOST_TEST(f.wakes_of(queue::host) == 1u);
    BOOST_TEST((f.acquire(local).what == step::open));
}

BOOST_AUTO_TEST_CASE(the_global_limit_evicts_the_longest_idle_connection_of_another_origin) {
    fixture f(limits(5, 3));
    auto* a = f.open(gh::origin{false, "a", 80});
    auto* b = f.open(gh::origin{false, "b", 80});
    f.open(gh::origin{false, "b", 80});
    f.release(b, 21, true, t0 + 1s);
    f.release(a, 11, true, t0 + 2s);
    f.release(b, 22, true, t0 + 3s);
    // Full: a new origin takes the slot of the connection idle the longest (#21 of b).
    auto d = f.acquire(local, t0 + 4s);
    BOOST_TEST((d.what == step::open));
    BOOST_TEST(f.fx.close.size() == 1u);
    BOOST_TEST(f.fx.close[0] == 21);
    BOOST_TEST(f.pool.open_total() == 3u);
    BOOST_TEST(b->open == 1u);
    // Its own origin's idle connections are never evicted for it: they are reused instead.
    BOOST_TEST(f.acquire(gh::origin{false, "b", 80}, t0 + 4s).conn == 22);
}

BOOST_AUTO_TEST_CASE(no_idle_connection_elsewhere_means_waiting) {
    fixture f(limits(5, 2));
    f.open(gh::origin{false, "a", 80});
    f.open(gh::origin{false, "a", 80});
    BOOST_TEST((f.acquire(local).what == step::wait_for_slot));
    BOOST_TEST(f.fx.close.empty());
}

BOOST_AUTO_TEST_CASE(waiters_are_woken_one_per_freed_connection_in_arrival_order) {
    // The queues are FIFO (wait_queue); the state wakes exactly one waiter per connection that
    // comes back, and host waiters before global ones for a slot of their host.
    fixture f(limits(1, 2));
    auto* h = f.open(local);
    f.open(gh::origin{false, "b", 80});
    BOOST_TEST((f.acquire(local).what == step::wait_for_host));
    BOOST_TEST((f.acquire(gh::origin{false, "c", 80}).what == step::wait_for_slot));
    BOOST_TEST((f.acquire(local).what == step::wait_for_host));
    // A connection of `local` closes: its slot goes to a waiter of `local` first.
    f.release(h, 1, false);
    BOOST_TEST(f.wakes_of(queue::host) == 1u);
    BOOST_TEST(f.wakes_of(queue::global) == 0u);
    BOOST_TEST(f.fx.wakes[0].h == h);
    BOOST_TEST(h->waiters == 1u);
    BOOST_TEST(f.pool.global_waiters() == 1u);
}

BOOST_AUTO_TEST_CASE(a_cancelled_waiter_is_uncounted_once) {
    fixture f(limits(1, 10));
    auto* h = f.open(local);
    BOOST_TEST((f.acquire(local).what == step::wait_for_host));
    // The waiter was cancelled and left its queue; before it says so, the connection comes back
    // and the wake meant for it finds the queue empty.
    f.release(h, 1);
    BOOST_TEST(f.wakes_of(queue::host) == 1u);
    f.pool.wake_missed(h);
    // A new caller reuses the idle connection; the next one waits.
    BOOST_TEST((f.acquire(local).what == step::reuse));
    BOOST_TEST((f.acquire(local).what == step::wait_for_host));
    BOOST_TEST(h->waiters == 1u);
    // The cancelled waiter says so: the missed wake was its, the new waiter stays counted.
    f.pool.waiter_cancelled(h);
    BOOST_TEST(h->waiters == 1u);
    f.release(h, 1);
    BOOST_TEST(f.wakes_of(queue::host) == 1u);
    // Without a missed wake, a cancellation uncounts the waiter.
    BOOST_TEST((f.acquire(local).what == step::reuse));
    BOOST_TEST((f.acquire(local).what == step::wait_for_host));
    f.pool.waiter_cancelled(h);
    BOOST_TEST(h->waiters == 0u);
    f.release(h, 1);
    BOOST_TEST(f.fx.wakes.empty());
}

BOOST_AUTO_TEST_CASE(shutdown_closes_idle_connections_and_wakes_every_waiter) {
    fixture f(limits(1, 2));
    auto* h = f.open(local);
    auto* b = f.open(gh::origin{false, "b", 80});
    f.release(b, 2);
    BOOST_TEST((f.acquire(local).what == step::wait_for_host));
    BOOST_TEST((f.acquire(local).what == step::wait_for_host));
    f.fx.clear();
    f.pool.shutdown(f.fx);
    BOOST_TEST(f.fx.close.size() == 1u); // b's idle one
    BOOST_TEST(f.fx.close[0] == 2);
    BOOST_TEST(f.wakes_of(queue::host, true) == 2u); // every origin's queue, whole
    BOOST_TEST(f.wakes_of(queue::global, true) == 1u);
    BOOST_TEST(h->waiters == 0u);
    // The woken callers ask again and are told the pool is shut down.
    BOOST_TEST((f.acquire(local).what == step::shut_down));
    // The connection in use is closed when it comes back.
    f.release(h, 1, true);
    BOOST_TEST(f.fx.close.size() == 1u);
    BOOST_TEST(f.pool.open_total() == 0u);
}

BOOST_AUTO_TEST_CASE(a_burst_to_a_new_origin_waits_for_the_first_connections_session) {
    fixture f(limits(10, 10, true));
    auto first = f.acquire(glue);
    BOOST_TEST((first.what == step::open));
    BOOST_TEST(first.first_of_origin);
    // Opened beside it: wait (at most session_wait: the driver's timer) for its session.
    auto second = f.acquire(glue);
    BOOST_TEST((second.what == step::wait_for_session));
    BOOST_TEST((f.acquire(glue).what == step::wait_for_session));
    BOOST_TEST(f.pool.open_total() == 3u); // their slots are taken while they wait
    // Another origin has its own gate.
    BOOST_TEST((f.acquire(sts).what == step::open));
    // The first answer brings a session: the gate opens for every waiter at once.
    f.release(first.h, 1, true, t0, true, true);
    BOOST_TEST(f.wakes_of(queue::session, true) == 1u);
    BOOST_TEST(f.fx.wakes[0].h == first.h);
    auto next = f.pool.session_wait_over(glue, *second.h, true, f.fx);
    BOOST_TEST((next.what == step::open));
    BOOST_TEST(!next.first_of_origin); // it resumes the session
    // With a session, nobody waits any more (and the idle connection is reused first).
    BOOST_TEST((f.acquire(glue).what == step::reuse));
    BOOST_TEST((f.acquire(glue).what == step::open));
}

BOOST_AUTO_TEST_CASE(a_session_wait_that_times_out_opens_anyway_and_a_cancelled_one_gives_back) {
    fixture f(limits(10, 10, true));
    auto first = f.acquire(glue);
    auto second = f.acquire(glue);
    auto third = f.acquire(glue);
    BOOST_TEST((third.what == step::wait_for_session));
    // session_wait passed (the driver's timer): open without a session; the gate stays closed
    // for the others until the first exchange ends.
    auto next = f.pool.session_wait_over(glue, *second.h, true, f.fx);
    BOOST_TEST((next.what == step::open));
    BOOST_TEST(!next.first_of_origin);
    // The caller was cancelled while waiting: its slot is given back.
    f.fx.clear();
    auto gone = f.pool.session_wait_over(glue, *third.h, false, f.fx);
    BOOST_TEST((gone.what == step::shut_down));
    BOOST_TEST(f.pool.open_total() == 2u);
    (void)first;
}

BOOST_AUTO_TEST_CASE(a_first_connection_that_fails_opens_the_gate_and_the_next_one_leads) {
    fixture f(limits(10, 10, true));
    auto first = f.acquire(glue);
    BOOST_TEST((f.acquire(glue).what == step::wait_for_session));
    f.fx.clear();
    f.pool.open_failed(*first.h, true, f.fx);
    BOOST_TEST(f.wakes_of(queue::session, true) == 1u);
    // No session yet: the next connection to proceed becomes the origin's first.
    auto next = f.pool.session_wait_over(glue, *first.h, true, f.fx);
    BOOST_TEST(next.first_of_origin);
    BOOST_TEST(f.pool.open_total() == 1u);
}

BOOST_AUTO_TEST_CASE(without_the_gate_a_burst_opens_at_once) {
    fixture f(limits(10, 10, false)); // session_wait = 0
    BOOST_TEST(f.acquire(glue).first_of_origin);
    BOOST_TEST((f.acquire(glue).what == step::open));
    BOOST_TEST((f.acquire(glue).what == step::open));
}

BOOST_AUTO_TEST_CASE(plain_tcp_origins_have_no_gate) {
    fixture f(limits(10, 10, true));
    BOOST_TEST((f.acquire(local).what == step::open));
    BOOST_TEST((f.acquire(local).what == step::open));
}
