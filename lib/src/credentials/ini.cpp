#include "ini.hpp"

#include "model/ascii.hpp"

#include <cstddef>
#include <string>

namespace glue_inventory::creds {
namespace {

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}
bool is_comment_start(char c) {
    return c == '#' || c == ';';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_blank(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && is_blank(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

// In a property value a comment needs a blank before it, so that values such as URLs with '#'
// survive.
std::string_view strip_value_comment(std::string_view s) {
    for (std::size_t i = 1; i < s.size(); ++i) {
        if (is_comment_start(s[i]) && is_blank(s[i - 1])) {
            return s.substr(0, i);
        }
    }
    return s;
}

// The names the SDKs' shared parser accepts for profiles and properties (aws-config
// profile/parser/normalize.rs validate_identifier): ASCII letters and digits and _-/.%@:+.
bool is_identifier_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("_-/.%@:+").find(c) != std::string_view::npos;
}

config_error error_at(std::string_view source, std::size_t line_number, std::string_view what) {
    return {std::string(source) + ", line " + std::to_string(line_number) + ": " +
            std::string(what)};
}

} // namespace

bool is_profile_identifier(std::string_view name) noexcept {
    if (name.empty()) {
        return false;
    }
    for (char c : name) {
        if (!is_identifier_char(c)) {
            return false;
        }
    }
    return true;
}

const std::string* ini_section::find(std::string_view key) const {
    auto it = properties.find(std::string(key));
    return it == properties.end() ? nullptr : &it->second.value;
}

config_result<ini_document> parse_ini(std::string_view text, std::string_view source) {
    ini_document doc;
    ini_section* section = nullptr;
    ini_property* property = nullptr; // the property continuation lines extend
    // Where the lines of a property with an invalid name go: parsed, then dropped.
    ini_property ignored;
    std::size_t line_number = 0;

    while (!text.empty()) {
        std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        ++line_number;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }

        std::string_view content = trim(line);
        if (content.empty() || is_comment_start(content.front())) {
            continue;
        }

        // An indented line continues the property above it; with none to continue (right after
        // a header) it is an ordinary line, as configparser reads it.
        if (is_blank(line.front()) && property != nullptr) {
            if (property->value.empty()) {
                std::size_t eq = content.find('=');
                if (eq == std::string_view::npos) {
                    return error_at(source, line_number,
                                    "Expected an '=' sign defining a sub-property");
                }
                std::string_view key = trim(content.substr(0, eq));
                if (key.empty()) {
                    return error_at(source, line_number, "Sub-property did not have a name");
                }
                property->sub_properties[ascii_lower(key)] =
                    std::string(trim(strip_value_comment(content.substr(eq + 1))));
                property->nested_text += '\n';
                property->nested_text += content;
            } else {
                property->value += '\n';
                property->value += content;
            }
            continue;
        }

        if (content.front() == '[') {
            std::size_t close = content.find(']');
            if (close == std::string_view::npos) {
                return error_at(source, line_number, "Profile definition must end with ']'");
            }
            std::string_view after = trim(content.substr(close + 1));
            if (!after.empty() && !is_comment_start(after.front())) {
                return error_at(source, line_number, "unexpected text after a section header");
            }
            std::string name(trim(content.substr(1, close - 1)));
            if (name.empty()) {
                return error_at(source, line_number, "a section header has no name");
            }
            section = &doc[name]; // a repeated section is merged into the first
            property = nullptr;
            continue;
        }

        if (section == nullptr) {
            return error_at(source, line_number,
                            "Expected a profile definition: a property appears before any "
                            "[section] header");
        }
        std::size_t eq = content.find('=');
        if (eq == std::string_view::npos) {
            return error_at(source, line_number,
                            is_blank(line.front())
                                ? "Expected a property definition, found continuation"
                                : "Expected an '=' sign defining a property");
        }
        std::string_view key = trim(content.substr(0, eq));
        if (key.empty()) {
            return error_at(source, line_number, "Property did not have a name");
        }
        // The SDKs skip a property whose name they cannot accept ("in valid = x") and keep
        // the rest of the profile.
        property = is_profile_identifier(key) ? &section->properties[ascii_lower(key)] : &ignored;
        *property =
            ini_property{std::string(trim(strip_value_comment(content.substr(eq + 1)))), {}, {}};
    }
    return doc;
}

} // namespace glue_inventory::creds
