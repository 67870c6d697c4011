#include "store/store_url.hpp"

namespace glue_cli::store {
namespace {

constexpr std::string_view sqlite_prefix = "sqlite:";
constexpr std::string_view postgresql_schemes[] = {"postgresql://", "postgres://"};
constexpr std::string_view redacted = "REDACTED";

/// Replaces the value of every `password=` parameter after the '?' of `url`.
void redact_password_parameters(std::string& url) {
    const auto query = url.find('?');
    if (query == std::string::npos) {
        return;
    }
    std::size_t pos = query + 1;
    while (pos < url.size()) {
        const auto end = std::min(url.find('&', pos), url.size());
        constexpr std::string_view key = "password=";
        if (std::string_view(url).substr(pos, end - pos).starts_with(key)) {
            url.replace(pos + key.size(), end - pos - key.size(), redacted);
            pos = url.find('&', pos);
            if (pos == std::string::npos) {
                break;
            }
        } else {
            pos = end;
        }
        ++pos;
    }
}

} // namespace

std::string redact_store_url(std::string_view text) {
    std::string url(text);
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos) {
        return url;
    }
    const auto authority = scheme_end + 3;
    const auto authority_end = std::min(url.find_first_of("/?#", authority), url.size());
    // The last '@' of the authority ends the user information (a password may hold '@').
    const auto at = url.rfind('@', authority_end == 0 ? 0 : authority_end - 1);
    if (at != std::string::npos && at >= authority) {
        const auto colon = url.find(':', authority);
        if (colon != std::string::npos && colon < at) {
            url.replace(colon + 1, at - colon - 1, redacted);
        }
    }
    redact_password_parameters(url);
    return url;
}

std::optional<store_url> parse_store_url(std::string_view text, std::string& error) {
    store_url out;
    if (text.starts_with(sqlite_prefix)) {
        out.kind = backend::sqlite;
        out.target = std::string(text.substr(sqlite_prefix.size()));
        if (out.target.empty()) {
            error = "'sqlite:' must be followed by a file path";
            return std::nullopt;
        }
        out.display = std::string(text);
        return out;
    }
    for (const auto scheme : postgresql_schemes) {
        if (text.starts_with(scheme)) {
            out.kind = backend::postgresql;
            out.target = std::string(text);
            out.display = redact_store_url(text);
            return out;
        }
    }
    error = "'" + redact_store_url(text) + "' is not sqlite:PATH or postgresql://...";
    return std::nullopt;
}

} // namespace glue_cli::store
