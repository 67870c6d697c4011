// The building blocks of the On-Demand parsers (response_parser.cpp, organizations.cpp):
// readers of one value each, which report failures through a parse_error whose path is built
// while the failure unwinds (each level puts its own member name or index in front), so the
// hot path never spends anything on paths.
//
// Internal to the protocol component: it includes simdjson, which the rest of the project
// never needs to see.
#pragma once

#include "protocol/response_parser.hpp"
#include "protocol/timestamp_text.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <simdjson.h>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace glue_inventory::protocol::json_reader {

namespace sj = simdjson::ondemand;

static_assert(max_nesting_depth == simdjson::DEFAULT_MAX_DEPTH);

inline bool fail(parse_error& err, std::string_view what) {
    err.what.assign(what);
    err.where.clear();
    return false;
}

inline bool fail(parse_error& err, simdjson::error_code e) {
    switch (e) {
    case simdjson::INCORRECT_TYPE:
        return fail(err, "wrong type");
    case simdjson::UTF8_ERROR:
        return fail(err, "invalid UTF-8");
    case simdjson::EMPTY:
        return fail(err, "empty body");
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
        return fail(err, "malformed JSON: truncated, or content after the root object");
    default:
        return fail(err, std::string("malformed JSON: ") + simdjson::error_message(e));
    }
}

// Joins `segment` in front of err.where: "A" + "B" -> "A.B", "A" + "[2]" -> "A[2]".
inline void prefix_path(parse_error& err, std::string_view segment) {
    std::string joined{segment};
    if (!err.where.empty() && err.where.front() != '[') {
        joined += '.';
    }
    joined += err.where;
    err.where = std::move(joined);
}

inline void prefix_index(parse_error& err, std::size_t index) {
    // Built by appending: GCC 12 warns falsely (-Wrestrict) on "[" + std::to_string(index).
    std::string segment;
    segment += '[';
    segment += std::to_string(index);
    segment += ']';
    prefix_path(err, segment);
}

// A map key is put in the path only when it is short printable ASCII: a hostile key must not
// make an error message unreadable.
inline void prefix_map_key(parse_error& err, std::string_view key, std::size_t index) {
    constexpr std::size_t longest_key_in_path = 64;
    bool printable = !key.empty() && key.size() <= longest_key_in_path;
    for (const char c : key) {
        printable = printable && c > ' ' && c < 0x7f && c != '.' && c != '[';
    }
    if (printable) {
        prefix_path(err, key);
    } else {
        prefix_index(err, index);
    }
}

// After a get_* answered INCORRECT_TYPE: true when the value is a well-formed null (the member
// is then absent), else fails with `expected`.
inline bool accept_null(sj::value& v, std::string_view expected, parse_error& err) {
    bool null = false;
    if (v.is_null().get(null) != simdjson::SUCCESS || !null) {
        return fail(err, expected);
    }
    return true;
}

// After a get_* of a member answered `e`: true (and `present`) on success; true (not present)
// when the value is null; else fails, with `expected` when the value has another type.
inline bool read_or_null(simdjson::error_code e, sj::value& v, bool& present,
                         std::string_view expected, parse_error& err) {
    present = e == simdjson::SUCCESS;
    if (present) {
        return true;
    }
    if (e == simdjson::INCORRECT_TYPE) {
        return accept_null(v, expected, err);
    }
    return fail(err, e);
}

// After a get_* of a value that may not be null (an element of a list or a map, an object in a
// list) answered an error `e`: fails with `expected` when the value has another type.
inline bool fail_required(simdjson::error_code e, std::string_view expected, parse_error& err) {
    return e == simdjson::INCORRECT_TYPE ? fail(err, expected) : fail(err, e);
}

// The string views below live in simdjson's string buffer: valid until the next document.

// A string member; `present` is false when it is null.
inline bool read_string_view(sj::value& v, std::string_view& s, bool& present, parse_error& err) {
    return read_or_null(v.get_string().get(s), v, present, "expected a string", err);
}

inline void store_string(std::string_view s, std::optional<std::string>& out) {
    out.emplace(s);
}

inline void store_string(std::string_view s, std::string& out) {
    out.assign(s);
}

// A string member, into a std::optional<std::string> (null leaves it absent) or a plain
// std::string (null leaves it as it was).
template <class String>
bool read_string(sj::value& v, String& out, parse_error& err) {
    std::string_view s;
    bool present = false;
    if (!read_string_view(v, s, present, err)) {
        return false;
    }
    if (present) {
        store_string(s, out);
    }
    return true;
}

// A string that may not be null: an element of a list.
inline bool read_required_string(sj::value& v, std::string& out, parse_error& err) {
    std::string_view s;
    if (const auto e = v.get_string().get(s); e != simdjson::SUCCESS) {
        return fail_required(e, "expected a string", err);
    }
    out.assign(s);
    return true;
}

