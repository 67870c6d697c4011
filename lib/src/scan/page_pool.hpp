// The spent pages a consumer gives back (scan_stream::async_next(scan_event&)), kept for the
// next pages to be parsed into: response_parser::parse_get_connections reads each record into
// the connection at its place, so its strings' storage is reused instead of freed and allocated
// again (~7 allocations a record, and glibc's consolidation of its fast bins when a page's big
// strings are freed). Bounded: at most max_pages pages, each of at most max_page_connections
// connections; a page over either bound is freed. Pure bookkeeping, no executor: the scan
// touches it on the client's executor only.
#pragma once

#include <cstddef>
#include <glue_inventory/model.hpp>
#include <utility>
#include <vector>

namespace glue_inventory::scan_detail {

class page_pool {
public:
    using page = std::vector<connection>;

    /// `max_pages` 0: every page given back is freed.
    page_pool(std::size_t max_pages, std::size_t max_page_connections)
        : max_pages_(max_pages), max_page_connections_(max_page_connections) {
        pages_.reserve(max_pages_); // giving back never allocates
    }

    /// Whether a page like `p` may be kept (there may be no room for it when it comes): it has
    /// storage, within max_page_connections, and the pool keeps pages. Reads only what never
    /// changes: safe from any thread.
    bool would_keep(const page& p) const {
        return max_pages_ != 0 && p.capacity() != 0 && p.capacity() <= max_page_connections_;
    }

    /// Keeps `p` when would_keep(p) and there is room for it (its contents do not matter);
    /// else it is freed here.
    void give_back(page p) {
        if (!would_keep(p) || pages_.size() >= max_pages_) {
            return;
        }
        pages_.push_back(std::move(p));
    }

    /// The page given back last (the likeliest still in the cache), or an empty page without
    /// storage when none is kept.
    page take() {
        if (pages_.empty()) {
            return {};
        }
        page p = std::move(pages_.back());
        pages_.pop_back();
        return p;
    }

    /// Frees every page kept (the scan stopped: nothing will be parsed into them).
    void clear() { pages_.clear(); }

    std::size_t size() const { return pages_.size(); }
    std::size_t max_pages() const { return max_pages_; }

private:
    std::size_t max_pages_;
    std::size_t max_page_connections_;
    std::vector<page> pages_;
};

} // namespace glue_inventory::scan_detail
