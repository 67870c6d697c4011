// ISO 8601 timestamps as AWS writes them for credential expiry (STS Expiration, the
// AWS_CREDENTIAL_EXPIRATION variable, credential_process output).
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace glue_inventory::creds {

/// Parses "2019-11-09T13:34:41Z", with optional fractional seconds ("...41.123Z", truncated to
/// the second) and an offset instead of Z ("+01:00", "-0500"). A lower-case 't' or 'z' is
/// accepted. std::nullopt for anything else, including out-of-range fields.
std::optional<std::chrono::sys_seconds> parse_iso8601(std::string_view text);

} // namespace glue_inventory::creds
