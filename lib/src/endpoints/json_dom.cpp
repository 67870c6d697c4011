#include "endpoints/json_dom.hpp"

#include <stdexcept>

namespace glue_inventory::endpoints::detail {

void throw_bad_data(std::string_view where, std::string_view what) {
    throw std::runtime_error("endpoint data: " + std::string(where) + ": " + std::string(what));
}

simdjson::dom::object as_object(simdjson::dom::element e, std::string_view where) {
    simdjson::dom::object obj;
    if (e.get_object().get(obj) != simdjson::SUCCESS) {
        throw_bad_data(where, "expected an object");
    }
    return obj;
}

simdjson::dom::array as_array(simdjson::dom::element e, std::string_view where) {
    simdjson::dom::array arr;
    if (e.get_array().get(arr) != simdjson::SUCCESS) {
        throw_bad_data(where, "expected an array");
    }
    return arr;
}

std::string_view as_string(simdjson::dom::element e, std::string_view where) {
    std::string_view s;
    if (e.get_string().get(s) != simdjson::SUCCESS) {
        throw_bad_data(where, "expected a string");
    }
    return s;
}

bool as_bool(simdjson::dom::element e, std::string_view where) {
    bool b = false;
    if (e.get_bool().get(b) != simdjson::SUCCESS) {
        throw_bad_data(where, "expected a boolean");
    }
    return b;
}

simdjson::dom::element member(simdjson::dom::object obj, std::string_view key,
                              std::string_view where) {
    simdjson::dom::element e;
    if (!find_member(obj, key, e)) {
        throw_bad_data(where, "missing member \"" + std::string(key) + "\"");
    }
    return e;
}

bool find_member(simdjson::dom::object obj, std::string_view key, simdjson::dom::element& out) {
    return obj.at_key(key).get(out) == simdjson::SUCCESS;
}

} // namespace glue_inventory::endpoints::detail
