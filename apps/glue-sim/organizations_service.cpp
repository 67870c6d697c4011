// Organizations ListAccounts (JSON 1.1), callable by the management account only.
#include "protocol/json_string.hpp"
#include "sim_crypto.hpp"
#include "simulator.hpp"

#include <simdjson.h>

namespace glue_sim {

namespace {
constexpr long long max_list_accounts_results = 20; // the API's MaxResults maximum
// 2020-06-01T00:00:00Z: when the generated accounts joined.
constexpr long long joined_epoch_seconds = 1590969600;
} // namespace

void simulator::organizations_list_accounts(const sim_request& request, const caller_identity& who,
                                            sim_response& out) {
    if (who.account != org_.management_account()) {
        json_error(out, 400, "AccessDeniedException",
                   "You don't have permissions to access this resource.", "Message");
        return;
    }
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element root;
    simdjson::dom::object obj;
    if (parser.parse(request.body.data(), request.body.size()).get(root) != simdjson::SUCCESS ||
        root.get(obj) != simdjson::SUCCESS) {
        json_error(out, 400, "SerializationException", "The request body must be a JSON object",
                   "Message");
        return;
    }
    std::int64_t max_results = max_list_accounts_results;
    std::string_view next_token;
    for (auto [key, value] : obj) {
        const bool ok = key == "MaxResults"  ? value.get(max_results) == simdjson::SUCCESS
                        : key == "NextToken" ? value.get(next_token) == simdjson::SUCCESS
                                             : true;
        if (!ok) {
            json_error(out, 400, "SerializationException",
                       "Member '" + std::string(key) + "' has the wrong type", "Message");
            return;
        }
    }
    if (max_results < 1 || max_results > max_list_accounts_results) {
        json_error(out, 400, "InvalidInputException",
                   range_message(max_results, "maxResults", 1, max_list_accounts_results),
                   "Message");
        return;
    }
    const page_binding binding{who.account, "", "organizations", ""};
    std::size_t offset = 0;
    if (!next_token.empty()) {
        const auto decoded = tokens_.decode(next_token, binding);
        if (!decoded) {
            json_error(out, 400, "InvalidInputException", "The provided NextToken is not valid.",
                       "Message");
            return;
        }
        offset = *decoded;
    }
    const auto& accounts = org_.accounts();
    const std::string org_id = "o-" + hex(org_.management_account()).substr(0, 10);
    out.status = 200;
    out.content_type = "application/x-amz-json-1.1";
    out.body = "{\"Accounts\":[";
    std::size_t i = offset;
    for (; i < accounts.size() && i < offset + static_cast<std::size_t>(max_results); ++i) {
        const auto& a = accounts[i];
        out.body.append(i == offset ? "{\"Id\":\"" : ",{\"Id\":\"").append(a.id);
        out.body.append("\",\"Arn\":\"arn:aws:organizations::").append(org_.management_account());
        out.body.append(":account/").append(org_id).append("/").append(a.id).append("\",");
        out.body.append("\"Email\":");
        glue_inventory::protocol::write_json_string(a.email, out.body);
        out.body.append(",\"Name\":");
        glue_inventory::protocol::write_json_string(a.name, out.body);
        out.body.append(",\"Status\":\"").append(a.status).append("\",\"JoinedMethod\":\"");
        out.body.append(i == 0 ? "CREATED" : "INVITED").append("\",\"JoinedTimestamp\":");
        out.body.append(std::to_string(joined_epoch_seconds + static_cast<long long>(i) * 86400));
        out.body.push_back('}');
    }
    out.body.push_back(']');
    if (i < accounts.size()) {
        out.body.append(",\"NextToken\":\"").append(tokens_.encode(binding, i)).append("\"");
    }
    out.body.push_back('}');
}

} // namespace glue_sim
