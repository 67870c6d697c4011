// The TLS client context every connection shares: TLS 1.2 or newer, peers verified against the
// system store or a CA bundle, client-side session cache on (resumption across connections).
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <boost/system/error_code.hpp>
#include <memory>
#include <string>

namespace glue_inventory::http {

/// A client context trusting `ca_bundle` (a PEM file) or, when it is empty, the system store.
/// On failure returns nullptr and sets `ec`; `what` names the file and OpenSSL's reason.
std::shared_ptr<boost::asio::ssl::context>
make_tls_context(const std::string& ca_bundle, boost::system::error_code& ec, std::string& what);

} // namespace glue_inventory::http
