#include "protocol/response_pages.hpp"

#include "protocol/json_string.hpp"
#include "protocol/timestamp_text.hpp"

#include <cstddef>

namespace glue_inventory::protocol {

void write_page_end(const std::optional<std::string>& next_token, std::string& out) {
    out += ']';
    if (next_token) {
        out += ",\"NextToken\":";
        write_json_string(*next_token, out);
    }
    out += '}';
}

void write_get_connections_response(const get_connections_page& page, timestamp_style style,
                                    std::string& out) {
    out += "{\"ConnectionList\":[";
    for (std::size_t i = 0; i < page.connections.size(); ++i) {
        if (i != 0) {
            out += ',';
        }
        out += '{';
        write_connection_members(page.connections[i], style, out);
        out += '}';
    }
    write_page_end(page.next_token, out);
}

void write_list_accounts_response(const list_accounts_page& page, std::string& out) {
    out += "{\"Accounts\":[";
    for (std::size_t i = 0; i < page.accounts.size(); ++i) {
        const account& a = page.accounts[i];
        if (i != 0) {
            out += ',';
        }
        out += "{\"Id\":";
        write_json_string(a.id, out);
        out += ",\"Arn\":";
        write_json_string(a.arn, out);
        out += ",\"Email\":";
        write_json_string(a.email, out);
        out += ",\"Name\":";
        write_json_string(a.name, out);
        out += ",\"Status\":";
        write_json_string(a.status, out);
        out += ",\"State\":";
        write_json_string(a.state, out);
        out += ",\"JoinedMethod\":";
        write_json_string(a.joined_method, out);
        if (a.joined) {
            out += ",\"JoinedTimestamp\":";
            write_epoch_seconds(*a.joined, out);
        }
        out += '}';
    }
    write_page_end(page.next_token, out);
}

} // namespace glue_inventory::protocol
