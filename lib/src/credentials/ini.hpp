// The INI dialect of the AWS shared config and credentials files (~/.aws/config,
// ~/.aws/credentials), as the AWS SDKs read it. Pure: the caller reads the file.
//
// The rules, those of the SDKs' common profile-file parser (aws-sdk-java-v2 ProfileFileReader,
// aws-sdk-rust aws-config profile/parser):
// - a line whose first non-blank character is '#' or ';' is a comment; blank lines are ignored;
// - `[name]` opens a section; the name is trimmed; '#' or ';' after the ']' starts a comment;
// - `key = value`: key and value are trimmed (spaces and tabs); the key is lower-cased (Python's
//   configparser, which the AWS CLI uses, does the same); in a value, '#' or ';' preceded by a
//   space or tab starts a comment (so `a#b` keeps its '#');
// - a line starting with a space or tab continues the property above it: when that property's
//   value is empty, each continuation line is a `key = value` sub-property
//   (`s3 =\n  max_concurrent_requests = 10`); otherwise the line is appended to the value after
//   a '\n'; an indented line with no property above it in its section is an ordinary line;
// - a property whose name is not an identifier (ASCII letters, digits, _-/.%@:+) is skipped,
//   as the SDKs' shared parser does (aws-runtime test-data/profile-parser-tests.json);
// - CRLF line ends are accepted;
// - a section that appears twice is merged, and a key that appears twice keeps its last value.
//
// Where the AWS CLI differs (botocore uses configparser): it rejects duplicate sections and
// keys in one file, and keeps " # text" as part of a value.
#pragma once

#include "config_error.hpp"

#include <map>
#include <string>
#include <string_view>

namespace glue_inventory::creds {

struct ini_property {
    std::string value;                                 // "" for a property with sub-properties
    std::map<std::string, std::string> sub_properties; // the nested `key = value` lines
    /// The nested lines as the SDKs' parser keeps them, each trimmed and preceded by '\n'
    /// ("\nmax_concurrent_requests = 10"); "" when there are none.
    std::string nested_text;
};

struct ini_section {
    std::map<std::string, ini_property> properties; // keyed by lower-cased key

    /// The value of `key`, or nullptr when absent.
    const std::string* find(std::string_view key) const;
};

/// Sections by name as written between the brackets, trimmed ("profile dev", "default").
using ini_document = std::map<std::string, ini_section, std::less<>>;

/// True for a name the SDKs accept for a profile or a property: non-empty, only ASCII letters,
/// digits and _-/.%@:+ ("foo!bar" and "in valid" are not).
bool is_profile_identifier(std::string_view name) noexcept;

/// Parses the whole text. `source` names the text in errors ("config file ~/.aws/config").
/// Errors: a property before any section, a line that is neither a section nor `key = value`,
/// an empty key, an unterminated `[`, a nested line without '='.
config_result<ini_document> parse_ini(std::string_view text, std::string_view source);

} // namespace glue_inventory::creds
