#include "sigv4/canonical_request.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

namespace glue_inventory::sigv4::detail {

namespace {

/// Requests with up to this many headers are sorted on the stack; larger ones use the heap.
constexpr std::size_t inline_header_capacity = 16;

constexpr char to_lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr bool is_unreserved(char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

// What SigV4 treats as white space in header values (botocore: str.split()).
constexpr bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

void append_uri_encoded(std::string& out, std::string_view text, bool keep_slash) {
    constexpr std::string_view upper_hex = "0123456789ABCDEF";
    for (const char c : text) {
        if (is_unreserved(c) || (keep_slash && c == '/')) {
            out.push_back(c);
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out.push_back('%');
            out.push_back(upper_hex[byte >> 4U]);
            out.push_back(upper_hex[byte & 0x0fU]);
        }
    }
}

// Query components arrive percent-encoded or raw; decoding first makes both canonicalise alike.
// A '%' not followed by two hex digits is taken literally.
std::string uri_decoded(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            const int high = hex_value(text[i + 1]);
            const int low = hex_value(text[i + 2]);
            if (high >= 0 && low >= 0) {
                out.push_back(static_cast<char>(high * 16 + low));
                i += 2;
                continue;
            }
        }
        out.push_back(text[i]);
    }
    return out;
}

void append_canonical_path(std::string& out, std::string_view path, bool normalize) {
    if (path.empty() || path == "/") {
        out.push_back('/');
        return;
    }
    if (!normalize) {
        append_uri_encoded(out, path, true);
        return;
    }
    std::vector<std::string_view> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string_view::npos) {
            end = path.size();
        }
        const std::string_view segment = path.substr(start, end - start);
        if (segment == "..") {
            if (!segments.empty()) {
                segments.pop_back();
            }
        } else if (!segment.empty() && segment != ".") {
            segments.push_back(segment);
        }
        start = end + 1;
    }
    out.push_back('/');
    for (std::size_t i = 0; i < segments.size(); ++i) {
        if (i > 0) {
            out.push_back('/');
        }
        append_uri_encoded(out, segments[i], false);
    }
    if (!segments.empty() && path.back() == '/') {
        out.push_back('/');
    }
}

void append_canonical_query(std::string& out, std::string_view query) {
    if (query.empty()) {
        return;
    }
    std::vector<std::pair<std::string, std::string>> parameters;
    std::size_t start = 0;
    while (start <= query.size()) {
        std::size_t end = query.find('&', start);
        if (end == std::string_view::npos) {
            end = query.size();
        }
        const std::string_view parameter = query.substr(start, end - start);
        if (!parameter.empty()) {
            const std::size_t equals = parameter.find('=');
            const std::string_view name = parameter.substr(0, equals);
            const std::string_view value = equals == std::string_view::npos
                                               ? std::string_view{}
                                               : parameter.substr(equals + 1);
            std::pair<std::string, std::string> encoded;
            append_uri_encoded(encoded.first, uri_decoded(name), false);
            append_uri_encoded(encoded.second, uri_decoded(value), false);
            parameters.push_back(std::move(encoded));
        }
        start = end + 1;
    }
    std::sort(parameters.begin(), parameters.end());
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        if (i > 0) {
            out.push_back('&');
        }
        out += parameters[i].first;
        out.push_back('=');
        out += parameters[i].second;
    }
}

bool header_name_less(std::string_view a, std::string_view b) noexcept {
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        const char x = to_lower(a[i]);
        const char y = to_lower(b[i]);
        if (x != y) {
            return static_cast<unsigned char>(x) < static_cast<unsigned char>(y);
        }
    }
    return a.size() < b.size();
}

// Insertion sort: stable (duplicate headers keep their order), allocation-free, and fastest for
// the handful of headers a request has.
void sort_headers(std::span<header_ref> headers) noexcept {
    for (std::size_t i = 1; i < headers.size(); ++i) {
        const header_ref moving = headers[i];
        std::size_t j = i;
        while (j > 0 && header_name_less(moving.name, headers[j - 1].name)) {
            headers[j] = headers[j - 1];
            --j;
        }
        headers[j] = moving;
    }
}

