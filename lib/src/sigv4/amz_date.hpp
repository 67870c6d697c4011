// SigV4's time formats: X-Amz-Date ("20150830T123600Z") and the scope's date ("20150830").
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace glue_inventory::sigv4 {

/// `t` as X-Amz-Date, ISO 8601 basic format in UTC: "20150830T123600Z".
std::string amz_date(std::chrono::sys_seconds t);

/// The date of `t` as the credential scope writes it: "20150830".
std::string date_stamp(std::chrono::sys_seconds t);

/// Parses an X-Amz-Date value; nullopt unless it is exactly "YYYYMMDDTHHMMSSZ" and a real time.
std::optional<std::chrono::sys_seconds> parse_amz_date(std::string_view text);

} // namespace glue_inventory::sigv4
