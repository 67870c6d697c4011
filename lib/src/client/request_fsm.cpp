#include "client/request_fsm.hpp"

#include "client/clock_skew.hpp"
#include "client/failure_classification.hpp"

namespace glue_inventory::client_detail {

request_action request_fsm::resume(const request_event& ev) {
    switch (state_) {
    case state::initial:
        return begin_attempt(ev);
    case state::limiter_wait:
        if (ev.cancelled) {
            return finish(errc::cancelled);
        }
        return after_credentials_ready();
    case state::credentials:
        if (ev.error) {
            credentials_failed_ = true;
            return finish(ev.error);
        }
        state_ = state::sending;
        return {request_step::send, {}, clock_offset_, {}};
    case state::sending:
        return after_answer(ev);
    case state::backing_off:
        return begin_attempt(ev);
    case state::finished:
        break;
    }
    return finish(errc::cancelled); // resumed after done: a driver bug, ends the call again
}

request_action request_fsm::begin_attempt(const request_event& ev) {
    ++attempt_;
    if (ev.cancelled) {
        return finish(errc::cancelled);
    }
    if (p_.limiter != nullptr) {
        const auto wait = p_.limiter->acquire(ev.now);
        if (wait > std::chrono::nanoseconds::zero()) {
            state_ = state::limiter_wait;
            return {request_step::wait_for_limiter, wait, {}, {}};
        }
    }
    return after_credentials_ready();
}

request_action request_fsm::after_credentials_ready() {
    if (p_.fixed_credentials) {
        state_ = state::sending;
        return {request_step::send, {}, clock_offset_, {}};
    }
    state_ = state::credentials;
    if (refresh_pending_) {
        refresh_pending_ = false;
        return {request_step::refresh_credentials, {}, {}, {}};
    }
    return {request_step::get_credentials, {}, {}, {}};
}

void request_fsm::feedback(const request_event& ev, bool throttled) {
    // Every outcome feeds the limiter's send-rate measurement, as in botocore.
    if (p_.limiter != nullptr) {
        p_.limiter->on_response(ev.now, throttled);
    }
}

request_action request_fsm::after_answer(const request_event& ev) {
    const auto& a = ev.answer;
    throttled_ = false;
    retry::failure failure;
    errc final;
    if (!a.io_error && a.status / 100 == 2) {
        feedback(ev, false);
        p_.quota->on_success(last_retry_cost_);
        return finish({});
    }
    if (a.io_error) {
        feedback(ev, false);
        failure = retry_class_of_io(a.io_error);
        final = final_error_of_io(a.io_error);
    } else {
        throttled_ = a.kind == protocol::error_kind::throttling;
        feedback(ev, throttled_);
        if (!clock_corrected_ && is_clock_skew_error(a.aws_error_code, a.message)) {
            if (const auto offset =
                    corrected_clock_offset(a.date_header, ev.wall_now, clock_offset_)) {
                // Signed with the wrong time: send again at once with the server's, once. No
                // quota and no backoff: the server is fine, our clock is not.
                clock_corrected_ = true;
                clock_offset_ = *offset;
                return begin_attempt(ev);
            }
        }
        if (p_.refreshable_credentials && !credentials_refreshed_ &&
            is_expired_credentials(a.aws_error_code)) {
            // Assumed-role credentials expired early (a clock off by more than the refresh
            // margin): fetch new ones and try again, once.
            credentials_refreshed_ = true;
            refresh_pending_ = true;
            return begin_attempt(ev);
        }
        failure = retry_class(a.kind);
        final = final_error(a.kind);
    }
    if (ev.cancelled) {
        return finish(errc::cancelled);
    }
    const auto decision = p_.policy->after_failure(attempt_, failure, *p_.quota, *p_.random);
    if (!decision) {
        return finish(final);
    }
    last_retry_cost_ = decision->quota_cost;
    state_ = state::backing_off;
    return {request_step::back_off, decision->delay, {}, {}};
}

request_action request_fsm::finish(boost::system::error_code ec) {
    state_ = state::finished;
    return {request_step::done, {}, {}, ec};
}

} // namespace glue_inventory::client_detail
