// Signing keys change once a day per (secret, region, service): derive each once.
#pragma once

#include "sigv4/signer.hpp"

namespace glue_inventory::sigv4 {

/// A small cache of derived keys keyed by (secret, date, region, service). Not thread-safe:
/// each client (one strand of execution) owns one. The secret is kept only as a SHA-256 digest.
class signing_key_cache {
public:
    /// The key for this secret and scope, derived on first use of the (date, region, service).
    const signing_key& get(std::string_view secret_access_key, const scope& sc);
    // ...
};

} // namespace glue_inventory::sigv4
