// --format table: findings for a person at a terminal, grouped by severity (critical first),
// then by rule, then a totals line.
//
// The writer holds the findings (not the connections) until end(): an audit has few findings
// compared with connections, and grouping needs them all. Suppressed findings are listed apart,
// after the others, with their reason. Control characters (which could move the cursor or
// recolour a terminal), C0, DEL and C1, and the Unicode line separators and bidirectional
// controls are shown as '?'.
#include "audit/finding_text.hpp"
#include "audit/formats.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <tuple>
#include <vector>

namespace glue_cli::audit {
namespace {

/// The widest a name column gets; longer names are cut and end with "...".
constexpr std::size_t max_name_columns = 48;

/// Whether text[i..i+2] encodes U+2028..U+202E (line and paragraph separators, the
/// bidirectional embeddings and overrides) or U+2066..U+2069 (the bidirectional isolates): they
/// break a line or reorder what a reader sees ("Trojan Source").
bool is_format_control(std::string_view text, std::size_t i) {
    const auto b1 = static_cast<unsigned char>(text[i + 1]);
    const auto b2 = static_cast<unsigned char>(text[i + 2]);
    return (b1 == 0x80U && b2 >= 0xA8U && b2 <= 0xAEU) ||
           (b1 == 0x81U && b2 >= 0xA6U && b2 <= 0xA9U);
}

/// `text` with terminal control characters replaced by '?'.
std::string terminal_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b < 0x20U || b == 0x7FU) {
            out += '?';
        } else if (b == 0xC2U && i + 1 < text.size() &&
                   static_cast<unsigned char>(text[i + 1]) >= 0x80U &&
                   static_cast<unsigned char>(text[i + 1]) <= 0x9FU) {
            out += '?'; // U+0080..U+009F, the C1 controls (CSI among them)
            ++i;
        } else if (b == 0xE2U && i + 2 < text.size() && is_format_control(text, i)) {
            out += '?'; // line/paragraph separators and bidirectional overrides
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

/// Characters (code points) in valid UTF-8 text.
std::size_t length_of(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char ch) {
        return (static_cast<unsigned char>(ch) & 0xC0U) != 0x80U;
    }));
}

/// `text` cut to `max` characters (ending with "...") and padded with spaces to `width`.
void append_padded(std::string_view text, std::size_t width, std::size_t max, std::string& out) {
    std::size_t len = length_of(text);
    if (len > max) {
        std::size_t kept = 0;
        std::size_t i = 0;
        for (; i < text.size(); ++i) {
            if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) {
                if (kept == max - 3) {
                    break;
                }
                ++kept;
            }
        }
        out.append(text.substr(0, i));
        out += "...";
        len = max;
    } else {
        out += text;
    }
    if (len < width) {
        out.append(width - len, ' ');
    }
}

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& ch : out) {
        ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
    return out;
}

struct row {
    ga::severity severity;
    std::string rule_id;
    std::string title;
    std::string status;
    std::string account, region, name, type, message, baseline, reason;
    bool suppressed;
};

bool before(const row& a, const row& b) {
    if (a.severity != b.severity) {
        return a.severity > b.severity;
    }
    return std::tie(a.rule_id, a.account, a.region, a.name) <
           std::tie(b.rule_id, b.account, b.region, b.name);
}

class table_writer final : public finding_writer {
public:
    void write(const ga::finding& f, std::string& out) override {
        (void)out;
        const auto* rule = f.result.rule;
        rows_.push_back(row{
            f.result.severity,
            terminal_text(rule_id_of(f)),
            terminal_text(rule != nullptr ? rule->title : std::string_view{}),
            std::string(ga::to_string(f.result.status)),
            terminal_text(f.resource.account_id),
            terminal_text(f.resource.region),
            terminal_text(f.resource.name),
            terminal_text(f.resource.connection_type.empty() ? std::string_view{"-"}
                                                             : f.resource.connection_type),
            terminal_text(f.result.message),
            std::string(to_string(f.baseline)),
            terminal_text(f.suppression_reason),
            f.suppressed,
        });
    }

