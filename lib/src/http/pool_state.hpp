// The connection pool's bookkeeping, without I/O: which connections are open and idle per
// origin, who waits, and what the pool must do next. connection_pool.cpp drives it (resolve,
// connect, TLS, waiting, closing); the unit tests drive it with plain numbers for connections.
//
// Rules (http_options documents the limits):
// - At most `per_host` connections per origin and `total` in all (idle ones included). A caller
//   beyond the origin's limit waits for a connection of that origin to come back or close; a
//   caller beyond the global limit only waits for any slot. Each queue is first come, first
//   served (the driver's wait_queue keeps the order; the state counts the waiters).
// - Idle connections are reused last in, first out (the warmest first); one idle for idle_ttl or
//   longer is closed instead.
// - Under the global limit, an idle connection of another origin is worth less than a caller
//   that needs a slot: the one idle the longest is closed to make room.
// - A connection that comes back while callers wait for a slot under the global limit, and
//   none waits for its own origin, is closed rather than parked: its slot is worth more.
// - The session gate: while the first TLS connection of an origin is on its first exchange, the
//   connections opened beside it wait (at most session_wait, which the driver times) for the
//   session that exchange brings (TLS 1.3 tickets come with the first answer), so that a burst
//   of connections resumes one session instead of paying a full handshake each.
// - After shutdown every idle connection is closed, every waiter woken (to find the pool shut
//   down), and connections coming back are closed.
//
// Time is an argument: nothing here reads a clock. Every operation appends what the driver must
// do to an `effects` (close these connections, wake one waiter of this queue, wake all of that
// one) and returns what the caller does next.
#pragma once

#include "http/origin.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <unordered_map>
#include <utility>
#include <vector>

namespace glue_inventory::http {

struct pool_limits {
    std::size_t per_host = 256;
    std::size_t total = 1024;
    std::chrono::steady_clock::duration idle_ttl = std::chrono::seconds{30};
    /// False when session_wait is zero: new connections never wait for a session.
    bool session_gate = true;
};

/// `Conn` is how the driver holds a connection (std::unique_ptr<connection>; an int in tests);
/// `HostData` what it keeps per origin beside the state (its wait queues, DNS answer, session).
template <class Conn, class HostData>
class pool_state {
public:
    using time_point = std::chrono::steady_clock::time_point;

    struct host {
        struct idle_entry {
            Conn conn;
            time_point since;
        };
        std::vector<idle_entry> idle; // back = the most recently parked
        std::size_t open = 0;         // idle + in use + being opened
        // Callers waiting for a connection of this origin, not yet woken. It may count, for a
        // moment, a cancelled one that has left the queue and not yet said so (never fewer than
        // are there: a wake is never withheld from a waiter).
        std::size_t waiters = 0;
        std::size_t absorbed = 0;    // wakes that found the queue empty: see waiter_cancelled()
        bool has_session = false;    // a TLS session to resume has come back
        bool first_exchange = false; // the origin's first TLS connection has not brought one yet
        HostData data;
    };

    enum class queue {
        host,    // callers waiting for a connection of `h`
        global,  // callers waiting for any slot under the global limit
        session, // connections of `h` waiting for its first session
    };
    struct wake {
        queue q;
        host* h; // null for queue::global
        bool all;
    };
    struct effects {
        std::vector<Conn> close;
        std::vector<wake> wakes;
        void clear() {
            close.clear();
            wakes.clear();
        }
    };

    enum class step {
        reuse,            // `conn` is an idle connection of the origin
        open,             // open a new connection; `first_of_origin` tells whether it is the
                          // origin's first, whose first answer brings the session
        wait_for_session, // a slot is counted: wait for the gate, then call session_wait_over
        wait_for_host,    // wait on the origin's queue, then call acquire again
        wait_for_slot,    // wait on the global queue, then call acquire again
        shut_down,        // fail: the pool is shut down
    };
    struct decision {
        step what = step::shut_down;
        host* h = nullptr;
        Conn conn{};
        bool first_of_origin = false;
    };

    explicit pool_state(pool_limits limits) : limits_(limits) {}

    /// A connection to `o` for a caller, at `now`.
    decision acquire(const origin& o, time_point now, effects& fx) {
        if (shut_down_) {
            return {};
        }
        host& h = hosts_[o];
        while (!h.idle.empty()) {
            auto e = std::move(h.idle.back());
            h.idle.pop_back();
            if (now - e.since < limits_.idle_ttl) {
                return {step::reuse, &h, std::move(e.conn), false};
            }
            fx.close.push_back(std::move(e.conn));
            forget(h, fx);
        }
        const bool host_room = h.open < limits_.per_host;
        bool global_room = open_total_ < limits_.total;
        if (host_room && !global_room && evict_longest_idle_elsewhere(h, fx)) {
            global_room = true;
        }
        if (host_room && global_room) {
            // Counted before any suspension, so that concurrent callers see it.
            ++h.open;
            ++open_total_;
            if (o.tls && gate_closed(h)) {
                return {step::wait_for_session, &h, Conn{}, false};
            }
            return {step::open, &h, Conn{}, start_first_exchange(h, o.tls)};
        }
        if (host_room) {
            ++global_waiters_;
            return {step::wait_for_slot, &h, Conn{}, false};
        }
        ++h.waiters;
        return {step::wait_for_host, &h, Conn{}, false};
    }

