#include "protocol/organizations.hpp"

#include "protocol/json_reader.hpp"
#include "protocol/json_string.hpp"
#include "protocol/json_text.hpp"

namespace glue_inventory::protocol {

using namespace json_reader;

void write_list_accounts_request(const std::optional<std::string>& next_token,
                                 std::optional<int> max_results, std::string& out) {
    out += '{';
    if (next_token) {
        write_json_key("NextToken", out);
        write_json_string(*next_token, out);
    }
    if (max_results) {
        if (next_token) {
            out += ',';
        }
        write_json_key("MaxResults", out);
        write_json_integer(*max_results, out);
    }
    out += '}';
}

namespace {

bool read_account_member(std::string_view key, sj::value& v, account& a, parse_error& err) {
    if (key == "Id") {
        return read_string(v, a.id, err);
    }
    if (key == "Arn") {
        return read_string(v, a.arn, err);
    }
    if (key == "Email") {
        return read_string(v, a.email, err);
    }
    if (key == "Name") {
        return read_string(v, a.name, err);
    }
    if (key == "Status") {
        return read_string(v, a.status, err);
    }
    if (key == "State") {
        return read_string(v, a.state, err);
    }
    if (key == "JoinedMethod") {
        return read_string(v, a.joined_method, err);
    }
    if (key == "JoinedTimestamp") {
        return read_timestamp(v, a.joined, err);
    }
    return true;
}

bool read_account(sj::value& v, account& a, parse_error& err) {
    return read_required_object(v, a, err, read_account_member);
}

bool read_list_accounts_member(std::string_view key, sj::value& v, list_accounts_page& page,
                               parse_error& err) {
    if (key == "Accounts") {
        return read_list(v, page.accounts, err, read_account);
    }
    if (key == "NextToken") {
        return read_string(v, page.next_token, err);
    }
    return true;
}

} // namespace

bool parse_list_accounts_document(sj::parser& parser, std::string_view body,
                                  list_accounts_page& page, parse_error& err) {
    page.accounts.clear();
    page.next_token.reset();
    return read_document(parser, body, page, err, read_list_accounts_member);
}

} // namespace glue_inventory::protocol