inline bool read_int(sj::value& v, std::optional<int>& out, parse_error& err) {
    std::int64_t number = 0;
    bool present = false;
    if (!read_or_null(v.get_int64().get(number), v, present, "expected an integer", err)) {
        return false;
    }
    if (!present) {
        return true;
    }
    if (number < std::numeric_limits<int>::min() || number > std::numeric_limits<int>::max()) {
        return fail(err, "integer out of range");
    }
    out = static_cast<int>(number);
    return true;
}

inline bool read_timestamp(sj::value& v, std::optional<timestamp>& out, parse_error& err) {
    sj::json_type type{};
    if (const auto e = v.type().get(type); e != simdjson::SUCCESS) {
        return fail(err, e);
    }
    if (type == sj::json_type::null) {
        return accept_null(v, "expected a number of seconds since the epoch", err);
    }
    if (type != sj::json_type::number) {
        return fail(err, "expected a number of seconds since the epoch");
    }
    // The raw token runs to the next structural character: drop the whitespace before it.
    std::string_view text = v.raw_json_token();
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                             text.back() == '\r')) {
        text.remove_suffix(1);
    }
    timestamp t{};
    switch (parse_epoch_seconds(text, t)) {
    case epoch_seconds_status::ok:
        out = t;
        return true;
    case epoch_seconds_status::not_a_number:
        return fail(err, "malformed number");
    case epoch_seconds_status::out_of_range:
        return fail(err, "timestamp out of range (years 0001 to 9999)");
    }
    return fail(err, "malformed number");
}

// Opens an object member. `present` is false (and the call succeeds) when the value is null.
inline bool open_object(sj::value& v, sj::object& obj, bool& present, parse_error& err) {
    return read_or_null(v.get_object().get(obj), v, present, "expected an object", err);
}

inline bool open_array(sj::value& v, sj::array& arr, bool& present, parse_error& err) {
    return read_or_null(v.get_array().get(arr), v, present, "expected an array", err);
}

// Reads the members of `obj` in document order into `out`:
// read_member(key, value, out, err) -> bool reads the member it knows and returns true without
// touching the value of one it does not (On-Demand skips it when the next member is read).
// A member's failure gets the member's name put in front of its path.
template <class T, class ReadMember>
bool read_members(sj::object& obj, T& out, parse_error& err, ReadMember&& read_member) {
    for (auto field_result : obj) {
        sj::field field;
        std::string_view key;
        if (const auto e = std::move(field_result).get(field); e != simdjson::SUCCESS) {
            return fail(err, e);
        }
        if (const auto e = field.unescaped_key().get(key); e != simdjson::SUCCESS) {
            return fail(err, e);
        }
        if (!read_member(key, field.value(), out, err)) {
            prefix_path(err, key);
            return false;
        }
    }
    return true;
}

// An object member of type T; null leaves `out` absent.
template <class T, class ReadMember>
bool read_object(sj::value& v, std::optional<T>& out, parse_error& err, ReadMember&& read_member) {
    sj::object obj;
    bool present = false;
    if (!open_object(v, obj, present, err)) {
        return false;
    }
    return !present || read_members(obj, out.emplace(), err, read_member);
}

// An object that may not be null: an element of a list.
template <class T, class ReadMember>
bool read_required_object(sj::value& v, T& out, parse_error& err, ReadMember&& read_member) {
    sj::object obj;
    if (const auto e = v.get_object().get(obj); e != simdjson::SUCCESS) {
        return fail_required(e, "expected an object", err);
    }
    return read_members(obj, out, err, read_member);
}

// Appends each element of `arr` to `out`, read by read_item(value, T&, err) -> bool into a new
// element; an element's failure gets its [index] put in front of its path.
template <class T, class ReadItem>
bool read_items(sj::array& arr, std::vector<T>& out, parse_error& err, ReadItem&& read_item) {
    std::size_t index = 0;
    for (auto element : arr) {
        sj::value item;
        if (const auto e = std::move(element).get(item); e != simdjson::SUCCESS) {
            fail(err, e);
            prefix_index(err, index);
            return false;
        }
        if (!read_item(item, out.emplace_back(), err)) {
            prefix_index(err, index);
            return false;
        }
        ++index;
    }
    return true;
}

// A list member kept as a plain vector: null leaves `out` as it was.
template <class T, class ReadItem>
bool read_list(sj::value& v, std::vector<T>& out, parse_error& err, ReadItem&& read_item) {
    sj::array arr;
    bool present = false;
    if (!open_array(v, arr, present, err)) {
        return false;
    }
    return !present || read_items(arr, out, err, read_item);
}

// A list member that is absent when null.
template <class T, class ReadItem>
bool read_list(sj::value& v, std::optional<std::vector<T>>& out, parse_error& err,
               ReadItem&& read_item) {
    sj::array arr;
    bool present = false;
    if (!open_array(v, arr, present, err)) {
        return false;
    }
    return !present || read_items(arr, out.emplace(), err, read_item);
}

