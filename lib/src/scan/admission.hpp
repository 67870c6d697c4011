// Which requests the scan may start: the memory bound of scan_options::records_per_request, as
// a state machine. Pure: the scan tells it what happened and asks it what may happen next.
//
// Records are held from the moment a request starts until the consumer takes its page: a
// request in flight counts as the average page so far, a page received counts its real size.
// The average starts from a full page (MaxResults, or the default page size) that weighs as
// much as prior_pages pages: empty targets answer first, and the first few pages alone would
// pull the estimate to zero and let every request start at once. A request may start while the
// total stays within the budget; when nothing is in flight and nothing is held, one always may (a
// single page bigger than the budget must not stop the scan).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace glue_inventory::scan_detail {

/// How many pages the first-page estimate weighs in the average page.
inline constexpr std::uint64_t prior_pages = 16;

class admission {
public:
    /// `concurrency` requests at most; `record_budget` records held at most; before the first
    /// page arrives, a request in flight counts as `first_page_estimate` records.
    admission(std::size_t concurrency, std::size_t record_budget, std::size_t first_page_estimate)
        : concurrency_(std::max<std::size_t>(concurrency, 1)), budget_(record_budget),
          first_page_estimate_(first_page_estimate) {}

    bool may_start() const {
        if (in_flight_ >= concurrency_) {
            return false;
        }
        if (in_flight_ == 0 && held_ == 0) {
            return true;
        }
        return held_ + (in_flight_ + 1) * expected_page() <= budget_;
    }

    void started() { ++in_flight_; }

    /// A request ended with a page of `records` (0 for an empty page or a failure); they are
    /// held until taken().
    void finished(std::size_t records) {
        --in_flight_;
        held_ += records;
        total_records_ += records;
        ++pages_;
    }

    /// The consumer took a page of `records`.
    void taken(std::size_t records) { held_ -= std::min(held_, records); }

    std::size_t in_flight() const { return in_flight_; }
    std::size_t held() const { return held_; }

    /// What a request in flight is expected to bring: the average page so far, the first-page
    /// estimate counted as prior_pages pages, rounded up.
    std::size_t expected_page() const {
        const std::uint64_t records = first_page_estimate_ * prior_pages + total_records_;
        const std::uint64_t pages = prior_pages + pages_;
        return static_cast<std::size_t>((records + pages - 1) / pages);
    }

private:
    std::size_t concurrency_;
    std::size_t budget_;
    std::size_t first_page_estimate_;
    std::size_t in_flight_ = 0;
    std::size_t held_ = 0;
    std::uint64_t total_records_ = 0;
    std::uint64_t pages_ = 0;
};

} // namespace glue_inventory::scan_detail
