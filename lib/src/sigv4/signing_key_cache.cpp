#include "sigv4/signing_key_cache.hpp"

#include <algorithm>
#include <openssl/crypto.h>

namespace glue_inventory::sigv4 {

signing_key_cache::signing_key_cache(std::size_t max_entries)
    : max_entries_{std::max<std::size_t>(max_entries, 1)} {}

signing_key_cache::~signing_key_cache() {
    // Derived keys sign requests for a whole day: do not leave them in freed memory.
    for (entry& e : entries_) {
        OPENSSL_cleanse(e.key.data(), e.key.size());
    }
}

namespace {

/// Whether `held` is a weak reference to the very object `owner` points to. A weak_ptr keeps
/// its control block allocated, so no other object can come to share that block while the entry
/// holds it: the same control block and the same address within it are the same live object,
/// even when an earlier one at that address is gone (then its control block differs).
bool same_object(const std::weak_ptr<const void>& held, const void* held_object,
                 const std::shared_ptr<const void>& owner) {
    return held_object == owner.get() && !held.owner_before(owner) && !owner.owner_before(held);
}

} // namespace

signing_key signing_key_cache::get(std::string_view secret_access_key, const scope& sc) {
    return get(secret_access_key, sc, nullptr);
}

signing_key signing_key_cache::get(std::string_view secret_access_key, const scope& sc,
                                   const std::shared_ptr<const void>& owner) {
    const auto date = std::chrono::floor<std::chrono::days>(sc.time);
    const auto in_scope = [&](const entry& e) {
        return e.date == date && e.region == sc.region && e.service == sc.service;
    };
    ++uses_;
    // By identity first: the owner's secret cannot have changed (it never changes while the
    // owner lives), so the key found for it earlier is still its key. Nothing of the secret is
    // kept for this, and the entry's weak reference does not keep the owner alive.
    if (owner) {
        for (entry& e : entries_) {
            if (same_object(e.owner, e.owner_object, owner) && in_scope(e)) {
                e.last_used = uses_;
                return e.key;
            }
        }
    }
    const digest secret_digest = sha256(secret_access_key);
    for (entry& e : entries_) {
        if (in_scope(e) && e.secret_digest == secret_digest) {
            e.last_used = uses_;
            if (owner) {
                e.owner = owner;
                e.owner_object = owner.get();
            }
            return e.key;
        }
    }
    entry fresh{secret_digest,
                owner,
                owner.get(),
                date,
                std::string{sc.region},
                std::string{sc.service},
                derive_signing_key(secret_access_key, sc),
                uses_};
    if (entries_.size() < max_entries_) {
        entries_.push_back(std::move(fresh));
        return entries_.back().key;
    }
    auto oldest =
        std::min_element(entries_.begin(), entries_.end(),
                         [](const entry& a, const entry& b) { return a.last_used < b.last_used; });
    OPENSSL_cleanse(oldest->key.data(), oldest->key.size());
    *oldest = std::move(fresh);
    return oldest->key;
}

} // namespace glue_inventory::sigv4
