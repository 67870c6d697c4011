// Small checked accessors over simdjson's DOM, for reading the embedded rule data at
// construction. A shape error names what was expected and where, then throws: the data is
// compiled in, so a bad shape is a build defect, not an input error.
#pragma once

#include <simdjson.h>
#include <string>
#include <string_view>

namespace glue_inventory::endpoints::detail {

[[noreturn]] void throw_bad_data(std::string_view where, std::string_view what);

simdjson::dom::object as_object(simdjson::dom::element e, std::string_view where);
simdjson::dom::array as_array(simdjson::dom::element e, std::string_view where);
std::string_view as_string(simdjson::dom::element e, std::string_view where);
bool as_bool(simdjson::dom::element e, std::string_view where);

/// The member `key` of `obj`; throws when it is absent.
simdjson::dom::element member(simdjson::dom::object obj, std::string_view key,
                              std::string_view where);

/// Whether `obj` has the member `key`, and if so sets `out` to it.
bool find_member(simdjson::dom::object obj, std::string_view key, simdjson::dom::element& out);

} // namespace glue_inventory::endpoints::detail
