// Internal helpers of the suppressions and baseline readers (the public API is
// glue_inventory/audit_suppressions.hpp).
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace glue_inventory::audit::detail {

/// "2027-03-31" as a day; nullopt for any other form or an impossible date.
std::optional<std::chrono::sys_days> parse_date(std::string_view text);

/// "2024-05-01T12:34:56.789Z" (what the findings' LastUpdatedTime holds; the fraction optional,
/// one to three digits) as a timestamp; nullopt for any other form. The audit component keeps
/// its own reader so that it needs no other component than model and endpoints.
std::optional<std::chrono::sys_time<std::chrono::milliseconds>>
parse_timestamp(std::string_view text);

/// The 1-based line of `text` that byte `offset` is on.
std::size_t line_at(std::string_view text, std::size_t offset);

} // namespace glue_inventory::audit::detail
