// The documented ranges of client_options and http_options, checked where the options enter
// the library (the client's constructor): a limit of zero connections would make every request
// wait forever rather than fail.
#include <chrono>
#include <glue_inventory/client_options.hpp>
#include <glue_inventory/http_options.hpp>
#include <string>

namespace glue_inventory {
namespace {

std::string below(const char* field, const std::string& bound, const std::string& got) {
    return std::string(field) + " must be at least " + bound + " (got " + got + ")";
}

std::string ms(std::chrono::milliseconds d) {
    return std::to_string(d.count()) + " ms";
}

/// A duration that must be more than zero.
std::string positive(const char* field, std::chrono::milliseconds d) {
    return d.count() > 0 ? std::string()
                         : std::string(field) + " must be more than 0 ms (got " + ms(d) + ")";
}

/// A duration where zero means "never": only a negative one is wrong.
std::string not_negative(const char* field, std::chrono::milliseconds d) {
    return d.count() >= 0 ? std::string() : below(field, "0 ms", ms(d));
}

/// A count that must be at least 1.
std::string at_least_one(const char* field, std::size_t n) {
    return n >= 1 ? std::string() : below(field, "1", std::to_string(n));
}

} // namespace

std::string options_error(const http_options& o) {
    for (auto e :
         {positive("http_options::connect_timeout", o.connect_timeout),
          positive("http_options::tls_handshake_timeout", o.tls_handshake_timeout),
          positive("http_options::request_timeout", o.request_timeout),
          not_negative("http_options::idle_ttl", o.idle_ttl),
          not_negative("http_options::dns_ttl", o.dns_ttl),
          not_negative("http_options::session_wait", o.session_wait),
          at_least_one("http_options::max_connections_per_host", o.max_connections_per_host),
          at_least_one("http_options::max_connections", o.max_connections),
          at_least_one("http_options::max_body_bytes", o.max_body_bytes)}) {
        if (!e.empty()) {
            return e;
        }
    }
    return {};
}

std::string options_error(const client_options& o) {
    if (o.max_attempts < 1) {
        return below("client_options::max_attempts", "1", std::to_string(o.max_attempts));
    }
    if (const auto d = o.identity.role_duration.count(); d != 0 && (d < 900 || d > 43200)) {
        return "client_options::identity.role_duration must be 0 (STS's default) or 900 to "
               "43200 s (got " +
               std::to_string(d) + " s)";
    }
    return options_error(o.http);
}

} // namespace glue_inventory
