#include "diff/secret_redaction.hpp"

#include <array>
#include <cstddef>

namespace glue_cli::diff {

namespace {

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_separator(char c) {
    return c == '_' || c == '-' || c == '.' || c == ' ';
}

/// Names are short (the API caps keys at 255 bytes); longer ones are judged on their start.
constexpr std::size_t max_name_bytes = 512;

/// `name` lower-cased with separators removed, into `buffer`.
std::string_view squeeze(std::string_view name, std::array<char, max_name_bytes>& buffer) {
    std::size_t n = 0;
    for (char c : name) {
        if (n == buffer.size()) {
            break;
        }
        if (!is_separator(c)) {
            buffer[n++] = lower(c);
        }
    }
    return {buffer.data(), n};
}

constexpr std::array<std::string_view, 11> secret_words = {
    "password",   "passwd",     "pwd",    "secret",    "token",
    "credential", "privatekey", "apikey", "accesskey", "authorizationcode",
    "passphrase"};

// Names that point at a secret or a token endpoint; TokenUrlParametersMap's own keys are judged
// one by one.
constexpr std::array<std::string_view, 5> pointer_suffixes = {"url", "uri", "arn", "id",
                                                              "urlparametersmap"};

bool is_value_end(char c) {
    return c == '&' || c == ';' || c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
           c == '#' || c == ')' || c == '"' || c == '\'';
}

bool is_name_start_boundary(char c) {
    return c == '?' || c == '&' || c == ';' || c == ',' || c == ':' || c == ' ' || c == '\t' ||
           c == '(' || c == '"' || c == '\'';
}

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
}

/// The end of the authority of a URL whose authority starts at `begin`.
std::size_t authority_end(std::string_view s, std::size_t begin) {
    std::size_t i = begin;
    while (i < s.size() && s[i] != '/' && s[i] != '?' && s[i] != '#' && s[i] != ' ' &&
           s[i] != ';' && s[i] != '"') {
        ++i;
    }
    return i;
}

} // namespace

bool is_secret_name(std::string_view name) {
    std::array<char, max_name_bytes> buffer{};
    const auto s = squeeze(name, buffer);
    for (auto suffix : pointer_suffixes) {
        if (s.ends_with(suffix)) {
            return false;
        }
    }
    for (auto word : secret_words) {
        if (s.find(word) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

void append_redacted_text(std::string_view s, std::string& out) {
    std::size_t copied = 0; // s[0, copied) is in `out`
    auto replace = [&](std::size_t begin, std::size_t end) {
        out.append(s.substr(copied, begin - copied));
        out.append(redacted);
        copied = end;
    };
    std::size_t i = 0;
    while (i < s.size()) {
        // URL userinfo: scheme://user:pass@host
        if (s.compare(i, 3, "://") == 0) {
            const std::size_t begin = i + 3;
            const std::size_t end = authority_end(s, begin);
            const auto at = s.substr(begin, end - begin).rfind('@');
            if (at != std::string_view::npos) {
                const std::size_t at_pos = begin + at;
                const auto colon = s.substr(begin, at).find(':');
                if (colon != std::string_view::npos) {
                    replace(begin + colon + 1, at_pos);
                } else {
                    replace(begin, at_pos);
                }
            }
            i = end;
            continue;
        }
        // Oracle: jdbc:oracle:thin:user/pass@host
        if (s.compare(i, 5, "thin:") == 0) {
            const std::size_t begin = i + 5;
            const auto at = s.find('@', begin);
            if (at != std::string_view::npos) {
                const auto slash = s.substr(begin, at - begin).find('/');
                if (slash != std::string_view::npos &&
                    s.substr(begin, at - begin).find("//") == std::string_view::npos) {
                    replace(begin + slash + 1, at);
                    i = at;
                    continue;
                }
            }
            i = begin;
            continue;
        }
        // name=value with a secret-like name
        if (s[i] == '=' && i > 0) {
            std::size_t name_begin = i;
            while (name_begin > copied && is_name_char(s[name_begin - 1])) {
                --name_begin;
            }
            const bool bounded = name_begin == 0 || is_name_start_boundary(s[name_begin - 1]) ||
                                 name_begin == copied;
            if (bounded && name_begin < i && is_secret_name(s.substr(name_begin, i - name_begin))) {
                std::size_t end = i + 1;
                while (end < s.size() && !is_value_end(s[end])) {
                    ++end;
                }
                if (end > i + 1) {
                    replace(i + 1, end);
                }
                i = end;
                continue;
            }
        }
        ++i;
    }
    out.append(s.substr(copied));
}

} // namespace glue_cli::diff