    void end(const audit_summary& summary, std::string& out) override {
        std::stable_sort(rows_.begin(), rows_.end(), before);
        std::vector<const row*> active;
        std::vector<const row*> suppressed;
        for (const auto& r : rows_) {
            (r.suppressed ? suppressed : active).push_back(&r);
        }
        write_groups(active, out);
        if (!suppressed.empty()) {
            out += "SUPPRESSED (";
            out += std::to_string(suppressed.size());
            out += ")\n";
            write_rows(suppressed, true, out);
            out += '\n';
        }
        write_totals(summary, out);
    }

private:
    void write_groups(const std::vector<const row*>& rows, std::string& out) const {
        for (std::size_t i = 0; i < rows.size();) {
            std::size_t j = i;
            while (j < rows.size() && rows[j]->severity == rows[i]->severity &&
                   rows[j]->rule_id == rows[i]->rule_id) {
                ++j;
            }
            out += upper(ga::to_string(rows[i]->severity));
            out += "  ";
            out += rows[i]->rule_id;
            out += "  ";
            out += rows[i]->title;
            out += " (";
            out += std::to_string(j - i);
            out += ")\n";
            write_rows({rows.begin() + static_cast<std::ptrdiff_t>(i),
                        rows.begin() + static_cast<std::ptrdiff_t>(j)},
                       false, out);
            out += '\n';
            i = j;
        }
    }

    static void write_rows(const std::vector<const row*>& rows, bool with_rule, std::string& out) {
        std::size_t account_w = 0, region_w = 0, name_w = 0, type_w = 0;
        for (const row* r : rows) {
            account_w = std::max(account_w, length_of(r->account));
            region_w = std::max(region_w, length_of(r->region));
            name_w = std::max(name_w, std::min(length_of(r->name), max_name_columns));
            type_w = std::max(type_w, length_of(r->type));
        }
        for (const row* r : rows) {
            out += "  ";
            if (with_rule) {
                out += upper(ga::to_string(r->severity));
                out += ' ';
                out += r->rule_id;
                out += "  ";
            }
            append_padded(r->account, account_w, account_w, out);
            out += "  ";
            append_padded(r->region, region_w, region_w, out);
            out += "  ";
            append_padded(r->name, name_w, max_name_columns, out);
            out += "  ";
            append_padded(r->type, type_w, type_w, out);
            out += "  ";
            if (r->status != "FAIL") {
                out += '[';
                out += r->status;
                out += "] ";
            }
            if (!r->baseline.empty()) {
                out += '[';
                out += r->baseline;
                out += "] ";
            }
            out += r->message;
            if (r->suppressed) {
                out += " (suppressed: ";
                out += r->reason;
                out += ')';
            }
            out += '\n';
        }
    }

    static void write_totals(const audit_summary& s, std::string& out) {
        std::size_t total = 0;
        for (const auto n : s.findings_by_severity) {
            total += n;
        }
        out += std::to_string(total);
        out += total == 1 ? " finding (" : " findings (";
        for (std::size_t i = s.findings_by_severity.size(); i-- > 0;) {
            out += std::to_string(s.findings_by_severity[i]);
            out += ' ';
            out += ga::to_string(static_cast<ga::severity>(i));
            out += i > 0 ? ", " : ")";
        }
        out += ", ";
        out += std::to_string(s.suppressed);
        out += " suppressed";
        if (s.new_findings + s.unchanged_findings + s.absent_findings > 0) {
            out += ", ";
            out += std::to_string(s.new_findings);
            out += " new, ";
            out += std::to_string(s.unchanged_findings);
            out += " unchanged, ";
            out += std::to_string(s.absent_findings);
            out += " absent";
        }
        out += "; ";
        out += std::to_string(s.connections_evaluated);
        out += " connections evaluated; ";
        out += std::to_string(s.targets_failed);
        out += " of ";
        out += std::to_string(s.targets_total);
        out += " targets failed";
        if (s.interrupted) {
            out += "; interrupted";
        }
        out += '\n';
    }

    std::vector<row> rows_;
};

} // namespace

std::unique_ptr<finding_writer> make_table_finding_writer() {
    return std::make_unique<table_writer>();
}

} // namespace glue_cli::audit
