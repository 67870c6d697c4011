// A CA bundle trusted without parsing every certificate in it at start-up.
//
// OpenSSL 3 parses a certificate slowly (its public key goes through the provider decoders):
// loading Debian's system bundle (/etc/ssl/certs/ca-certificates.crt, ~145 certificates) with
// SSL_CTX_set_default_verify_paths costs ~58 ms of CPU, more than a whole small scan. A
// verification needs one or two of them. This lookup reads the bundle's PEM blocks and finds the
// subject name of each (cheap: no key), and parses a whole certificate when verification asks
// for an issuer with its subject, adding it to the store as OpenSSL's own hashed-directory
// lookup does. The certificates trusted are exactly the bundle's. Subjects are told apart by
// name_key first, so that OpenSSL decodes only those that may match (decoding all of Debian's
// took ~2 ms); a certificate, or a subject with a key, that OpenSSL cannot decode when a
// verification needs it is not trusted (OpenSSL's loader would have refused the whole file).
#pragma once

#include <cstddef>
#include <openssl/x509_vfy.h>
#include <string>

namespace glue_inventory::http {

/// The largest bundle this lookup reads (Debian's is ~220 kB); a larger file is loaded by
/// OpenSSL as before.
inline constexpr std::size_t max_ca_bundle_bytes = 16 * 1024 * 1024;

/// Adds to `store` a lookup over the PEM bundle at `path` that parses a certificate when a
/// verification asks for its subject. False, with `store` unchanged, when the file cannot be
/// read or holds anything this lookup does not serve exactly (no certificate, a block other
/// than CERTIFICATE or TRUSTED CERTIFICATE, an encrypted or unparsable block): the caller then
/// loads the file with OpenSSL, which reports or handles it as before.
bool add_ca_file_lookup(X509_STORE* store, const std::string& path);

/// How many whole certificates these lookups have parsed in this process so far (for tests: a
/// verification parses only the issuers it needs).
std::size_t ca_file_certificates_parsed();

} // namespace glue_inventory::http
