#include "audit/redaction.hpp"

#include "audit/secret_names.hpp"
#include "audit/secret_scan.hpp"

#include <glue_inventory/audit.hpp>

#include <algorithm>

namespace glue_inventory::audit {

namespace detail {

namespace {

void append_redacted(std::string_view s, scan_mode mode, std::string& out) {
    secret_spans spans;
    scan_secrets(s, mode, &is_redacted_name, spans);
    std::size_t pos = 0;
    for (std::size_t i = 0; i < spans.count; ++i) {
        const auto& span = spans.storage[i];
        if (span.begin >= spans.hide_from || span.begin < pos) {
            break;
        }
        out.append(s.substr(pos, span.begin - pos));
        out.append(redacted);
        pos = span.end;
    }
    if (spans.hide_from != std::string_view::npos) {
        if (spans.hide_from > pos) {
            out.append(s.substr(pos, spans.hide_from - pos));
        }
        out.append(redacted);
        return;
    }
    out.append(s.substr(pos));
}

} // namespace

void append_redacted_url(std::string_view url, std::string& out) {
    append_redacted(url, scan_mode::url, out);
}

void append_redacted_text(std::string_view text, std::size_t max_bytes, std::string& out) {
    // Control characters first (a newline would end a log line or a CSV field early), then the
    // secrets, then the cut: cutting first could leave half a secret's name and its value.
    std::string clean(text);
    for (char& c : clean) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F) {
            c = ' ';
        }
    }
    std::string redacted_text;
    redacted_text.reserve(clean.size() + 16);
    append_redacted(clean, scan_mode::text, redacted_text);
    if (redacted_text.size() <= max_bytes) {
        out.append(redacted_text);
        return;
    }
    constexpr std::string_view ellipsis = "...";
    std::size_t cut = max_bytes > ellipsis.size() ? max_bytes - ellipsis.size() : 0;
    while (cut > 0 && (static_cast<unsigned char>(redacted_text[cut]) & 0xC0U) == 0x80U) {
        --cut; // never inside a UTF-8 sequence
    }
    out.append(redacted_text, 0, cut);
    out.append(ellipsis.substr(0, std::min(ellipsis.size(), max_bytes)));
}

} // namespace detail

std::string redact_url(std::string_view url) {
    std::string out;
    out.reserve(url.size() + 16);
    detail::append_redacted_url(url, out);
    return out;
}

std::string redact_text(std::string_view text, std::size_t max_bytes) {
    std::string out;
    detail::append_redacted_text(text, max_bytes, out);
    return out;
}

} // namespace glue_inventory::audit
