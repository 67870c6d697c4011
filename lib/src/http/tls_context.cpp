#include "http/tls_context.hpp"

#include <glue_inventory/error.hpp>
#include <openssl/err.h>
#include <openssl/ssl.h>

namespace glue_inventory::http {

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
        ctx->set_default_verify_paths(ec);
        if (ec) {
            what = "cannot load the system's trusted certificates: " + ec.message();
        }
    } else {
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
