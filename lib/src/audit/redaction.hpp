// Redaction for evidence: the allocation-light forms of redact_url / redact_text.
#pragma once

#include "audit/secret_scan.hpp"

#include <string>
#include <string_view>

namespace glue_inventory::audit::detail {

/// The word that replaces every secret.
inline constexpr std::string_view redacted = "REDACTED";

/// Appends `url` to `out` with its secrets replaced by REDACTED (redact_url).
void append_redacted_url(std::string_view url, std::string& out);

/// Appends `s` to `out` with the secrets `spans` found in it (scan_secrets with
/// is_redacted_name) replaced by REDACTED: for a URL that several rules read, scanned once.
void append_redacted(std::string_view s, const secret_spans& spans, std::string& out);

/// Appends `text` to `out` redacted, control characters as spaces, cut to `max_bytes` on a
/// UTF-8 boundary with "..." (redact_text).
void append_redacted_text(std::string_view text, std::size_t max_bytes, std::string& out);

} // namespace glue_inventory::audit::detail
