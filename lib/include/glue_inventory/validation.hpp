// Checks of values a user gives (account IDs, role session names, endpoint URLs), with the
// library's own rules, so that a tool refuses before a scan what the client would refuse
// during it; and how to quote such a value in a message.
#pragma once

#include <cstddef>
#include <glue_inventory/export.hpp>
#include <string>
#include <string_view>

namespace glue_inventory {

/// True for an AWS account ID: exactly 12 decimal digits.
GLUE_INVENTORY_API bool is_account_id(std::string_view text) noexcept;

/// True for a RoleSessionName STS accepts: 2 to 64 of [A-Za-z0-9_+=,.@-].
GLUE_INVENTORY_API bool is_role_session_name(std::string_view text) noexcept;

/// True for a URL the client accepts as an endpoint override: http(s)://host[:port][/path],
/// without user information, query or fragment.
GLUE_INVENTORY_API bool is_endpoint_url(std::string_view url);

/// The most bytes of a value a message quotes by default.
inline constexpr std::size_t message_excerpt_limit = 200;

/// At most `limit` bytes of `text` fit for a one-line message: URL user information removed
/// first (so no password shows), control and non-UTF-8 bytes escaped, cut on a character
/// boundary and followed by "..." when cut.
GLUE_INVENTORY_API std::string message_excerpt(std::string_view text,
                                               std::size_t limit = message_excerpt_limit);

} // namespace glue_inventory
