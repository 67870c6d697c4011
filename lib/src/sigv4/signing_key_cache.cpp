#include "sigv4/signing_key_cache.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <openssl/crypto.h>

namespace glue_inventory::sigv4 {

signing_key_cache::signing_key_cache(std::size_t max_entries)
    : base_max_entries_{std::max<std::size_t>(max_entries, 1)} {}

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

std::size_t combine(std::size_t seed, std::size_t h) noexcept {
    return seed ^ (h + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

/// A hash of a region or service name (a dozen bytes or so) from its size and its first and last
/// eight bytes: it runs for every request, where std::hash's byte loop costs more than the rest
/// of the lookup. Bytes in the middle of a longer name are left out (names differ at their ends:
/// "us-east-1", "ap-southeast-2"), which only makes such collisions possible, never wrong keys.
std::size_t name_hash(std::string_view s) noexcept {
    constexpr std::size_t word = sizeof(std::uint64_t);
    std::uint64_t first = 0;
    std::uint64_t last = 0;
    if (s.size() >= word) {
        std::memcpy(&first, s.data(), word);
        std::memcpy(&last, s.data() + s.size() - word, word);
    } else {
        for (std::size_t i = 0; i < s.size(); ++i) {
            first |= std::uint64_t{static_cast<unsigned char>(s[i])} << (8 * i);
        }
    }
    return combine(combine(s.size(), first), last);
}

} // namespace

std::size_t signing_key_cache::key_hash::operator()(const scope_key& k) const noexcept {
    std::size_t h = name_hash(k.region);
    h = combine(h, name_hash(k.service));
    return combine(h, static_cast<std::size_t>(k.date.time_since_epoch().count()));
}

std::size_t signing_key_cache::key_hash::operator()(const owner_key& k) const noexcept {
    return combine((*this)(k.sc), std::hash<const void*>{}(k.object));
}

std::size_t signing_key_cache::key_hash::operator()(const secret_key& k) const noexcept {
    // A digest is uniformly distributed: its first bytes are hash enough.
    std::size_t d = 0;
    std::memcpy(&d, k.secret_digest.data(), sizeof d);
    return combine((*this)(k.sc), d);
}

void signing_key_cache::forget_owner(entry_list::iterator it) {
    if (it->owner_object == nullptr) {
        return;
    }
    if (auto found = by_owner_.find(owner_key{it->owner_object, scope_of(*it)});
        found != by_owner_.end() && found->second == it) {
        by_owner_.erase(found);
    }
    it->owner.reset();
    it->owner_object = nullptr;
}

void signing_key_cache::set_owner(entry_list::iterator it,
                                  const std::shared_ptr<const void>& owner) {
    forget_owner(it);
    const owner_key k{owner.get(), scope_of(*it)};
    if (auto found = by_owner_.find(k); found != by_owner_.end()) {
        // An entry of an object that lived at this address before (its control block differs):
        // found by its secret from now on.
        forget_owner(found->second);
    }
    it->owner = owner;
    it->owner_object = owner.get();
    by_owner_.emplace(k, it);
}

void signing_key_cache::evict_beyond_bound() {
    while (entries_.size() > max_entries()) {
        const auto oldest = std::prev(entries_.end());
        forget_owner(oldest);
        by_secret_.erase(secret_key{oldest->secret_digest, scope_of(*oldest)});
        OPENSSL_cleanse(oldest->key.data(), oldest->key.size());
        entries_.erase(oldest);
    }
}

void signing_key_cache::remove_room(std::size_t n) {
    room_ -= std::min(n, room_);
    evict_beyond_bound();
}

signing_key signing_key_cache::get(std::string_view secret_access_key, const scope& sc) {
    return get(secret_access_key, sc, nullptr);
}

signing_key signing_key_cache::get(std::string_view secret_access_key, const scope& sc,
                                   const std::shared_ptr<const void>& owner) {
    const scope_key in_scope{std::chrono::floor<std::chrono::days>(sc.time), sc.region, sc.service};
    const auto use = [&](entry_list::iterator it) {
        entries_.splice(entries_.begin(), entries_, it); // the most recently used
        return it->key;
    };
    // By identity first: the owner's secret cannot have changed (it never changes while the
    // owner lives), so the key found for it earlier is still its key. Nothing of the secret is
    // kept for this, and the entry's weak reference does not keep the owner alive.
    if (owner) {
        if (auto found = by_owner_.find(owner_key{owner.get(), in_scope});
            found != by_owner_.end() &&
            same_object(found->second->owner, found->second->owner_object, owner)) {
            return use(found->second);
        }
    }
    const digest secret_digest = sha256(secret_access_key);
    if (auto found = by_secret_.find(secret_key{secret_digest, in_scope});
        found != by_secret_.end()) {
        if (owner) {
            set_owner(found->second, owner);
        }
        return use(found->second);
    }
    ++derived_;
    entries_.push_front(entry{secret_digest,
                              {},
                              nullptr,
                              in_scope.date,
                              std::string{sc.region},
                              std::string{sc.service},
                              derive_signing_key(secret_access_key, sc)});
    const auto fresh = entries_.begin();
    by_secret_.emplace(secret_key{secret_digest, scope_of(*fresh)}, fresh);
    if (owner) {
        set_owner(fresh, owner);
    }
    const signing_key key = fresh->key;
    evict_beyond_bound();
    return key;
}

} // namespace glue_inventory::sigv4
