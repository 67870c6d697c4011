#include "http/tls_context.hpp"

#include "http/ca_file_lookup.hpp"

#include <cstdlib>
#include <glue_inventory/error.hpp>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <string>

namespace glue_inventory::http {

namespace {

/// SSL_CTX_set_default_verify_paths, step for step (OpenSSL 3's X509_STORE_set_default_paths_ex:
/// the default file, the default hashed directory, the default store URI, errors ignored),
/// except that the default file (SSL_CERT_FILE, else the build's default: Debian's
/// /usr/lib/ssl/cert.pem, ~145 certificates) is read by add_ca_file_lookup, which parses only
/// the certificates a verification needs instead of all of them at start (~58 ms of CPU).
void trust_system_store(SSL_CTX* ctx) {
    X509_STORE* store = SSL_CTX_get_cert_store(ctx);
    // secure_getenv, as OpenSSL's own lookup: the variable is ignored in a setuid process.
    const char* named = ::secure_getenv(X509_get_default_cert_file_env());
    const std::string file = named != nullptr ? named : X509_get_default_cert_file();
    if (!add_ca_file_lookup(store, file)) {
        if (X509_LOOKUP* lookup = X509_STORE_add_lookup(store, X509_LOOKUP_file())) {
            X509_LOOKUP_load_file(lookup, nullptr, X509_FILETYPE_DEFAULT);
        }
    }
    if (X509_LOOKUP* lookup = X509_STORE_add_lookup(store, X509_LOOKUP_hash_dir())) {
        X509_LOOKUP_add_dir(lookup, nullptr, X509_FILETYPE_DEFAULT);
    }
    if (X509_LOOKUP* lookup = X509_STORE_add_lookup(store, X509_LOOKUP_store())) {
        X509_LOOKUP_add_store(lookup, nullptr);
    }
    ERR_clear_error(); // a missing default file or directory is no error, as in OpenSSL
}

} // namespace

std::shared_ptr<boost::asio::ssl::context>
make_tls_context(const std::string& ca_bundle, boost::system::error_code& ec, std::string& what) {
    namespace ssl = boost::asio::ssl;
    auto ctx = std::make_shared<ssl::context>(ssl::context::tls_client);
    SSL_CTX* native = ctx->native_handle();
    SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
    // Sessions are kept by the pool per origin and offered again on new connections.
    SSL_CTX_set_session_cache_mode(native,
                                   SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    ctx->set_verify_mode(ssl::verify_peer);
    if (ca_bundle.empty()) {
        trust_system_store(native);
    } else if (!add_ca_file_lookup(SSL_CTX_get_cert_store(native), ca_bundle)) {
        // Not a plain bundle of certificates (or not readable): OpenSSL loads it, or says why.
        ctx->load_verify_file(ca_bundle, ec);
        if (ec) {
            what = "cannot load the CA bundle " + ca_bundle + ": " + ec.message();
        }
    }
    if (ec) {
        return nullptr;
    }
    return ctx;
}

} // namespace glue_inventory::http
