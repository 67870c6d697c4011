// The pages of one target, as a state machine: which NextToken to ask with, when to stop.
// Pure: the scan drives it with what the server answered.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace glue_inventory::scan_detail {

/// The NextTokens a target was given, to tell a loop: each token's text appended to one
/// string, found through an open-addressing table of (hash, where) slots. Per page: a hash, a
/// probe or two in a flat array and an append; no node, no allocation of its own (a node set
/// cost an allocation, and a cache miss or two, per page: 1.3% of W5's client natively).
class seen_tokens {
public:
    /// Adds `token` (not empty); false when it was added before.
    bool insert(std::string_view token) {
        if (slots_.empty()) {
            slots_.resize(initial_slots);
        }
        const std::uint64_t hash = std::hash<std::string_view>{}(token);
        for (std::size_t i = hash & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
            slot& s = slots_[i];
            if (s.size == 0) { // free: tokens are never empty
                s = {hash, text_.size(), token.size()};
                text_.append(token);
                if (2 * ++count_ > slots_.size()) {
                    grow();
                }
                return true;
            }
            if (s.hash == hash && std::string_view(text_).substr(s.offset, s.size) == token) {
                return false;
            }
        }
    }

    std::size_t size() const { return count_; }

private:
    /// Slots to start with; the table doubles when more than half full.
    static constexpr std::size_t initial_slots = 16;

    struct slot {
        std::uint64_t hash = 0;
        std::size_t offset = 0;
        std::size_t size = 0; // 0: free
    };

    void grow() {
        std::vector<slot> bigger(2 * slots_.size());
        for (const slot& s : slots_) {
            if (s.size == 0) {
                continue;
            }
            std::size_t i = s.hash & (bigger.size() - 1);
            while (bigger[i].size != 0) {
                i = (i + 1) & (bigger.size() - 1);
            }
            bigger[i] = s;
        }
        slots_ = std::move(bigger);
    }

    std::string text_;
    std::vector<slot> slots_;
    std::size_t count_ = 0;
};

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
        if (!seen_.insert(*token)) {
            next_token_.reset();
            return step::repeated;
        }
        next_token_ = std::move(token);
        return step::next_page;
    }

private:
    std::optional<std::string> next_token_;
    seen_tokens seen_; // every token this target was given
};

} // namespace glue_inventory::scan_detail