void append_lower(std::string& out, std::string_view text) {
    const std::size_t start = out.size();
    out += text;
    for (std::size_t i = start; i < out.size(); ++i) {
        out[i] = to_lower(out[i]);
    }
}

/// The length of the longest prefix of [p, end) free of bytes at or below ' ' (which holds
/// every byte is_space() accepts), eight bytes at a time: a session token is hundreds of bytes
/// and is signed with every request.
std::size_t plain_prefix(const char* p, const char* end) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    const char* const start = p;
    while (end - p >= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        // Non-zero when some byte is below 0x21 (bytes with the high bit set never count).
        if (((w - ones * 0x21) & ~w & highs) != 0) {
            break;
        }
        p += 8;
    }
    while (p != end && static_cast<unsigned char>(*p) > ' ') {
        ++p;
    }
    return static_cast<std::size_t>(p - start);
}

// Trims the value and turns every run of white space inside it into one space. Words are
// appended whole: a session token is hundreds of bytes and this is the hot path.
void append_trimmed_value(std::string& out, std::string_view value) {
    // The usual value: no white space anywhere (a token, a host, a date): appended whole.
    if (plain_prefix(value.data(), value.data() + value.size()) == value.size()) {
        out += value;
        return;
    }
    const char* p = value.data();
    const char* const end = p + value.size();
    bool first_word = true;
    for (;;) {
        while (p != end && is_space(*p)) {
            ++p;
        }
        if (p == end) {
            return;
        }
        const char* word_end = p;
        while (word_end != end && !is_space(*word_end)) {
            ++word_end;
        }
        if (!first_word) {
            out.push_back(' ');
        }
        out.append(p, word_end);
        first_word = false;
        p = word_end;
    }
}

} // namespace

bool header_name_equal(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (to_lower(a[i]) != to_lower(b[i])) {
            return false;
        }
    }
    return true;
}

signed_headers_span append_canonical_request(std::string& out, std::string_view method,
                                             std::string_view path, std::string_view query,
                                             std::span<const header_ref> headers,
                                             std::string_view payload_hash, bool normalize_path) {
    std::array<header_ref, inline_header_capacity> inline_sorted{};
    std::vector<header_ref> heap_sorted;
    std::span<header_ref> sorted;
    if (headers.size() <= inline_sorted.size()) {
        std::copy(headers.begin(), headers.end(), inline_sorted.begin());
        sorted = std::span<header_ref>{inline_sorted.data(), headers.size()};
    } else {
        heap_sorted.assign(headers.begin(), headers.end());
        sorted = heap_sorted;
    }
    sort_headers(sorted);

    out += method;
    out.push_back('\n');
    append_canonical_path(out, path, normalize_path);
    out.push_back('\n');
    append_canonical_query(out, query);
    out.push_back('\n');
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        const bool continues = i > 0 && header_name_equal(sorted[i - 1].name, sorted[i].name);
        if (continues) {
            out.push_back(',');
        } else {
            if (i > 0) {
                out.push_back('\n');
            }
            append_lower(out, sorted[i].name);
            out.push_back(':');
        }
        append_trimmed_value(out, sorted[i].value);
    }
    if (!sorted.empty()) {
        out.push_back('\n');
    }
    out.push_back('\n');
    signed_headers_span signed_headers{out.size(), 0};
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        if (i > 0 && header_name_equal(sorted[i - 1].name, sorted[i].name)) {
            continue;
        }
        if (i > 0) {
            out.push_back(';');
        }
        append_lower(out, sorted[i].name);
    }
    signed_headers.length = out.size() - signed_headers.offset;
    out.push_back('\n');
    out += payload_hash;
    return signed_headers;
}

} // namespace glue_inventory::sigv4::detail
