// The request loop of the client as a pure step machine: one AWS call, all its attempts. The
// machine owns the attempt count, the retry quota's cost (taken for a retry, given back when the
// call succeeds), the adaptive rate limiter's feedback, the one credentials refresh after an
// expired-token answer and the one clock correction after a clock-skew answer. It does no I/O,
// reads no clock and never sleeps: the driver (client::impl::call) does what each action says
// and resumes the machine with what happened (model: boostorg/redis detail/exec_fsm.hpp).
//
//   start -> [wait_for_limiter] -> get_credentials -> send -> done(ok)
//                                        ^             |
//                                        |             +-> back_off -> (next attempt)
//                                        |             +-> refresh_credentials (expired, once)
//                                        |             +-> send again at once (clock skew, once)
//                                        +-- every new attempt starts here
#pragma once

#include "protocol/aws_error.hpp"
#include "retry/adaptive_rate_limiter.hpp"
#include "retry/standard_policy.hpp"

#include <boost/system/error_code.hpp>
#include <chrono>
#include <glue_inventory/error.hpp>
#include <optional>
#include <string_view>

namespace glue_inventory::client_detail {

/// What the driver does next.
enum class request_step {
    /// Wait `delay` for the adaptive rate limiter's token, then resume with a `waited` event.
    wait_for_limiter,
    /// Get the credentials that sign (from the cache; fetched when missing or about to
    /// expire), then resume with a `credentials` event.
    get_credentials,
    /// The cached credentials were refused as expired: throw them away, fetch new ones, then
    /// resume with a `credentials` event.
    refresh_credentials,
    /// Sign with the local time plus `clock_offset`, send, and resume with an `answer` event.
    send,
    /// Wait `delay` before the next attempt, then resume with a `waited` event.
    back_off,
    /// The call is over: `result` (empty on success; the answer or the failure is the one of
    /// the last event).
    done,
};

struct request_action {
    request_step step = request_step::done;
    std::chrono::nanoseconds delay{0};    // wait_for_limiter, back_off
    std::chrono::seconds clock_offset{0}; // send: server time minus local time
    boost::system::error_code result;     // done
};

/// One attempt's answer, as far as the machine needs it. Views into the driver's response.
struct answer_summary {
    /// The I/O failure (no answer at all), or empty.
    boost::system::error_code io_error;
    /// The HTTP status; 2xx is a success. Meaningless with an io_error.
    unsigned status = 0;
    /// For an error answer: its kind and code as the protocol's error parser read them.
    protocol::error_kind kind = protocol::error_kind::other;
    std::string_view aws_error_code;
    std::string_view message;
    /// The answer's Date header (read only after a clock-skew error).
    std::string_view date_header;
};

/// What happened since the last action.
struct request_event {
    enum class kind {
        start,       // the first resume
        waited,      // after wait_for_limiter or back_off
        credentials, // after get_credentials or refresh_credentials; `error` set when they failed
        answer,      // after send
    };
    kind type = kind::start;
    /// Cancellation was asked for (the driver's cancellation slot, or the client shut down), or
    /// the wait ended early because of it.
    bool cancelled = false;
    boost::system::error_code error;                  // credentials: why none could be had
    answer_summary answer;                            // answer
    std::chrono::steady_clock::time_point now{};      // the limiter's clock
    std::chrono::system_clock::time_point wall_now{}; // for the clock offset: answer only
};

struct request_fsm_params {
    const retry::standard_policy* policy = nullptr;
    retry::retry_quota* quota = nullptr;
    /// Adaptive mode: the limiter of the (account, region); nullptr in standard mode.
    retry::adaptive_rate_limiter* limiter = nullptr;
    /// In [0, 1): the backoff's jitter.
    const retry::random_source* random = nullptr;
    /// The call signs with credentials it was given (a profile chain's AssumeRole step): no
    /// get_credentials action.
    bool fixed_credentials = false;
    /// The signing credentials can be fetched anew (an account's assumed role): an expired-token
    /// answer earns one refresh_credentials.
    bool refreshable_credentials = false;
    /// The endpoint's clock offset learnt by earlier calls.
    std::chrono::seconds clock_offset{0};
};

class request_fsm {
public:
    explicit request_fsm(const request_fsm_params& params) noexcept
        : p_(params), clock_offset_(params.clock_offset) {}

    /// The next action after `ev`. The first call takes a `start` event; after `done`, do not
    /// call again.
    request_action resume(const request_event& ev);

    /// The attempt under way or last made (1-based; 0 before the first).
    int attempt() const noexcept { return attempt_; }
    /// The clock offset the last send used; differs from params' when this call corrected it.
    std::chrono::seconds clock_offset() const noexcept { return clock_offset_; }
    /// The last answer was a throttling error.
    bool throttled() const noexcept { return throttled_; }
    /// The call ended because its credentials could not be had (the driver reports their
    /// diagnostics rather than an answer's).
    bool credentials_failed() const noexcept { return credentials_failed_; }

private:
    enum class state { initial, limiter_wait, credentials, sending, backing_off, finished };

    request_action begin_attempt(const request_event& ev);
    request_action after_credentials_ready();
    request_action after_answer(const request_event& ev);
    request_action finish(boost::system::error_code ec);
    void feedback(const request_event& ev, bool throttled);

    request_fsm_params p_;
    state state_ = state::initial;
    int attempt_ = 0;
    std::optional<int> last_retry_cost_;
    std::chrono::seconds clock_offset_;
    bool credentials_refreshed_ = false;
    bool refresh_pending_ = false;
    bool clock_corrected_ = false;
    bool throttled_ = false;
    bool credentials_failed_ = false;
};

} // namespace glue_inventory::client_detail
