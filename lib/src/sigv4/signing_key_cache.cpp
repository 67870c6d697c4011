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

signing_key signing_key_cache::get(std::string_view secret_access_key, const scope& sc) {
    const digest secret_digest = sha256(secret_access_key);
    const auto date = std::chrono::floor<std::chrono::days>(sc.time);
    ++uses_;
    for (entry& e : entries_) {
        if (e.date == date && e.region == sc.region && e.service == sc.service &&
            e.secret_digest == secret_digest) {
            e.last_used = uses_;
            return e.key;
        }
    }
    entry fresh{secret_digest,
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
