// Clock skew: an answer that says the request's time is off, and the offset to sign with from
// then on, taken from the server's Date header. Pure: the caller passes the local time.
//
// The SDKs do this: the JavaScript SDK v3 (middleware-signing's getUpdatedSystemClockOffset and
// service-error-classification's CLOCK_SKEW_ERROR_CODES), the Java SDK (ClockSkewAdjuster), the
// Go SDK v2 (the attempt's clock skew taken from the Date header). AWS refuses a signature more
// than 5 minutes from its clock; a machine whose clock is further off signs with its local time
// plus the offset once a refusal has told it by how much.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace glue_inventory::client_detail {

/// Whether an error answer says the request's time (X-Amz-Date) is too far from the server's:
/// RequestTimeTooSkewed, RequestExpired, RequestInTheFuture always; InvalidSignatureException,
/// SignatureDoesNotMatch and AuthFailure when the message says the signature expired or is not
/// yet current (the same codes also mean a wrong key, which no offset fixes).
bool is_clock_skew_error(std::string_view aws_error_code, std::string_view message) noexcept;

/// An HTTP-date (RFC 9110 IMF-fixdate, "Tue, 01 Dec 2026 03:40:09 GMT"), or nullopt when
/// `text` is not one. The obsolete RFC 850 and asctime forms are not accepted (AWS sends
/// IMF-fixdate).
std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view text) noexcept;

/// The smallest change of offset worth a retry: the Date header has a resolution of one second
/// and is written a little after the request was read.
inline constexpr std::chrono::seconds min_clock_correction{2};

/// After a clock-skew error: the offset (server time minus local time) to sign with, when the
/// server's `date_header` differs from `local_now` + `current_offset` by at least
/// min_clock_correction; nullopt when the header is missing or unreadable, or when the offset
/// already in use matches it (then another attempt would be refused the same way).
std::optional<std::chrono::seconds>
corrected_clock_offset(std::string_view date_header,
                       std::chrono::system_clock::time_point local_now,
                       std::chrono::seconds current_offset) noexcept;

} // namespace glue_inventory::client_detail
