// Signing keys change once a day per (secret, region, service): derive each once.
#pragma once

#include "sigv4/signer.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace glue_inventory::sigv4 {

/// A cache of derived keys keyed by (secret, date, region, service), found by hashing, least
/// recently used evicted first. Not thread-safe: each client (one strand of execution) owns one.
/// The secret is kept only as a SHA-256 digest.
///
/// Its bound must hold every key in use at once: requests of many signers take turns (a scan's
/// workers, each on its own account and region), so a cache smaller than their number misses on
/// every request (least-recently-used order is the worst for a cyclic pattern). A scan adds room
/// for its workers while it runs (add_room), on top of the base bound.
class signing_key_cache {
public:
    /// Default base bound on the number of keys kept: one per (account, region) a client signs
    /// for in a day, across the services it calls, outside of scans (which add their own room).
    static constexpr std::size_t default_max_entries = 64;

    /// `max_entries` (at least 1; 0 is taken as 1) is the base bound on the keys kept.
    explicit signing_key_cache(std::size_t max_entries = default_max_entries);
    ~signing_key_cache();
    signing_key_cache(const signing_key_cache&) = delete;
    signing_key_cache& operator=(const signing_key_cache&) = delete;
    signing_key_cache(signing_key_cache&&) noexcept = default;
    signing_key_cache& operator=(signing_key_cache&&) noexcept = default;

    /// The key for this secret and scope, derived on first use of the (date, region, service).
    signing_key get(std::string_view secret_access_key, const scope& sc);

    /// The same, for a secret held by `owner`, an object that never changes while it lives (a
    /// client's cached credentials): while `owner` lives, its keys are found by its identity,
    /// without hashing the secret. Null `owner`: as get(secret, sc).
    signing_key get(std::string_view secret_access_key, const scope& sc,
                    const std::shared_ptr<const void>& owner);

    /// Raises the bound by `n` keys while up to `n` more are in use at once (a scan with n/2
    /// workers: each one's target key and an AssumeRole's); remove_room(n) gives it back, and
    /// the least recently used keys beyond the bound go then.
    void add_room(std::size_t n) noexcept { room_ += n; }
    void remove_room(std::size_t n);

    /// Keys currently kept (at most max_entries()).
    std::size_t size() const noexcept { return entries_.size(); }
    /// The base bound plus the room scans have added.
    std::size_t max_entries() const noexcept { return base_max_entries_ + room_; }
    /// Keys derived so far (one per miss): what a bound too small for the keys in use shows.
    std::uint64_t derived() const noexcept { return derived_; }

private:
    struct entry {
        digest secret_digest{};
        // The last owner the key was asked for: its control block and the object within it.
        std::weak_ptr<const void> owner;
        const void* owner_object = nullptr;
        std::chrono::sys_days date{};
        std::string region;
        std::string service;
        signing_key key{};
    };
    using entry_list = std::list<entry>; // most recently used first; nodes never move

    // (date, region, service): views of the entry's own strings in the indexes' keys, of the
    // caller's scope in a lookup.
    struct scope_key {
        std::chrono::sys_days date{};
        std::string_view region;
        std::string_view service;
        bool operator==(const scope_key&) const = default;
    };
    struct owner_key {
        const void* object = nullptr;
        scope_key sc;
        bool operator==(const owner_key&) const = default;
    };
    struct secret_key {
        digest secret_digest{};
        scope_key sc;
        bool operator==(const secret_key&) const = default;
    };
    struct key_hash {
        std::size_t operator()(const scope_key& k) const noexcept;
        std::size_t operator()(const owner_key& k) const noexcept;
        std::size_t operator()(const secret_key& k) const noexcept;
    };

    static scope_key scope_of(const entry& e) { return {e.date, e.region, e.service}; }
    /// Records `owner` as the last owner of `it`, the one entry found by its identity.
    void set_owner(entry_list::iterator it, const std::shared_ptr<const void>& owner);
    /// Drops `it`'s entry in the owner index, if it has one.
    void forget_owner(entry_list::iterator it);
    void evict_beyond_bound();

    entry_list entries_;
    std::unordered_map<owner_key, entry_list::iterator, key_hash> by_owner_;
    std::unordered_map<secret_key, entry_list::iterator, key_hash> by_secret_;
    std::size_t base_max_entries_;
    std::size_t room_ = 0;
    std::uint64_t derived_ = 0;
};

} // namespace glue_inventory::sigv4
