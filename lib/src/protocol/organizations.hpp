// AWS Organizations ListAccounts (JSON 1.1, X-Amz-Target AWSOrganizationsV20161128.ListAccounts):
// how `scan --org` learns the accounts to scan. The shapes follow botocore's
// data/organizations/2016-11-28/service-2.json (Account, ListAccountsRequest/Response).
#pragma once

#include <glue_inventory/model.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace glue_inventory::protocol {

/// The X-Amz-Target header value of ListAccounts.
inline constexpr std::string_view list_accounts_target = "AWSOrganizationsV20161128.ListAccounts";

/// Account. A member the server did not send (or sent as null) is left empty.
struct account {
    std::string id;     // "111111111111"
    std::string arn;    // arn:aws:organizations::<management>:account/o-<org>/<id>
    std::string email;  // the account's root email address
    std::string name;   // the account's display name
    std::string status; // ACTIVE | SUSPENDED | PENDING_CLOSURE (deprecated in favour of State)
    std::string state;  // PENDING_ACTIVATION | ACTIVE | SUSPENDED | PENDING_CLOSURE | CLOSED
    std::string joined_method; // INVITED | CREATED
    std::optional<timestamp> joined;
    bool operator==(const account&) const = default;
};

/// ListAccountsResponse: one page.
struct list_accounts_page {
    std::vector<account> accounts;
    std::optional<std::string> next_token;
    bool operator==(const list_accounts_page&) const = default;
};

/// Appends the ListAccounts body: {"NextToken":..,"MaxResults":..}, only the present members.
/// MaxResults is 1..20 for this API; the value is passed as given (the server validates it).
void write_list_accounts_request(const std::optional<std::string>& next_token,
                                 std::optional<int> max_results, std::string& out);

} // namespace glue_inventory::protocol
