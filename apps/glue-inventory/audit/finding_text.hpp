// Small pieces of text that several finding formats share: JSON strings that are safe inside
// HTML and JavaScript too, timestamps, the finding's uid, the names of states.
#pragma once

#include "audit/finding_writer.hpp"

#include <string>
#include <string_view>

namespace glue_cli::audit {

/// The product name every format reports as its tool.
inline constexpr std::string_view tool_name = "glue-inventory";

/// Appends `s` as a JSON string literal: protocol::write_json_string (control characters as
/// \u00XX, invalid UTF-8 replaced by U+FFFD), plus U+2028 and U+2029 as \u2028 and \u2029, which
/// are valid in JSON but end a line in JavaScript and in some line-oriented readers.
void append_json_string(std::string_view s, std::string& out);

/// Appends `"key":` (our own ASCII member names: no escaping needed).
inline void append_json_key(std::string_view key, std::string& out) {
    out += '"';
    out += key;
    out += "\":";
}

/// Appends the evidence as a JSON object of name -> string, in its order.
void append_evidence_object(const ga::finding& f, std::string& out);

/// Appends "2024-05-01T12:34:56.789Z" (ISO 8601 / RFC 3339, UTC, milliseconds).
void append_iso8601(glue_inventory::timestamp t, std::string& out);

/// Milliseconds since the epoch.
long long epoch_millis(glue_inventory::timestamp t);

/// The finding's rule ID, or "" when the finding has no rule (never from our rules).
std::string_view rule_id_of(const ga::finding& f);

/// glue-inventory/<rule id>/<fingerprint>: the identity of a finding in every format
/// (audit-rules.md section 4).
std::string finding_uid(const ga::finding& f);

/// "new", "unchanged", "absent" (SARIF's baselineState names); "" for none.
std::string_view to_string(ga::baseline_state b);

/// `text` with every byte outside RFC 3986's unreserved set written as %XX (upper-case hex),
/// UTF-8 bytes one by one: a connection name as one path segment.
std::string percent_encode(std::string_view text);

/// The evidence as `name=value;name=value`, with '\\', ';' and '=' inside names and values
/// escaped by a backslash so that the list can be split back.
std::string evidence_list(const ga::finding& f);

} // namespace glue_cli::audit
