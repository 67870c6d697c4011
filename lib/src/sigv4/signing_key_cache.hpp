// Signing keys change once a day per (secret, region, service): derive each once.
#pragma once

#include "sigv4/signer.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace glue_inventory::sigv4 {

/// A small cache of derived keys keyed by (secret, date, region, service). Not thread-safe:
/// each client (one strand of execution) owns one. The secret is kept only as a SHA-256 digest.
class signing_key_cache {
public:
    /// Default bound on the number of keys kept: one per (account, region) a client signs for
    /// in a day, across the services it calls. When full, the least recently used key goes.
    static constexpr std::size_t default_max_entries = 64;

    /// `max_entries` (at least 1; 0 is taken as 1) bounds the keys kept.
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

    /// Keys currently kept (at most max_entries()).
    std::size_t size() const noexcept { return entries_.size(); }
    std::size_t max_entries() const noexcept { return max_entries_; }

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
        std::uint64_t last_used = 0;
    };

    std::vector<entry> entries_;
    std::size_t max_entries_;
    std::uint64_t uses_ = 0; // a logical clock for least-recently-used eviction
};

} // namespace glue_inventory::sigv4
