#include "audit/secret_scan.hpp"

#include "audit/properties.hpp"

#include <algorithm>

namespace glue_inventory::audit::detail {

namespace {

constexpr bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '-';
}

// Blanks, and every control character: free text is scanned before its control characters
// become spaces, and must be read as if they already were.
constexpr bool is_blank(char c) {
    const auto u = static_cast<unsigned char>(c);
    return c == ' ' || u < 0x20 || u == 0x7F;
}

// What ends a token of free text: a URL cannot hold these unencoded.
constexpr bool is_token_delimiter(char c) {
    return is_blank(c) || c == '"' || c == '\'' || c == '<' || c == '>' || c == '`';
}

bool push(secret_spans& out, const secret_span& span) {
    if (!out.list.push_back(span)) {
        out.overflow = true;
        return false;
    }
    return true;
}

// The userinfo of one token [ts, te) of `s`, if any.
void scan_userinfo(std::string_view s, std::size_t ts, std::size_t te, secret_spans& out) {
    const std::string_view token = s.substr(ts, te - ts);
    if (token.find('@') == std::string_view::npos) {
        return; // the common case, decided by one memchr
    }
    std::size_t start = 0;
    bool structured = false; // a scheme or Oracle prefix says what precedes '@' is userinfo
    bool oracle = false;
    if (const auto scheme = token.find("://");
        scheme != std::string_view::npos &&
        token.substr(0, scheme).find('@') == std::string_view::npos) {
        start = scheme + 3;
        structured = true;
    } else if (istarts_with(token, "jdbc:oracle:")) {
        const auto driver_end = token.find(':', 12);
        if (driver_end == std::string_view::npos) {
            return;
        }
        start = driver_end + 1;
        structured = true;
        oracle = true;
    }
    // Parameters begin at the first '?', ';' or '&' that a '=' follows: an '@' after that is in
    // a value (user=a@b.com), not userinfo. Oracle descriptors begin at '('.
    std::size_t limit = token.size();
    for (std::size_t i = start; i < token.size(); ++i) {
        const char c = token[i];
        if ((c == '?' || c == ';' || c == '&') && token.find('=', i) != std::string_view::npos) {
            limit = i;
            break;
        }
        if (oracle && c == '(') {
            limit = i;
            break;
        }
    }
    const auto at = token.substr(0, limit).rfind('@');
    if (at == std::string_view::npos || at < start || at == start) {
        return;
    }
    const std::string_view userinfo = token.substr(start, at - start);
    const bool password = userinfo.find(':') != std::string_view::npos ||
                          (oracle && userinfo.find('/') != std::string_view::npos);
    if (!structured && !password) {
        return; // "admin@example.com" in prose: an address, not a credential
    }
    push(out, {ts + start, ts + at, {}, true, password});
}

// The value of a parameter that starts at `v`: up to a separator of the mode; a braced SQL
// Server value or a quoted text value to its closing character.
std::size_t value_end(std::string_view s, std::size_t v, scan_mode mode) {
    if (v < s.size() && s[v] == '{') {
        const auto close = s.find('}', v);
        return close == std::string_view::npos ? s.size() : close + 1;
    }
    if (mode == scan_mode::text && v < s.size() && (s[v] == '"' || s[v] == '\'')) {
        const auto close = s.find(s[v], v + 1);
        return close == std::string_view::npos ? s.size() : close;
    }
    std::size_t e = v;
    while (e < s.size()) {
        const char c = s[e];
        if (mode == scan_mode::url && (c == '&' || c == ';')) {
            // A password may hold an unencoded '&' or ';': what follows is another parameter
            // only if it has a '=' before the next separator ("p&ss&ssl=true" hides "p&ss").
            // Hiding too much is safe; showing the tail of a password is not.
            std::size_t next = e + 1;
            while (next < s.size() && s[next] != '&' && s[next] != ';' && s[next] != ')' &&
                   s[next] != '#' && s[next] != '=') {
                ++next;
            }
            if (next > e + 1 && (next == s.size() || s[next] != '=')) {
                e = next;
                continue;
            }
            break;
        }
        if (c == '&' || c == ';' || c == ')' || c == '#') {
            break;
        }
        if (mode == scan_mode::text &&
            (is_token_delimiter(c) || c == ',' || c == ']' || c == '}')) {
            break;
        }
        ++e;
    }
    return e;
}

void scan_parameters(std::string_view s, scan_mode mode, name_predicate is_secret,
                     const secret_spans& userinfo, secret_spans& out) {
    std::size_t next_userinfo = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        // Text also says "with password 'x'": a quote after a blank opens the value of the word
        // before it.
        const bool quote_value =
            mode == scan_mode::text && (c == '"' || c == '\'') && i > 0 && is_blank(s[i - 1]);
        const bool separator = c == '=' || (mode == scan_mode::text && c == ':') || quote_value;
        if (!separator) {
            ++i;
            continue;
        }
        // Skip separators inside a userinfo span (they are hidden whole).
        while (next_userinfo < userinfo.list.size() && userinfo.list[next_userinfo].end <= i) {
            ++next_userinfo;
        }
        if (next_userinfo < userinfo.list.size() && userinfo.list[next_userinfo].begin <= i) {
            i = userinfo.list[next_userinfo].end;
            continue;
        }
        // The name: name characters before the separator (text: past blanks and a quote).
        std::size_t name_end = i;
        if (mode == scan_mode::text) {
            while (name_end > 0 && is_blank(s[name_end - 1])) {
                --name_end;
            }
            if (name_end > 0 && (s[name_end - 1] == '"' || s[name_end - 1] == '\'')) {
                --name_end;
            }
        }
        std::size_t name_begin = name_end;
        while (name_begin > 0 && is_name_char(s[name_begin - 1])) {
            --name_begin;
        }
        const std::string_view name = s.substr(name_begin, name_end - name_begin);
        // "://" is a scheme, not a pair.
        if (c == ':' && s.substr(i, 3) == "://") {
            i += 3;
            continue;
        }
        if (name.empty() || !is_secret(name)) {
            ++i;
            continue;
        }
        std::size_t v = quote_value ? i : i + 1;
        if (mode == scan_mode::text && !quote_value) {
            while (v < s.size() && is_blank(s[v])) {
                ++v;
            }
        }
        const bool quoted =
            mode == scan_mode::text && v < s.size() && (s[v] == '"' || s[v] == '\'');
        const std::size_t begin = quoted ? v + 1 : v;
        const std::size_t end = value_end(s, v, mode);
        if (end > begin) {
            if (!push(out, {begin, end, name, false, false})) {
                return;
            }
        }
        i = std::max(end, i + 1);
    }
}

} // namespace

