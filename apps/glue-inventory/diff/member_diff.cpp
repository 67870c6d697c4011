#include "diff/member_diff.hpp"

#include "diff/secret_redaction.hpp"

#include <bit>
#include <glue_inventory/record_values.hpp> // write_json_string

namespace glue_cli::diff {

namespace dom = simdjson::dom;

std::string_view to_string(member_change_kind kind) {
    switch (kind) {
    case member_change_kind::added:
        return "added";
    case member_change_kind::removed:
        return "removed";
    case member_change_kind::changed:
        return "changed";
    }
    return "changed";
}

namespace {

bool needs_brackets(std::string_view name) {
    if (name.empty()) {
        return true;
    }
    for (char c : name) {
        if (c == '.' || c == '[' || c == ']' || c == '"' || c == ' ' || c == '\t' || c == '\n' ||
            c == '\r') {
            return true;
        }
    }
    return false;
}

/// Looks `key` up in `obj`; false when absent. Linear, like the objects (tens of members).
bool find_member(dom::object obj, std::string_view key, dom::element& out) {
    for (auto field : obj) {
        if (field.key == key) {
            out = field.value;
            return true;
        }
    }
    return false;
}

bool is_number(dom::element_type t) {
    return t == dom::element_type::INT64 || t == dom::element_type::UINT64 ||
           t == dom::element_type::DOUBLE;
}

/// Integers compare equal whichever of int64/uint64 simdjson chose for them.
bool same_number(dom::element a, dom::element b) {
    const auto ta = a.type();
    const auto tb = b.type();
    if (ta == dom::element_type::DOUBLE || tb == dom::element_type::DOUBLE) {
        return ta == tb && double(a) == double(b);
    }
    if (ta == tb) {
        return ta == dom::element_type::INT64 ? int64_t(a) == int64_t(b)
                                              : uint64_t(a) == uint64_t(b);
    }
    // One INT64, one UINT64: simdjson gives UINT64 only above INT64_MAX, so they differ.
    return false;
}

std::uint64_t mix(std::uint64_t x) {
    // splitmix64's finaliser: every input bit affects every output bit.
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

std::uint64_t bytes_hash(std::string_view s, std::uint64_t seed) {
    // FNV-1a, then mixed: short keys and values, no need for more.
    std::uint64_t h = 0xcbf29ce484222325ULL ^ seed;
    for (char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return mix(h ^ s.size());
}

void diff_objects(dom::object old_obj, dom::object new_obj, std::string& path,
                  std::vector<member_change>& out);

void add_change(dom::element* old_value, dom::element* new_value, const std::string& path,
                bool secret, std::vector<member_change>& out) {
    member_change c;
    c.path = path;
    c.kind = old_value == nullptr   ? member_change_kind::added
             : new_value == nullptr ? member_change_kind::removed
                                    : member_change_kind::changed;
    c.secret = secret;
    if (!secret) {
        if (old_value != nullptr) {
            append_shown_json(*old_value, c.old_value);
        }
        if (new_value != nullptr) {
            append_shown_json(*new_value, c.new_value);
        }
        if (c.kind == member_change_kind::changed && c.old_value == c.new_value) {
            // Only a redacted part changed (the password inside a URL): say so, show nothing.
            c.secret = true;
            c.old_value.clear();
            c.new_value.clear();
        }
    }
    out.push_back(std::move(c));
}

void diff_member(std::string_view name, dom::element* old_value, dom::element* new_value,
                 std::string& path, std::vector<member_change>& out) {
    const auto length = path.size();
    append_path(path, name);
    const bool secret = is_secret_name(name);
    if (old_value != nullptr && new_value != nullptr) {
        if (!secret && old_value->is_object() && new_value->is_object()) {
            diff_objects(old_value->get_object().value_unsafe(),
                         new_value->get_object().value_unsafe(), path, out);
        } else if (!same_value(*old_value, *new_value)) {
            add_change(old_value, new_value, path, secret, out);
        }
    } else {
        add_change(old_value, new_value, path, secret, out);
    }
    path.resize(length);
}

void diff_objects(dom::object old_obj, dom::object new_obj, std::string& path,
                  std::vector<member_change>& out) {
    for (auto field : new_obj) {
        dom::element old_value;
        dom::element new_value = field.value;
        if (find_member(old_obj, field.key, old_value)) {
            diff_member(field.key, &old_value, &new_value, path, out);
        } else {
            diff_member(field.key, nullptr, &new_value, path, out);
        }
    }
    for (auto field : old_obj) {
        dom::element ignored;
        if (!find_member(new_obj, field.key, ignored)) {
            dom::element old_value = field.value;
            diff_member(field.key, &old_value, nullptr, path, out);
        }
    }
}

} // namespace

void append_path(std::string& path, std::string_view name) {
    if (needs_brackets(name)) {
        path += '[';
        glue_inventory::write_json_string(name, path);
        path += ']';
        return;
    }
    if (!path.empty()) {
        path += '.';
    }
    path += name;
}

void diff_members(dom::object old_record, dom::object new_record, std::vector<member_change>& out) {
    std::string path;
    diff_objects(old_record, new_record, path, out);
}

bool same_value(dom::element a, dom::element b) {
    const auto ta = a.type();
    const auto tb = b.type();
    if (is_number(ta) && is_number(tb)) {
        return same_number(a, b);
    }
    if (ta != tb) {
        return false;
    }
    switch (ta) {
    case dom::element_type::STRING:
        return std::string_view(a) == std::string_view(b);
    case dom::element_type::BOOL:
        return bool(a) == bool(b);
    case dom::element_type::NULL_VALUE:
        return true;
    case dom::element_type::ARRAY: {
        const dom::array xa = a;
        const dom::array xb = b;
        if (xa.size() != xb.size()) {
            return false;
        }
        auto ib = xb.begin();
        for (auto item : xa) {
            if (!same_value(item, *ib)) {
                return false;
            }
            ++ib;
        }
        return true;
    }
    case dom::element_type::OBJECT: {
        const dom::object oa = a;
        const dom::object ob = b;
        if (oa.size() != ob.size()) {
            return false;
        }
        for (auto field : oa) {
            dom::element other;
            if (!find_member(ob, field.key, other) || !same_value(field.value, other)) {
                return false;
            }
        }
        return true;
    }
    default:
        return false;
    }
}

std::uint64_t value_hash(dom::element v) {
    switch (v.type()) {
    case dom::element_type::STRING:
        return bytes_hash(std::string_view(v), 1);
    case dom::element_type::INT64:
        return mix(static_cast<std::uint64_t>(int64_t(v)) ^ 0x2000);
    case dom::element_type::UINT64:
        return mix(uint64_t(v) ^ 0x3000);
    case dom::element_type::DOUBLE:
        return mix(std::bit_cast<std::uint64_t>(double(v)) ^ 0x4000);
    case dom::element_type::BOOL:
        return bool(v) ? mix(0x5001) : mix(0x5000);
    case dom::element_type::NULL_VALUE:
        return mix(0x6000);
    case dom::element_type::ARRAY: {
        std::uint64_t h = mix(0x7000);
        for (auto item : dom::array(v)) {
            h = mix(h * 31 + value_hash(item)); // ordered
        }
        return h;
    }
    case dom::element_type::OBJECT: {
        std::uint64_t h = 0;
        std::uint64_t n = 0;
        for (auto field : dom::object(v)) {
            // A sum: the same members in any order hash the same.
            h += mix(bytes_hash(field.key, 2) ^ (value_hash(field.value) * 0x9e3779b97f4a7c15ULL));
            ++n;
        }
        return mix(h ^ mix(n ^ 0x8000));
    }
    }
    return 0;
}

void append_shown_json(dom::element v, std::string& out) {
    switch (v.type()) {
    case dom::element_type::STRING: {
        const std::string shown = redact_text(std::string_view(v));
        glue_inventory::write_json_string(shown, out);
        return;
    }
    case dom::element_type::ARRAY: {
        out += '[';
        bool first = true;
        for (auto item : dom::array(v)) {
            if (!first) {
                out += ',';
            }
            first = false;
            append_shown_json(item, out);
        }
        out += ']';
        return;
    }
    case dom::element_type::OBJECT: {
        out += '{';
        bool first = true;
        for (auto field : dom::object(v)) {
            if (!first) {
                out += ',';
            }
            first = false;
            glue_inventory::write_json_string(field.key, out);
            out += ':';
            if (is_secret_name(field.key)) {
                glue_inventory::write_json_string(redacted, out);
            } else {
                append_shown_json(field.value, out);
            }
        }
        out += '}';
        return;
    }
    default:
        out += simdjson::minify(v);
        return;
    }
}

} // namespace glue_cli::diff
