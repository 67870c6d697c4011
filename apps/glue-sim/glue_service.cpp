// Glue GetConnections: request validation, catalog access, filter, pagination, the answer.
#include "protocol/connection_json.hpp"
#include "simulator.hpp"

#include <simdjson.h>

namespace glue_sim {

namespace {

constexpr long long max_results_limit = 1000; // PageSize max in the API

struct get_connections_input {
    std::optional<std::string> catalog_id;
    std::optional<std::string> connection_type;
    std::optional<std::vector<std::string>> match_criteria;
    std::optional<std::int64_t> schema_version;
    bool hide_password = false; // the API's default
    std::optional<std::string> next_token;
    std::optional<std::int64_t> max_results;
};

// Reads the request body; on a type error fills `error` the way AWS words it.
bool read_input(std::string_view body, get_connections_input& in, std::string& error) {
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(body.data(), body.size()).get(root) != simdjson::SUCCESS) {
        error = "The request body is not valid JSON";
        return false;
    }
    simdjson::dom::object obj;
    if (root.get(obj) != simdjson::SUCCESS) {
        error = "The request body must be a JSON object";
        return false;
    }
    for (auto [key, value] : obj) {
        std::string_view s;
        bool ok = true;
        if (key == "CatalogId") {
            ok = value.get(s) == simdjson::SUCCESS;
            in.catalog_id = std::string(s);
        } else if (key == "HidePassword") {
            ok = value.get(in.hide_password) == simdjson::SUCCESS;
        } else if (key == "NextToken") {
            ok = value.get(s) == simdjson::SUCCESS;
            in.next_token = std::string(s);
        } else if (key == "MaxResults") {
            std::int64_t n = 0;
            ok = value.get(n) == simdjson::SUCCESS;
            in.max_results = n;
        } else if (key == "Filter") {
            simdjson::dom::object filter;
            ok = value.get(filter) == simdjson::SUCCESS;
            for (auto [fkey, fvalue] : ok ? filter : simdjson::dom::object{}) {
                if (fkey == "ConnectionType") {
                    ok = ok && fvalue.get(s) == simdjson::SUCCESS;
                    in.connection_type = std::string(s);
                } else if (fkey == "ConnectionSchemaVersion") {
                    std::int64_t v = 0;
                    ok = ok && fvalue.get(v) == simdjson::SUCCESS;
                    in.schema_version = v;
                } else if (fkey == "MatchCriteria") {
                    simdjson::dom::array list;
                    ok = ok && fvalue.get(list) == simdjson::SUCCESS;
                    in.match_criteria.emplace();
                    for (auto item : ok ? list : simdjson::dom::array{}) {
                        ok = ok && item.get(s) == simdjson::SUCCESS;
                        in.match_criteria->emplace_back(s);
                    }
                }
            }
        }
        if (!ok) {
            error = "Member '" + std::string(key) + "' has the wrong type";
            return false;
        }
    }
    return true;
}

bool matches(const glue_inventory::connection& c, const get_connections_input& in) {
    if (in.connection_type && c.connection_type != in.connection_type) {
        return false;
    }
    // A connection without a schema version is a version 1 connection.
    if (in.schema_version && c.connection_schema_version.value_or(1) != *in.schema_version) {
        return false;
    }
    if (in.match_criteria) {
        for (const auto& wanted : *in.match_criteria) {
            bool found = false;
            for (const auto& have : c.match_criteria.value_or(std::vector<std::string>{})) {
                found = found || have == wanted;
            }
            if (!found) {
                return false;
            }
        }
    }
    return true;
}

// The filter as a canonical text, to bind page tokens to it.
std::string filter_text(const get_connections_input& in) {
    std::string f = in.connection_type.value_or("-");
    f.append("|").append(in.schema_version ? std::to_string(*in.schema_version) : "-");
    f.append("|");
    if (in.match_criteria) {
        for (const auto& m : *in.match_criteria) {
            f.append(std::to_string(m.size())).append(":").append(m);
        }
    } else {
        f.append("-");
    }
    return f;
}

bool has_password(const glue_inventory::connection& c) {
    return c.connection_properties &&
           glue_inventory::find_property(*c.connection_properties, "PASSWORD") != nullptr;
}

} // namespace

void simulator::glue_get_connections(const sim_request& request, const caller_identity& who,
                                     std::string_view region, sim_response& out) {
    get_connections_input in;
    std::string error;
    if (!read_input(request.body, in, error)) {
        json_error(out, 400, "SerializationException", error);
        return;
    }
    if (in.max_results && (*in.max_results < 1 || *in.max_results > max_results_limit)) {
        json_error(out, 400, "InvalidInputException",
                   range_message(*in.max_results, "maxResults", 1, max_results_limit));
        return;
    }
    if (in.schema_version && (*in.schema_version < 1 || *in.schema_version > 2)) {
        json_error(out, 400, "InvalidInputException",
                   range_message(*in.schema_version, "filter.connectionSchemaVersion", 1, 2));
        return;
    }
    const std::string catalog = in.catalog_id.value_or(who.account);
    switch (org_.resolve_catalog(who.account, catalog)) {
    case catalog_access::ok:
        break;
    case catalog_access::access_denied:
        json_error(out, 400, "AccessDeniedException",
                   "User: " + who.arn + " is not authorized to access catalog " + catalog);
        return;
    case catalog_access::not_found:
        json_error(out, 400, "EntityNotFoundException", "Catalog not found: " + catalog);
        return;
    }

    const std::string filter = filter_text(in);
    const page_binding binding{who.account, region, catalog, filter};
    std::size_t offset = 0;
    if (in.next_token) {
        const auto decoded = tokens_.decode(*in.next_token, binding);
        if (!decoded) {
            json_error(out, 400, "InvalidInputException",
                       "Invalid NextToken: it was altered or issued for another account, region, "
                       "catalog or filter");
            return;
        }
        offset = *decoded;
    }

    std::size_t page_size =
        in.max_results ? static_cast<std::size_t>(*in.max_results) : options_.default_page_size;
    if (options_.max_page > 0) {
        page_size = std::min(page_size, options_.max_page);
    }
    const std::size_t count = org_.connection_count(catalog, region);
    thread_local glue_inventory::connection scratch;
    thread_local glue_inventory::connection without_password;

    out.status = 200;
    out.content_type = "application/x-amz-json-1.1";
    out.body.reserve(512 * page_size + 128);
    out.body = "{\"ConnectionList\":[";
    std::size_t written = 0;
    std::size_t scanned = 0;
    std::size_t i = offset;
    for (; i < count && written < page_size && scanned < options_.max_scanned_per_page;
         ++i, ++scanned) {
        const glue_inventory::connection* c = &org_.connection_at(catalog, region, i, scratch);
        if (!matches(*c, in)) {
            continue;
        }
        if (in.hide_password && has_password(*c)) {
            without_password = *c;
            std::erase_if(*without_password.connection_properties,
                          [](const auto& kv) { return kv.first == "PASSWORD"; });
            c = &without_password;
        }
        out.body.append(written == 0 ? "{" : ",{");
        glue_inventory::protocol::write_connection_members(
            *c, glue_inventory::protocol::timestamp_style::epoch_seconds, out.body);
        out.body.push_back('}');
        ++written;
    }
    out.body.push_back(']');
    if (i < count) {
        out.body.append(",\"NextToken\":");
        glue_inventory::protocol::write_json_string(tokens_.encode(binding, i), out.body);
    }
    out.body.push_back('}');
}

} // namespace glue_sim
