// The pages of one target, as a state machine: which NextToken to ask with, when to stop.
// Pure: the scan drives it with what the server answered.
#pragma once

#include <memory_resource>
#include <optional>
#include <string>
#include <unordered_set>

namespace glue_inventory::scan_detail {

class paginator {
public:
    enum class step {
        next_page, // ask again with next_token()
        done,      // the last page was received
        repeated,  // the server returned a NextToken it had already returned: stop, it would loop
    };

    /// The token for the next request: absent for the first page.
    const std::optional<std::string>& next_token() const { return next_token_; }

    /// After a page: an absent or empty NextToken ends the target.
    step on_page(std::optional<std::string> token) {
        if (!token || token->empty()) {
            next_token_.reset();
            return step::done;
        }
        if (!seen_.emplace(token->data(), token->size()).second) {
            next_token_.reset();
            return step::repeated;
        }
        next_token_ = std::move(token);
        return step::next_page;
    }

private:
    std::optional<std::string> next_token_;
    // Every token a target was given, to tell a loop. The set only grows while its target is
    // scanned: its nodes and copies come from an arena, a few allocations in all instead of one
    // or two per page.
    std::pmr::monotonic_buffer_resource arena_;
    std::pmr::unordered_set<std::pmr::string> seen_{&arena_};
};

} // namespace glue_inventory::scan_detail
