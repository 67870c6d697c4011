// Whole response bodies as a server sends them: a GetConnections page and an Organizations
// ListAccounts page, epoch-seconds timestamps by default as AWS sends them. Only the parser's
// tests, the fuzzers' round trips and the benchmarks use these, so they are test support
// (glue_inventory_protocol_pages), not part of the shipped library; glue-sim writes its pages
// itself, with its own page tokens.
#pragma once

#include "protocol/connection_json.hpp"
#include "protocol/organizations.hpp"

#include <optional>
#include <string>

namespace glue_inventory::protocol {

/// Appends the end of a response page after its list: `]`, then `,"NextToken":...` when there
/// is a token, then the closing `}`. Shared by the two page writers below.
void write_page_end(const std::optional<std::string>& next_token, std::string& out);

/// Appends a whole GetConnections response body: {"ConnectionList":[...],"NextToken":...}.
void write_get_connections_response(const get_connections_page& page, timestamp_style style,
                                    std::string& out);

/// Appends a ListAccounts response body with epoch-seconds timestamps.
void write_list_accounts_response(const list_accounts_page& page, std::string& out);

} // namespace glue_inventory::protocol
