// JSON string literals, for every JSON writer of the project: escaped as JSON requires, always
// valid UTF-8, never spanning two lines.
#pragma once

#include <string>
#include <string_view>

namespace glue_inventory::protocol {

/// Appends `s` as a JSON string literal (quotes included) to `out`.
/// - '"' and '\\' are escaped with a backslash; every control character (U+0000..U+001F) is
///   written as \u00XX, so a record never spans two lines;
/// - valid UTF-8 is passed through unchanged (no \u escapes for non-ASCII text), except
///   U+2028 and U+2029, written \u2028 and \u2029 (as Go's encoding/json does) because
///   Unicode-aware line splitters and JavaScript before ES2019 take them for line ends;
/// - each byte that does not start a well-formed UTF-8 sequence (stray continuation bytes,
///   truncated or overlong sequences, surrogates, code points above U+10FFFF) is replaced by
///   U+FFFD, so the output is always valid UTF-8 and valid JSON.
void write_json_string(std::string_view s, std::string& out);

} // namespace glue_inventory::protocol
