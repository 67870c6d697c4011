#include "http/request_text.hpp"

#include <algorithm>
#include <charconv>

namespace glue_inventory::http {
namespace {

// RFC 9110 section 5.6.2: tchar.
bool is_token_char(unsigned char c) {
    if (c >= '0' && c <= '9') {
        return true;
    }
    if ((c | 0x20U) >= 'a' && (c | 0x20U) <= 'z') {
        return true;
    }
    return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool is_token(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return is_token_char(static_cast<unsigned char>(c));
    });
}

// RFC 9110 section 5.5: field-value bytes are visible characters, space, tab and obs-text; never
// CR, LF, NUL or another control character.
bool is_field_value(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c == '\t' || (c >= 0x20 && c != 0x7f);
    });
}

// The request target: visible ASCII only (RFC 9112 section 3.2).
bool is_target(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c > 0x20 && c < 0x7f;
    });
}

} // namespace

bool write_request(std::string_view method, std::string_view target,
                   std::span<const header_field> fields, std::string_view body, std::string& out) {
    if (!is_token(method) || !is_target(target)) {
        return false;
    }
    std::size_t size = method.size() + target.size() + 64 + body.size();
    for (const auto& f : fields) {
        if (!is_token(f.name) || !is_field_value(f.value)) {
            return false;
        }
        size += f.name.size() + f.value.size() + 4;
    }
    out.reserve(out.size() + size);
    out += method;
    out += ' ';
    out += target;
    out += " HTTP/1.1\r\n";
    for (const auto& f : fields) {
        out += f.name;
        out += ": ";
        out += f.value;
        out += "\r\n";
    }
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, body.size()).ptr;
    out += "Content-Length: ";
    out.append(digits, end);
    out += "\r\n\r\n";
    out += body;
    return true;
}

} // namespace glue_inventory::http
