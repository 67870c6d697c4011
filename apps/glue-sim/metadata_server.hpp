// The plain-HTTP listener beside the HTTPS one: instance metadata and container credentials
// (credential_endpoints), on 127.0.0.1 only, as the real ones are link-local plain HTTP.
#pragma once

#include "credential_endpoints.hpp"
#include "server.hpp" // session_count

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <string>

namespace glue_sim {

// Owns its accept loop and sessions as server does (see there).
class metadata_server {
public:
    metadata_server(boost::asio::io_context& io, credential_endpoints& endpoints, std::string host);

    /// Binds an ephemeral port and listens. Throws on failure.
    void listen();
    unsigned short port() const { return port_; }
    void start();
    void stop();
    bool accepting() const { return accepting_; }
    std::size_t sessions() const { return sessions_.open(); }

private:
    boost::asio::io_context& io_;
    credential_endpoints& endpoints_;
    std::string host_;
    boost::asio::ip::tcp::acceptor acceptor_;
    unsigned short port_ = 0;
    std::atomic<bool> accepting_{false};
    session_count sessions_;
};

} // namespace glue_sim