void scan_secrets(std::string_view s, scan_mode mode, name_predicate is_secret, secret_spans& out) {
    out.list.clear();
    out.overflow = false;
    out.hide_from = std::string_view::npos;
    secret_spans userinfo;
    if (mode == scan_mode::url) {
        scan_userinfo(s, 0, s.size(), userinfo);
    } else {
        std::size_t ts = 0;
        while (ts < s.size()) {
            while (ts < s.size() && is_token_delimiter(s[ts])) {
                ++ts;
            }
            std::size_t te = ts;
            while (te < s.size() && !is_token_delimiter(s[te])) {
                ++te;
            }
            if (te > ts) {
                scan_userinfo(s, ts, te, userinfo);
            }
            ts = te;
        }
    }
    secret_spans parameters;
    scan_parameters(s, mode, is_secret, userinfo, parameters);
    // Merge the two sorted lists.
    std::size_t a = 0;
    std::size_t b = 0;
    while (a < userinfo.list.size() || b < parameters.list.size()) {
        const bool take_a =
            b == parameters.list.size() ||
            (a < userinfo.list.size() && userinfo.list[a].begin <= parameters.list[b].begin);
        if (!push(out, take_a ? userinfo.list[a++] : parameters.list[b++])) {
            break;
        }
    }
    const auto last_begin = [](const secret_spans& spans) {
        return spans.list.empty() ? std::size_t{0} : spans.list.back().begin;
    };
    for (const secret_spans* spans : {&userinfo, &parameters, &out}) {
        if (spans->overflow) {
            out.overflow = true;
            out.hide_from = std::min(out.hide_from, last_begin(*spans));
        }
    }
}

} // namespace glue_inventory::audit::detail
