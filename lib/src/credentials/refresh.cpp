#include "refresh.hpp"

namespace glue_inventory::creds::refresh {

namespace {

enum class window { fresh, advisory, mandatory, unusable };

window window_at(const state& s, std::chrono::sys_seconds now) noexcept {
    if (!s.has_value) {
        return window::unusable;
    }
    if (!s.expiration) {
        return window::fresh;
    }
    const auto left = *s.expiration - now;
    if (left <= expiry_margin) {
        return window::unusable;
    }
    if (left <= mandatory_window) {
        return window::mandatory;
    }
    if (left <= advisory_window) {
        return window::advisory;
    }
    return window::fresh;
}

bool recently_refreshed(const state& s, std::chrono::sys_seconds now) noexcept {
    return s.last_refresh && now - *s.last_refresh < min_refresh_interval;
}

} // namespace

action decide(const state& s, std::chrono::sys_seconds now) noexcept {
    switch (window_at(s, now)) {
    case window::fresh:
        return action::use;
    case window::advisory:
        // One refresher at a time, and not again right after the last try (success or not).
        return s.refreshing || recently_refreshed(s, now) ? action::use : action::refresh_advisory;
    case window::mandatory:
        if (s.refreshing) {
            return action::wait;
        }
        // The source just answered with these: asking again at once would only repeat it. A
        // failed refresh is tried again by the next caller, as botocore does.
        return recently_refreshed(s, now) && !s.last_refresh_failed ? action::use
                                                                    : action::refresh_mandatory;
    case window::unusable:
        break;
    }
    return s.refreshing ? action::wait : action::refresh_mandatory;
}

} // namespace glue_inventory::creds::refresh
