#include "audit/finding_text.hpp"

#include <glue_inventory/record_values.hpp> // write_json_string, write_iso8601

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace glue_cli::audit {

namespace {

/// Whether `s` holds a byte 0xE2, the first of U+2028 / U+2029: most strings (ASCII) do not,
/// and then the output needs no second look. Sixteen bytes at a time where SSE2 is.
bool may_hold_line_separator(std::string_view s) {
    std::size_t i = 0;
#if defined(__SSE2__)
    const __m128i e2 = _mm_set1_epi8(static_cast<char>(0xE2));
    for (; s.size() - i >= 16; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(v, e2)) != 0) {
            return true;
        }
    }
#endif
    for (; i < s.size(); ++i) {
        if (s[i] == '\xE2') {
            return true;
        }
    }
    return false;
}

} // namespace

void append_json_string(std::string_view s, std::string& out) {
    const std::size_t start = out.size();
    glue_inventory::write_json_string(s, out);
    if (!may_hold_line_separator(s)) {
        return;
    }
    // U+2028 / U+2029 are E2 80 A8 / E2 80 A9; write_json_string passes valid UTF-8 through.
    for (std::size_t i = out.find("\xE2\x80", start); i != std::string::npos;
         i = out.find("\xE2\x80", i + 1)) {
        if (i + 2 < out.size() && (out[i + 2] == '\xA8' || out[i + 2] == '\xA9')) {
            const bool paragraph = out[i + 2] == '\xA9';
            out.replace(i, 3, paragraph ? "\\u2029" : "\\u2028");
        }
    }
}

void append_evidence_object(const ga::finding& f, std::string& out) {
    out += '{';
    bool first = true;
    for (const auto& [name, value] : f.result.evidence) {
        if (!first) {
            out += ',';
        }
        first = false;
        append_json_string(name, out);
        out += ':';
        append_json_string(value, out);
    }
    out += '}';
}

void append_iso8601(glue_inventory::timestamp t, std::string& out) {
    glue_inventory::write_iso8601(t, out);
}

long long epoch_millis(glue_inventory::timestamp t) {
    return static_cast<long long>(t.time_since_epoch().count());
}

std::string_view rule_id_of(const ga::finding& f) {
    return f.result.rule != nullptr ? f.result.rule->id : std::string_view{};
}

std::string finding_uid(const ga::finding& f) {
    std::string uid(tool_name);
    uid += '/';
    uid += rule_id_of(f);
    uid += '/';
    uid += f.fingerprint;
    return uid;
}

std::string_view to_string(ga::baseline_state b) {
    switch (b) {
    case ga::baseline_state::new_:
        return "new";
    case ga::baseline_state::unchanged:
        return "unchanged";
    case ga::baseline_state::absent:
        return "absent";
    case ga::baseline_state::none:
        break;
    }
    return "";
}

std::string percent_encode(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const char ch : text) {
        const auto b = static_cast<unsigned char>(ch);
        const bool unreserved = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') ||
                                (b >= '0' && b <= '9') || b == '-' || b == '.' || b == '_' ||
                                b == '~';
        if (unreserved) {
            out += ch;
        } else {
            out += '%';
            out += hex[b >> 4U];
            out += hex[b & 0x0FU];
        }
    }
    return out;
}

namespace {

void append_escaped_item(std::string_view text, std::string& out) {
    for (const char ch : text) {
        if (ch == '\\' || ch == ';' || ch == '=') {
            out += '\\';
        }
        out += ch;
    }
}

} // namespace

std::string evidence_list(const ga::finding& f) {
    std::string out;
    bool first = true;
    for (const auto& [name, value] : f.result.evidence) {
        if (!first) {
            out += ';';
        }
        first = false;
        append_escaped_item(name, out);
        out += '=';
        append_escaped_item(value, out);
    }
    return out;
}

} // namespace glue_cli::audit
