#include "audit/redaction.hpp"

#include "audit/secret_names.hpp"
#include "audit/secret_scan.hpp"

#include <algorithm>
#include <glue_inventory/audit.hpp>

namespace glue_inventory::audit {

namespace detail {

namespace {

void append_redacted_scanned(std::string_view s, scan_mode mode, std::string& out) {
    secret_spans spans;
    scan_secrets(s, mode, &is_redacted_name, spans);
    append_redacted(s, spans, out);
}

} // namespace

void append_redacted(std::string_view s, const secret_spans& spans, std::string& out) {
    std::size_t pos = 0;
    for (std::size_t i = 0; i < spans.list.size(); ++i) {
        const auto& span = spans.list[i];
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

void append_redacted_url(std::string_view url, std::string& out) {
    append_redacted_scanned(url, scan_mode::url, out);
}

void append_redacted_text(std::string_view text, std::size_t max_bytes, std::string& out) {
    // The secrets first (the scan reads control characters as blanks), then control characters
    // as spaces (a newline would end a log line or a CSV field early), then the cut: cutting
    // first could leave half a secret's name with its value.
    const std::size_t start = out.size();
    append_redacted_scanned(text, scan_mode::text, out);
    for (std::size_t i = start; i < out.size(); ++i) {
        const auto u = static_cast<unsigned char>(out[i]);
        if (u < 0x20 || u == 0x7F) {
            out[i] = ' ';
        }
    }
    if (out.size() - start <= max_bytes) {
        return;
    }
    constexpr std::string_view ellipsis = "...";
    std::size_t cut = max_bytes > ellipsis.size() ? max_bytes - ellipsis.size() : 0;
    while (cut > 0 && (static_cast<unsigned char>(out[start + cut]) & 0xC0U) == 0x80U) {
        --cut; // never inside a UTF-8 sequence
    }
    out.resize(start + cut);
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
