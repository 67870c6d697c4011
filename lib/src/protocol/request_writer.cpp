#include "protocol/request_writer.hpp"

#include "protocol/json_string.hpp"
#include "protocol/json_text.hpp"

namespace glue_inventory::protocol {
namespace {

// Puts the commas between an object's members.
void next_member(bool& first, std::string& out) {
    if (!first) {
        out += ',';
    }
    first = false;
}

void write_filter(const get_connections_filter& filter, std::string& out) {
    out += '{';
    bool first = true;
    if (filter.match_criteria) {
        next_member(first, out);
        write_json_key("MatchCriteria", out);
        out += '[';
        for (std::size_t i = 0; i < filter.match_criteria->size(); ++i) {
            if (i != 0) {
                out += ',';
            }
            write_json_string((*filter.match_criteria)[i], out);
        }
        out += ']';
    }
    if (filter.connection_type) {
        next_member(first, out);
        write_json_key("ConnectionType", out);
        write_json_string(*filter.connection_type, out);
    }
    if (filter.connection_schema_version) {
        next_member(first, out);
        write_json_key("ConnectionSchemaVersion", out);
        write_json_integer(*filter.connection_schema_version, out);
    }
    out += '}';
}

} // namespace

void write_get_connections_request(const get_connections_request& req, std::string& out) {
    // Sized once for the usual request (a catalog, a page's token, a page size: the names and
    // punctuation take under 96 bytes) instead of growing three times; a filter or escaped
    // bytes may still grow it.
    out.reserve(out.size() + 96 + (req.catalog_id ? req.catalog_id->size() : 0) +
                (req.next_token ? req.next_token->size() : 0));
    out += '{';
    bool first = true;
    if (req.catalog_id) {
        next_member(first, out);
        write_json_key("CatalogId", out);
        write_json_string(*req.catalog_id, out);
    }
    if (req.filter) {
        next_member(first, out);
        write_json_key("Filter", out);
        write_filter(*req.filter, out);
    }
    if (req.hide_password) {
        next_member(first, out);
        write_json_key("HidePassword", out);
        out += *req.hide_password ? "true" : "false";
    }
    if (req.next_token) {
        next_member(first, out);
        write_json_key("NextToken", out);
        write_json_string(*req.next_token, out);
    }
    if (req.max_results) {
        next_member(first, out);
        write_json_key("MaxResults", out);
        write_json_integer(*req.max_results, out);
    }
    out += '}';
}

} // namespace glue_inventory::protocol
