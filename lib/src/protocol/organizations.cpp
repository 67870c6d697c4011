#include "protocol/organizations.hpp"

#include "protocol/connection_writer.hpp"
#include "protocol/json_reader.hpp"
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
    out += ']';
    if (page.next_token) {
        out += ",\"NextToken\":";
        write_json_string(*page.next_token, out);
    }
    out += '}';
}

namespace {

bool read_account(sj::value& v, account& a, parse_error& err) {
    sj::object obj;
    if (auto e = v.get_object().get(obj); e != simdjson::SUCCESS) {
        return e == simdjson::INCORRECT_TYPE ? fail(err, "expected an object") : fail(err, e);
    }
    for (auto field_result : obj) {
        sj::field field;
        std::string_view key;
        if (auto e = std::move(field_result).get(field); e != simdjson::SUCCESS) {
            return fail(err, e);
        }
        if (auto e = field.unescaped_key().get(key); e != simdjson::SUCCESS) {
            return fail(err, e);
        }
        bool ok = true;
        if (key == "Id") {
            ok = read_string(field.value(), a.id, err);
        } else if (key == "Arn") {
            ok = read_string(field.value(), a.arn, err);
        } else if (key == "Email") {
            ok = read_string(field.value(), a.email, err);
        } else if (key == "Name") {
            ok = read_string(field.value(), a.name, err);
        } else if (key == "Status") {
            ok = read_string(field.value(), a.status, err);
        } else if (key == "State") {
            ok = read_string(field.value(), a.state, err);
        } else if (key == "JoinedMethod") {
            ok = read_string(field.value(), a.joined_method, err);
        } else if (key == "JoinedTimestamp") {
            ok = read_timestamp(field.value(), a.joined, err);
        }
        if (!ok) {
            prefix_path(err, key);
            return false;
        }
    }
    return true;
}

bool read_account_list(sj::value& v, std::vector<account>& out, parse_error& err) {
    sj::array arr;
    bool present = false;
    if (!open_array(v, arr, present, err)) {
        return false;
    }
    if (!present) {
        return true;
    }
    std::size_t index = 0;
    for (auto element : arr) {
        sj::value item;
        if (auto e = std::move(element).get(item); e != simdjson::SUCCESS) {
            fail(err, e);
            prefix_index(err, index);
            return false;
        }
        if (!read_account(item, out.emplace_back(), err)) {
            prefix_index(err, index);
            return false;
        }
        ++index;
    }
    return true;
}

} // namespace

bool parse_list_accounts_document(sj::parser& parser, std::string_view body,
                                  list_accounts_page& page, parse_error& err) {
    page.accounts.clear();
    page.next_token.reset();
    sj::document doc;
    sj::object root;
    if (!begin_document(parser, body, doc, root, err)) {
        return false;
    }
    for (auto field_result : root) {
        sj::field field;
        std::string_view key;
        if (auto e = std::move(field_result).get(field); e != simdjson::SUCCESS) {
            return fail(err, e);
        }
        if (auto e = field.unescaped_key().get(key); e != simdjson::SUCCESS) {
            return fail(err, e);
        }
        bool ok = true;
        if (key == "Accounts") {
            ok = read_account_list(field.value(), page.accounts, err);
        } else if (key == "NextToken") {
            ok = read_string(field.value(), page.next_token, err);
        }
        if (!ok) {
            prefix_path(err, key);
            return false;
        }
    }
    return end_document(doc, err);
}

} // namespace glue_inventory::protocol
