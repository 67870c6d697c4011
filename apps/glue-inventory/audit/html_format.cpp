// --format html: one self-contained page for people.
//
// - Self-contained: inline CSS and one inline script, no URL of any kind, so it opens offline
//   and from a mail attachment. A strict Content-Security-Policy meta: default-src 'none',
//   style-src 'unsafe-inline', and script-src allowing only our one script by its SHA-256 hash
//   (computed here from the script's text), so an injected <script> could not run even if a
//   value escaped escaping (none does: every value is HTML-escaped).
// - Streaming: rows are written as findings arrive; the summary (counts by severity, by rule,
//   by account; connections evaluated; targets failed) is only known at the end, so it is
//   written after the rows and shown on top by CSS flex `order`. The writer holds counts, and
//   the rows of the suppressed findings (shown apart, in their own table after the others) in a
//   spill_store (a temporary file); never a finding object.
// - The table sorts by a click on a column header and filters by text and by severity, in the
//   page's script, without network.
#include "audit/finding_text.hpp"
#include "audit/formats.hpp"
#include "audit/spill_store.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <openssl/evp.h> // EVP_Digest: the script's SHA-256
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace glue_cli::audit {
namespace {

/// The page's one script: sorting and filtering. Its SHA-256 goes into the CSP.
constexpr std::string_view page_script = R"JS(
(function () {
  'use strict';
  var table = document.getElementById('findings-table');
  var body = table.tBodies[0];
  var text = document.getElementById('filter-text');
  var severity = document.getElementById('filter-severity');
  var shown = document.getElementById('shown-count');
  function cellKey(row, column) {
    var cell = row.cells[column];
    var key = cell.getAttribute('data-sort');
    return key !== null ? key : cell.textContent.toLowerCase();
  }
  function applyFilter() {
    var query = text.value.toLowerCase();
    var level = severity.value;
    var count = 0;
    for (var i = 0; i < body.rows.length; i++) {
      var row = body.rows[i];
      var visible = (level === '' || row.getAttribute('data-severity') === level) &&
        (query === '' || row.textContent.toLowerCase().indexOf(query) !== -1);
      row.hidden = !visible;
      if (visible) { count++; }
    }
    shown.textContent = String(count);
  }
  var headers = table.tHead.rows[0].cells;
  for (var c = 0; c < headers.length; c++) {
    (function (column) {
      var header = headers[column];
      header.tabIndex = 0;
      function sortBy() {
        var ascending = header.getAttribute('aria-sort') !== 'ascending';
        for (var h = 0; h < headers.length; h++) { headers[h].removeAttribute('aria-sort'); }
        header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellKey(a, column), y = cellKey(b, column);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        for (var r = 0; r < rows.length; r++) { body.appendChild(rows[r]); }
      }
      header.addEventListener('click', sortBy);
      header.addEventListener('keydown', function (e) { if (e.key === 'Enter') { sortBy(); } });
    })(c);
  }
  text.addEventListener('input', applyFilter);
  severity.addEventListener('change', applyFilter);
  applyFilter();
})();
)JS";

constexpr std::string_view page_style = R"CSS(
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #f6f7f9; }
#page { display: flex; flex-direction: column; gap: 16px; padding: 16px 24px; }
#report-header { order: 0; } #summary { order: 1; } #findings { order: 2; } #suppressed { order: 3; }
section, header { background: #fff; border: 1px solid #d8dbe0; border-radius: 6px; padding: 12px 16px; }
h1 { font-size: 20px; margin: 0 0 8px; } h2 { font-size: 16px; margin: 0 0 8px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid #eceef1; }
th { background: #f0f2f5; cursor: pointer; user-select: none; white-space: nowrap; }
th[aria-sort=ascending]::after { content: " \25B2"; } th[aria-sort=descending]::after { content: " \25BC"; }
td.name, td.message { word-break: break-word; }
.sev { font-weight: 600; } .sev-critical { color: #7a0012; } .sev-high { color: #b42318; }
.sev-medium { color: #b54708; } .sev-low { color: #175cd3; } .sev-info { color: #475467; }
.counts { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; } .counts table { width: auto; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
dt { color: #475467; } dd { margin: 0; word-break: break-all; }
.filters { margin: 0 0 8px; display: flex; gap: 12px; align-items: center; }
.evidence { font-family: ui-monospace, monospace; font-size: 12px; }
.warn { color: #b42318; font-weight: 600; }
)CSS";

constexpr std::array<std::string_view, 5> severity_names = {"info", "low", "medium", "high",
                                                            "critical"};

/// Appends `text` with &, <, >, " and ' as character references: safe in text and in quoted
/// attribute values.
void append_escaped(std::string_view text, std::string& out) {
    for (const char ch : text) {
        switch (ch) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += ch;
        }
    }
}

std::string base64(std::span<const std::uint8_t> bytes) {
    static constexpr char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v =
            (unsigned{bytes[i]} << 16U) | (unsigned{bytes[i + 1]} << 8U) | unsigned{bytes[i + 2]};
        out += alphabet[(v >> 18U) & 63U];
        out += alphabet[(v >> 12U) & 63U];
        out += alphabet[(v >> 6U) & 63U];
        out += alphabet[v & 63U];
    }
    if (i < bytes.size()) {
        const bool two = i + 1 < bytes.size();
        const unsigned v = (unsigned{bytes[i]} << 16U) | (two ? unsigned{bytes[i + 1]} << 8U : 0U);
        out += alphabet[(v >> 18U) & 63U];
        out += alphabet[(v >> 12U) & 63U];
        out += two ? alphabet[(v >> 6U) & 63U] : '=';
        out += '=';
    }
    return out;
}

/// 'sha256-<base64>' of the page's script, as CSP's script-src wants it.
const std::string& script_hash_source() {
    static const std::string source = [] {
        std::array<std::uint8_t, EVP_MAX_MD_SIZE> digest{};
        unsigned int size = 0;
        // The script is a constant: a failure here is a broken OpenSSL, not an input.
        if (EVP_Digest(page_script.data(), page_script.size(), digest.data(), &size, EVP_sha256(),
                       nullptr) != 1) {
            throw std::runtime_error("SHA-256 of the page's script failed (OpenSSL EVP_Digest)");
        }
        return "'sha256-" + base64(std::span(digest.data(), size)) + "'";
    }();
    return source;
}

std::string_view severity_name(ga::severity s) {
    const auto i = static_cast<std::size_t>(s);
    return i < severity_names.size() ? severity_names[i] : "info";
}

/// One <tr> of a findings table.
void append_row(const ga::finding& f, std::string& out) {
    const auto* rule = f.result.rule;
    const auto& r = f.resource;
    const auto sev = severity_name(f.result.severity);
    out += "<tr data-severity=\"";
    out += sev;
    out += "\" data-status=\"";
    out += ga::to_string(f.result.status);
    out += "\" data-baseline=\"";
    out += to_string(f.baseline);
    out += "\" data-rule=\"";
    append_escaped(rule_id_of(f), out);
    out += "\" data-account=\"";
    append_escaped(r.account_id, out);
    out += "\"><td class=\"sev sev-";
    out += sev;
    out += "\" data-sort=\"";
    // Sorting ascending puts critical first.
    out += std::to_string(4 - static_cast<int>(f.result.severity));
    out += "\">";
    out += sev;
    out += "</td><td>";
    out += ga::to_string(f.result.status);
    if (f.baseline != ga::baseline_state::none) {
        out += " (";
        out += to_string(f.baseline);
        out += ')';
    }
    out += "</td><td>";
    append_escaped(rule_id_of(f), out);
    out += "</td><td>";
    append_escaped(rule != nullptr ? rule->title : std::string_view{}, out);
    out += "</td><td>";
    append_escaped(r.account_id, out);
    out += "</td><td>";
    append_escaped(r.region, out);
    out += "</td><td>";
    append_escaped(r.catalog_id, out);
    out += "</td><td class=\"name\" title=\"";
    append_escaped(r.arn, out);
    out += "\">";
    append_escaped(r.name, out);
    out += "</td><td>";
    append_escaped(r.connection_type, out);
    out += "</td><td class=\"message\">";
    append_escaped(f.result.message, out);
    if (f.suppressed) {
        out += "<br><em>Suppressed: ";
        append_escaped(f.suppression_reason, out);
        out += "</em>";
    }
    out += "</td><td class=\"evidence\">";
    bool first = true;
    for (const auto& [name, value] : f.result.evidence) {
        if (!first) {
            out += "<br>";
        }
        first = false;
        append_escaped(name, out);
        out += '=';
        append_escaped(value, out);
    }
    out += "</td><td>";
    append_escaped(rule != nullptr ? rule->remediation : std::string_view{}, out);
    out += "</td></tr>\n";
}

constexpr std::string_view table_head =
    "<thead><tr><th>Severity</th><th>Status</th><th>Rule</th><th>Title</th><th>Account</th>"
    "<th>Region</th><th>Catalog</th><th>Name</th><th>Type</th><th>Message</th>"
    "<th>Evidence</th><th>Remediation</th></tr></thead>\n";

void append_counts_table(std::string_view caption, std::string_view column,
                         const std::map<std::string, std::size_t>& counts, std::string_view id,
                         std::string& out) {
    out += "<table id=\"";
    out += id;
    out += "\"><caption>";
    out += caption;
    out += "</caption><thead><tr><th>";
    out += column;
    out += "</th><th>Findings</th></tr></thead><tbody>\n";
    for (const auto& [key, n] : counts) {
        out += "<tr><td>";
        append_escaped(key, out);
        out += "</td><td class=\"count\">";
        out += std::to_string(n);
        out += "</td></tr>\n";
    }
    out += "</tbody></table>\n";
}

class html_writer final : public finding_writer {
public:
    void begin(const report_info& info, std::string& out) override {
        out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
               "style-src 'unsafe-inline'; script-src ";
        out += script_hash_source();
        out += "; img-src 'none'; base-uri 'none'; form-action 'none'\">\n"
               "<meta name=\"referrer\" content=\"no-referrer\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
               "<title>glue-inventory audit</title>\n<style>";
        out += page_style;
        out += "</style>\n</head>\n<body>\n<div id=\"page\">\n<header id=\"report-header\">"
               "<h1>glue-inventory audit</h1><dl>\n<dt>Tool</dt><dd>";
        append_escaped(tool_name, out);
        out += ' ';
        append_escaped(info.tool_version, out);
        out += "</dd>\n<dt>Started (UTC)</dt><dd id=\"started\">";
        std::string time;
        append_iso8601(info.started, time);
        append_escaped(time, out);
        out += "</dd>\n<dt>Arguments</dt><dd id=\"arguments\">";
        append_escaped(info.arguments, out);
        out += "</dd>\n<dt>Results</dt><dd>";
        out += info.include_pass ? "every result (PASS, NOT_APPLICABLE and UNKNOWN too)"
                                 : "failures only";
        out += "</dd>\n</dl></header>\n"
               "<section id=\"findings\"><h2>Findings</h2>\n<div class=\"filters\">"
               "<label>Filter <input id=\"filter-text\" type=\"search\"></label>"
               "<label>Severity <select id=\"filter-severity\"><option value=\"\">all</option>";
        for (std::size_t i = severity_names.size(); i-- > 0;) {
            out += "<option>";
            out += severity_names[i];
            out += "</option>";
        }
        out += "</select></label><span><span id=\"shown-count\">0</span> shown</span></div>\n"
               "<table id=\"findings-table\">";
        out += table_head;
        out += "<tbody>\n";
    }

    void write(const ga::finding& f, std::string& out) override {
        if (f.suppressed) {
            // Shown apart, after the open findings: the row is written now, kept in a
            // temporary file until end().
            scratch_.clear();
            append_row(f, scratch_);
            suppressed_.append({}, scratch_);
            ++suppressed_count_;
            return;
        }
        append_row(f, out);
        if (f.result.status == ga::status::fail && f.baseline != ga::baseline_state::absent) {
            ++by_severity_[static_cast<std::size_t>(f.result.severity) % by_severity_.size()];
            auto& rule_counts = by_rule_[std::string(rule_id_of(f))];
            ++rule_counts[static_cast<std::size_t>(f.result.severity) % rule_counts.size()];
            ++by_account_[f.resource.account_id];
        } else {
            ++other_results_;
        }
    }

    void end(const audit_summary& summary, std::string& out) override {
        out += "</tbody></table></section>\n<section id=\"suppressed\"><h2>Suppressed (";
        out += std::to_string(suppressed_count_);
        out += ")</h2>\n<table id=\"suppressed-table\">";
        out += table_head;
        out += "<tbody>\n";
        suppressed_.read({}, [&](std::string_view rows) {
            out += rows;
            maybe_drain(out);
        });
        out += "</tbody></table></section>\n";
        write_summary(summary, out);
        out += "</div>\n<script>";
        out += page_script;
        out += "</script>\n</body>\n</html>\n";
        suppressed_.clear();
        suppressed_count_ = 0;
    }

private:
    void write_summary(const audit_summary& s, std::string& out) const {
        std::size_t total = 0;
        for (const auto n : by_severity_) {
            total += n;
        }
        out += "<section id=\"summary\"><h2>Summary</h2>\n<dl>\n<dt>Open findings</dt>"
               "<dd id=\"total-findings\">";
        out += std::to_string(total);
        out += "</dd>\n<dt>Suppressed</dt><dd id=\"suppressed-count\">";
        out += std::to_string(suppressed_count_);
        out += "</dd>\n";
        if (other_results_ > 0) {
            out += "<dt>Other results</dt><dd id=\"other-results\">";
            out += std::to_string(other_results_);
            out += "</dd>\n";
        }
        if (s.new_findings + s.unchanged_findings + s.absent_findings > 0) {
            out += "<dt>Against the baseline</dt><dd>";
            out += std::to_string(s.new_findings);
            out += " new, ";
            out += std::to_string(s.unchanged_findings);
            out += " unchanged, ";
            out += std::to_string(s.absent_findings);
            out += " absent</dd>\n";
        }
        out += "<dt>Connections evaluated</dt><dd id=\"connections-evaluated\">";
        out += std::to_string(s.connections_evaluated);
        out += "</dd>\n<dt>Targets failed</dt><dd id=\"targets-failed\"";
        out += s.targets_failed > 0 || s.interrupted ? " class=\"warn\">" : ">";
        out += std::to_string(s.targets_failed);
        out += " of ";
        out += std::to_string(s.targets_total);
        if (s.targets_failed > 0) {
            out += " (incomplete audit)";
        }
        if (s.interrupted) {
            out += " (interrupted)";
        }
        out += "</dd>\n";
        if (!s.expired_suppressions.empty()) {
            out += "<dt>Expired suppressions</dt><dd class=\"warn\">";
            bool first = true;
            for (const auto& e : s.expired_suppressions) {
                if (!first) {
                    out += "<br>";
                }
                first = false;
                append_escaped(e, out);
            }
            out += "</dd>\n";
        }
        out += "</dl>\n<div class=\"counts\">\n";
        std::map<std::string, std::size_t> severities;
        out += "<table id=\"by-severity\"><caption>By severity</caption><thead><tr><th>Severity"
               "</th><th>Findings</th></tr></thead><tbody>\n";
        for (std::size_t i = by_severity_.size(); i-- > 0;) {
            out += "<tr data-severity=\"";
            out += severity_names[i];
            out += "\"><td class=\"sev sev-";
            out += severity_names[i];
            out += "\">";
            out += severity_names[i];
            out += "</td><td class=\"count\">";
            out += std::to_string(by_severity_[i]);
            out += "</td></tr>\n";
        }
        out += "</tbody></table>\n";
        write_rule_matrix(out);
        append_counts_table("By account", "Account", by_account_, "by-account", out);
        out += "</div></section>\n";
    }

    std::array<std::size_t, 5> by_severity_{};
    /// Rule x severity: a row per rule, a column per severity (critical first), then the total.
    void write_rule_matrix(std::string& out) const {
        out += "<table id=\"by-rule\"><caption>By rule and severity</caption><thead><tr>"
               "<th>Rule</th><th>Title</th>";
        for (std::size_t i = severity_names.size(); i-- > 0;) {
            out += "<th>";
            out += severity_names[i];
            out += "</th>";
        }
        out += "<th>Findings</th></tr></thead><tbody>\n";
        for (const auto& [id, counts] : by_rule_) {
            const auto* rule = ga::find_rule(id);
            out += "<tr><td>";
            append_escaped(id, out);
            out += "</td><td>";
            append_escaped(rule != nullptr ? rule->title : std::string_view{}, out);
            out += "</td>";
            std::size_t total = 0;
            for (std::size_t i = counts.size(); i-- > 0;) {
                out += "<td data-severity=\"";
                out += severity_names[i];
                out += "\">";
                out += std::to_string(counts[i]);
                out += "</td>";
                total += counts[i];
            }
            out += "<td class=\"count\">";
            out += std::to_string(total);
            out += "</td></tr>\n";
        }
        out += "</tbody></table>\n";
    }

    std::map<std::string, std::array<std::size_t, 5>> by_rule_; // indexed by ga::severity
    std::map<std::string, std::size_t> by_account_;
    std::size_t other_results_ = 0;
    spill_store suppressed_; // their rows, under one key
    std::size_t suppressed_count_ = 0;
    std::string scratch_;
};

} // namespace

std::unique_ptr<finding_writer> make_html_finding_writer() {
    return std::make_unique<html_writer>();
}

} // namespace glue_cli::audit