// Lists of strings and property maps are read as views into simdjson's string buffer, kept in a
// scratch vector of this thread, then copied into a vector of their exact size: one allocation,
// where growing the model's vector element by element allocated up to log2(n) + 2 times (a W2
// record: ~6 of its ~10 allocations) and moved the elements at each step. A scratch that grew
// past max_retained_scratch_entries (a hostile page's huge list) is released after use rather
// than kept for the thread's life.
inline constexpr std::size_t max_retained_scratch_entries = 256;

template <class T>
std::vector<T>& scratch_vector() {
    thread_local std::vector<T> scratch;
    scratch.clear(); // what a failed read left
    return scratch;
}

template <class T>
void release_if_large(std::vector<T>& scratch) {
    if (scratch.capacity() > max_retained_scratch_entries) {
        std::vector<T>{}.swap(scratch);
    }
}

inline bool read_required_string_view(sj::value& v, std::string_view& out, parse_error& err) {
    if (const auto e = v.get_string().get(out); e != simdjson::SUCCESS) {
        return fail_required(e, "expected a string", err);
    }
    return true;
}

inline bool read_string_list(sj::value& v, std::optional<std::vector<std::string>>& out,
                             parse_error& err) {
    sj::array arr;
    bool present = false;
    if (!open_array(v, arr, present, err)) {
        return false;
    }
    if (!present) {
        return true;
    }
    auto& views = scratch_vector<std::string_view>();
    if (!read_items(arr, views, err, read_required_string_view)) {
        return false;
    }
    auto& list = out.emplace();
    list.reserve(views.size());
    for (const auto view : views) {
        list.emplace_back(view);
    }
    release_if_large(views);
    return true;
}

// The entries of a property map, in document order. A failure names the entry by its key when
// the key is printable (prefix_map_key), else by its index.
using property_views = std::vector<std::pair<std::string_view, std::string_view>>;

inline bool read_property_entries(sj::object& obj, property_views& map, parse_error& err) {
    std::size_t index = 0;
    for (auto entry : obj) {
        sj::field field;
        std::string_view key;
        std::string_view value;
        if (const auto e = std::move(entry).get(field); e != simdjson::SUCCESS) {
            return fail(err, e);
        }
        if (const auto e = field.unescaped_key().get(key); e != simdjson::SUCCESS) {
            fail(err, e);
            prefix_index(err, index);
            return false;
        }
        // The key lives in simdjson's string buffer, which the value's unescaping does not
        // overwrite: both views stay valid until the next document.
        if (const auto e = field.value().get_string().get(value); e != simdjson::SUCCESS) {
            fail_required(e, "expected a string", err);
            prefix_map_key(err, key, index);
            return false;
        }
        map.emplace_back(key, value);
        ++index;
    }
    return true;
}

inline bool read_property_map(sj::value& v, std::optional<property_map>& out, parse_error& err) {
    sj::object obj;
    bool present = false;
    if (!open_object(v, obj, present, err)) {
        return false;
    }
    if (!present) {
        return true;
    }
    auto& views = scratch_vector<property_views::value_type>();
    if (!read_property_entries(obj, views, err)) {
        return false;
    }
    auto& map = out.emplace();
    map.reserve(views.size());
    for (const auto& [key, value] : views) {
        map.emplace_back(std::piecewise_construct, std::forward_as_tuple(key),
                         std::forward_as_tuple(value));
    }
    release_if_large(views);
    return true;
}

// Reads a whole document whose root must be an object: its members through read_members, then
// the check that nothing but whitespace follows the root.
template <class T, class ReadMember>
bool read_document(sj::parser& parser, std::string_view body, T& out, parse_error& err,
                   ReadMember&& read_member) {
    if (body.empty()) {
        return fail(err, "empty body");
    }
    sj::document doc;
    if (const auto e =
            parser.iterate(body.data(), body.size(), body.size() + simdjson::SIMDJSON_PADDING)
                .get(doc);
        e != simdjson::SUCCESS) {
        return fail(err, e);
    }
    sj::object root;
    if (const auto e = doc.get_object().get(root); e != simdjson::SUCCESS) {
        return fail_required(e, "the body is not a JSON object", err);
    }
    if (!read_members(root, out, err, read_member)) {
        return false;
    }
    // simdjson 3.0.1's On-Demand document has no at_end(); current_location() answers
    // OUT_OF_BOUNDS exactly when every token was consumed.
    const char* location = nullptr;
    const auto e = doc.current_location().get(location);
    if (e == simdjson::OUT_OF_BOUNDS) {
        return true;
    }
    if (e != simdjson::SUCCESS) {
        return fail(err, e);
    }
    return fail(err, "content after the root object");
}

} // namespace glue_inventory::protocol::json_reader