    /// The wait of wait_for_session ended: `proceed` when the gate opened or session_wait passed,
    /// false when the caller was cancelled. Returns open, or shut_down (the slot is given back).
    decision session_wait_over(const origin& o, host& h, bool proceed, effects& fx) {
        if (!proceed || shut_down_) {
            forget(h, fx);
            return {step::shut_down, &h, Conn{}, false};
        }
        return {step::open, &h, Conn{}, start_first_exchange(h, o.tls)};
    }

    /// Opening a connection of `open` failed: its slot is given back.
    void open_failed(host& h, bool first_of_origin, effects& fx) {
        if (first_of_origin) {
            first_exchange_over(h, fx);
        }
        forget(h, fx);
    }

    /// A connection comes back at `now`: parked when `reusable`, closed otherwise.
    /// `brought_session`: it has a TLS session for the next connections to resume.
    void release(host& h, Conn c, bool reusable, bool brought_session, bool first_of_origin,
                 time_point now, effects& fx) {
        if (brought_session) {
            h.has_session = true;
        }
        if (first_of_origin) {
            // Its first answer is in (or it failed): the connections waiting for its session go.
            first_exchange_over(h, fx);
        }
        const bool slot_wanted_elsewhere = h.waiters == 0 && global_waiters_ > 0;
        if (!reusable || shut_down_ || slot_wanted_elsewhere) {
            fx.close.push_back(std::move(c));
            forget(h, fx);
            return;
        }
        h.idle.push_back({std::move(c), now});
        wake_host(h, fx);
    }

    /// A waiter of wait_for_host (`h`) or wait_for_slot (null) left without being woken
    /// (cancelled). Its departure may already have been paid for by a wake that found its queue
    /// empty (it had left the queue, but not yet said so): wake_missed() counted that.
    void waiter_cancelled(host* h) {
        auto& count = h != nullptr ? h->waiters : global_waiters_;
        auto& absorbed = h != nullptr ? h->absorbed : global_absorbed_;
        if (absorbed > 0) {
            --absorbed;
        } else if (count > 0) {
            --count;
        }
    }

    /// A wake of one waiter of `h`'s queue (null: the global queue) found nobody: the waiter it
    /// was meant for had been cancelled.
    void wake_missed(host* h) { ++(h != nullptr ? h->absorbed : global_absorbed_); }

    /// Closes every idle connection, wakes every waiter; later acquires fail.
    void shutdown(effects& fx) {
        shut_down_ = true;
        for (auto& [o, h] : hosts_) {
            for (auto& e : h.idle) {
                fx.close.push_back(std::move(e.conn));
            }
            open_total_ -= h.idle.size();
            h.open -= h.idle.size();
            h.idle.clear();
            h.waiters = 0;
            h.absorbed = 0;
            fx.wakes.push_back({queue::host, &h, true});
            first_exchange_over(h, fx);
        }
        global_waiters_ = 0;
        global_absorbed_ = 0;
        fx.wakes.push_back({queue::global, nullptr, true});
    }

    bool is_shut_down() const { return shut_down_; }
    std::size_t open_total() const { return open_total_; }
    std::size_t global_waiters() const { return global_waiters_; }
    /// The origin's entry, made empty on first use.
    host& host_of(const origin& o) { return hosts_[o]; }

private:
    bool gate_closed(const host& h) const {
        return limits_.session_gate && !h.has_session && h.first_exchange;
    }

    /// Whether a new connection to `h` is the origin's first TLS one; it then holds the gate.
    static bool start_first_exchange(host& h, bool tls) {
        const bool first = tls && !h.has_session && !h.first_exchange;
        if (first) {
            h.first_exchange = true;
        }
        return first;
    }

    void first_exchange_over(host& h, effects& fx) {
        h.first_exchange = false;
        fx.wakes.push_back({queue::session, &h, true});
    }

    /// One connection of `h` closed for good: its slot goes to a waiter of `h`, else to one
    /// waiting for any slot.
    void forget(host& h, effects& fx) {
        --h.open;
        --open_total_;
        if (h.waiters > 0) {
            wake_host(h, fx);
        } else if (global_waiters_ > 0) {
            --global_waiters_;
            fx.wakes.push_back({queue::global, nullptr, false});
        }
    }

    void wake_host(host& h, effects& fx) {
        if (h.waiters > 0) {
            --h.waiters;
            fx.wakes.push_back({queue::host, &h, false});
        }
    }

    bool evict_longest_idle_elsewhere(const host& keep, effects& fx) {
        host* victim = nullptr;
        for (auto& [o, h] : hosts_) {
            if (&h != &keep && !h.idle.empty() &&
                (victim == nullptr || h.idle.front().since < victim->idle.front().since)) {
                victim = &h;
            }
        }
        if (victim == nullptr) {
            return false;
        }
        fx.close.push_back(std::move(victim->idle.front().conn));
        victim->idle.erase(victim->idle.begin());
        forget(*victim, fx);
        return true;
    }

    pool_limits limits_;
    // Entries are never erased: drivers and leases keep pointers to them (an unordered_map's
    // elements stay where they are when it rehashes).
    std::unordered_map<origin, host, origin_hash> hosts_;
    std::size_t open_total_ = 0;
    std::size_t global_waiters_ = 0;
    std::size_t global_absorbed_ = 0;
    bool shut_down_ = false;
};

} // namespace glue_inventory::http
