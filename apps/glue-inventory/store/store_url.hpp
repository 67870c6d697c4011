// `--store URL`: which database keeps the snapshots. Pure: parsing and the text that names a
// store in messages (never its password).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace glue_cli::store {

enum class backend { sqlite, postgresql };

struct store_url {
    backend kind = backend::sqlite;
    /// sqlite: the database file's path. postgresql: the URL as given, for libpq (which reads
    /// postgresql:// and postgres:// URLs, passwords and query parameters included).
    std::string target;
    /// How messages name the store: the URL with its password replaced by "REDACTED".
    std::string display;
};

/// `sqlite:PATH` or `postgresql://...` / `postgres://...`; nullopt (and `error`) otherwise.
std::optional<store_url> parse_store_url(std::string_view text, std::string& error);

/// `text` with the password of a URL's user information (user:PASSWORD@host) and the value of
/// a `password=` query parameter replaced by "REDACTED". Anything else is kept as it is.
std::string redact_store_url(std::string_view text);

} // namespace glue_cli::store
