// Small text helpers of the request path: header look-up, form decoding, X-Amz-Date, XML.
#pragma once

#include "sigv4/signer.hpp"

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace glue_sim {

/// The first header named `lower_name` (compared case-insensitively), or "".
std::string_view find_header(std::span<const glue_inventory::sigv4::header_ref> headers,
                             std::string_view lower_name);

/// application/x-www-form-urlencoded decoding of one value ('+' is a space).
std::string url_decode(std::string_view s);

/// The decoded value of `name` in a form body, or "" when absent.
std::string form_value(std::string_view body, std::string_view name);
bool form_has(std::string_view body, std::string_view name);

/// "20150830T123600Z" -> time; nullopt when malformed.
std::optional<std::chrono::sys_seconds> parse_amz_date(std::string_view text);

/// `t` as an HTTP Date header (IMF-fixdate): "Tue, 01 Dec 2026 03:40:09 GMT".
std::string http_date_text(std::chrono::sys_seconds t);

/// ISO 8601 with seconds, as STS writes Expiration: "2019-11-09T13:34:41Z".
std::string iso8601_seconds(std::chrono::sys_seconds t);

std::string xml_escape(std::string_view s);

} // namespace glue_sim
