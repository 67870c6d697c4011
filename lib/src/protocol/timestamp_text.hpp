// Timestamps as the JSON 1.1 protocol sends them (a JSON number of seconds since the epoch, in
// any notation) and as the CLI writes them (ISO 8601 UTC with milliseconds).
#pragma once

#include <cstddef>
#include <cstdint>
#include <glue_inventory/model.hpp>
#include <string>
#include <string_view>

namespace glue_inventory::protocol {

/// The earliest timestamp accepted or written: 0001-01-01T00:00:00.000Z. Together with the
/// latest, this is the range ISO 8601 writes with a four-digit year; anything outside it is
/// rejected as out of range rather than wrapped or clamped.
inline constexpr std::int64_t min_timestamp_millis = -62'135'596'800'000;
/// The latest timestamp accepted or written: 9999-12-31T23:59:59.999Z.
inline constexpr std::int64_t max_timestamp_millis = 253'402'300'799'999;

enum class epoch_seconds_status {
    ok,
    not_a_number, // the text is not a JSON number (RFC 8259 section 6)
    out_of_range, // outside [min_timestamp_millis, max_timestamp_millis]
};

/// Converts the text of a JSON number of seconds since the epoch ("1700000000",
/// "1700000000.123", "1.700000000123E9", "-1.5") to milliseconds exactly: the decimal digits are
/// used as written (no floating point), rounded half away from zero at the millisecond.
epoch_seconds_status parse_epoch_seconds(std::string_view text, timestamp& out);

/// Appends the exact seconds: "1714566896.789", "1714566896.78", "1714566896", "-1.5".
void write_epoch_seconds(timestamp t, std::string& out);

/// Appends "2024-05-01T12:34:56.789Z". A timestamp outside the ISO range above (only possible
/// when built by hand, never parsed) is written with as many year digits as it needs.
void write_iso8601(timestamp t, std::string& out);

/// The length of "2024-05-01T12:34:56.789Z".
inline constexpr std::size_t iso8601_length = 24;

/// Writes write_iso8601's text to text[0, iso8601_length) and returns true when the year is
/// 0000..9999 (every parsed timestamp); else returns false.
bool format_iso8601(timestamp t, char* text);

/// The inverse of write_iso8601 for the years 0001..9999: "YYYY-MM-DDTHH:MM:SS[.f...]Z" (one to
/// nine fraction digits, cut to the millisecond). False for any other text or an impossible
/// date or time.
bool parse_iso8601(std::string_view text, timestamp& out);

} // namespace glue_inventory::protocol
