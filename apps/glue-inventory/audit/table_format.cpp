// --format table: findings for a person at a terminal, grouped by severity (critical first),
// then by rule, then a totals line.
//
// Grouping needs every finding: each is serialised at once into its group's rows, kept in a
// spill_store (a temporary file), so that memory stays flat however many findings there are.
// Within a group, rows are sorted by account, region and name (up to max_sorted_group_bytes).
// Suppressed findings are listed apart, after the others, with their reason. Control characters
// (which could move the cursor or recolour a terminal), C0, DEL and C1, and the Unicode line
// separators and bidirectional controls are shown as '?'.
#include "audit/finding_text.hpp"
#include "audit/formats.hpp"
#include "audit/spill_store.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <string>
#include <string_view>
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

/// The fields of a row, as the writer keeps them (terminal_text has replaced every control
/// character, so neither separator can occur in a field).
constexpr char field_separator = '\x1f';
constexpr char row_end = '\n';

/// A group is sorted by account, region and name when its rows take at most this many bytes;
/// a larger one (a rule failing on most of an organisation) is listed in the order its findings
/// came, so that end() never holds more than this.
constexpr std::size_t max_sorted_group_bytes = 512 * 1024;

struct row {
    std::string_view severity, rule_id, title, status, account, region, name, type, message,
        baseline, reason, suppressed;
};

/// The row of `text` (one record without its end).
row parse_row(std::string_view text) {
    std::array<std::string_view, 12> fields{};
    for (auto& field : fields) {
        const auto at = text.find(field_separator);
        field = text.substr(0, at);
        text = at == std::string_view::npos ? std::string_view{} : text.substr(at + 1);
    }
    return row{fields[0], fields[1], fields[2], fields[3], fields[4],  fields[5],
               fields[6], fields[7], fields[8], fields[9], fields[10], fields[11]};
}

/// Every row of `text` (whole records).
void parse_rows(std::string_view text, std::vector<row>& out) {
    while (!text.empty()) {
        const auto at = text.find(row_end);
        out.push_back(parse_row(text.substr(0, at)));
        text = at == std::string_view::npos ? std::string_view{} : text.substr(at + 1);
    }
}

/// Column widths of a list of rows.
struct widths {
    std::size_t account = 0, region = 0, name = 0, type = 0;
    void add(std::string_view a, std::string_view r, std::string_view n, std::string_view t) {
        account = std::max(account, length_of(a));
        region = std::max(region, length_of(r));
        name = std::max(name, std::min(length_of(n), max_name_columns));
        type = std::max(type, length_of(t));
    }
};

/// A group: its rows' count, bytes and widths (the rows are in the spill_store).
struct group {
    std::size_t rows = 0;
    std::size_t bytes = 0;
    widths w;
    std::string severity, rule_id, title;
};

/// Groups sort as the table lists them: unsuppressed first, severity descending, rule ID.
std::string group_key(const ga::finding& f, std::string_view rule_id) {
    std::string key;
    key += f.suppressed ? '1' : '0';
    key += static_cast<char>('4' - static_cast<int>(f.result.severity));
    key += rule_id;
    return key;
}

class table_writer final : public finding_writer {
public:
    void write(const ga::finding& f, std::string& out) override {
        (void)out;
        const auto* rule = f.result.rule;
        const std::string rule_id = terminal_text(rule_id_of(f));
        const std::string account = terminal_text(f.resource.account_id);
        const std::string region = terminal_text(f.resource.region);
        const std::string name = terminal_text(f.resource.name);
        const std::string type =
            terminal_text(f.resource.connection_type.empty() ? std::string_view{"-"}
                                                             : f.resource.connection_type);
        const std::string key = group_key(f, rule_id);
        auto& g = groups_[key];
        if (g.rows == 0) {
            g.severity = upper(ga::to_string(f.result.severity));
            g.rule_id = rule_id;
            g.title = terminal_text(rule != nullptr ? rule->title : std::string_view{});
        }
        auto& w = f.suppressed ? suppressed_widths_ : g.w;
        w.add(account, region, name, type);
        scratch_.clear();
        for (const std::string_view field :
             {std::string_view{g.severity}, std::string_view{rule_id}, std::string_view{g.title},
              ga::to_string(f.result.status), std::string_view{account}, std::string_view{region},
              std::string_view{name}, std::string_view{type}}) {
            scratch_ += field;
            scratch_ += field_separator;
        }
        scratch_ += terminal_text(f.result.message);
        scratch_ += field_separator;
        scratch_ += to_string(f.baseline);
        scratch_ += field_separator;
        scratch_ += terminal_text(f.suppression_reason);
        scratch_ += field_separator;
        scratch_ += f.suppressed ? '1' : '0';
        scratch_ += row_end;
        ++g.rows;
        g.bytes += scratch_.size();
        if (f.suppressed) {
            ++suppressed_rows_;
        }
        rows_.append(key, scratch_);
    }

    void end(const audit_summary& summary, std::string& out) override {
        bool in_suppressed = false;
        for (const auto& [key, g] : groups_) {
            const bool suppressed = key[0] == '1';
            if (!suppressed) {
                out += g.severity;
                out += "  ";
                out += g.rule_id;
                out += "  ";
                out += g.title;
                out += " (";
                out += std::to_string(g.rows);
                out += ")\n";
            } else if (!in_suppressed) {
                in_suppressed = true;
                out += "SUPPRESSED (";
                out += std::to_string(suppressed_rows_);
                out += ")\n";
            }
            write_group(key, g, suppressed ? suppressed_widths_ : g.w, suppressed, out);
            if (!suppressed) {
                out += '\n';
            }
        }
        if (in_suppressed) {
            out += '\n';
        }
        write_totals(summary, out);
        groups_.clear();
        rows_.clear();
        suppressed_widths_ = {};
        suppressed_rows_ = 0;
    }

private:
    void write_group(const std::string& key, const group& g, const widths& w, bool with_rule,
                     std::string& out) {
        if (g.bytes <= max_sorted_group_bytes) {
            std::string text;
            text.reserve(g.bytes);
            rows_.read(key, [&](std::string_view piece) { text += piece; });
            std::vector<row> rows;
            rows.reserve(g.rows);
            parse_rows(text, rows);
            std::stable_sort(rows.begin(), rows.end(), [](const row& a, const row& b) {
                return std::tie(a.account, a.region, a.name) <
                       std::tie(b.account, b.region, b.name);
            });
            for (const auto& r : rows) {
                write_row(r, w, with_rule, out);
            }
            maybe_drain(out);
            return;
        }
        std::vector<row> rows;
        rows_.read(key, [&](std::string_view piece) {
            rows.clear();
            parse_rows(piece, rows);
            for (const auto& r : rows) {
                write_row(r, w, with_rule, out);
            }
            maybe_drain(out);
        });
    }

    static void write_row(const row& r, const widths& w, bool with_rule, std::string& out) {
        out += "  ";
        if (with_rule) {
            out += r.severity;
            out += ' ';
            out += r.rule_id;
            out += "  ";
        }
        append_padded(r.account, w.account, w.account, out);
        out += "  ";
        append_padded(r.region, w.region, w.region, out);
        out += "  ";
        append_padded(r.name, w.name, max_name_columns, out);
        out += "  ";
        append_padded(r.type, w.type, w.type, out);
        out += "  ";
        if (r.status != "FAIL") {
            out += '[';
            out += r.status;
            out += "] ";
        }
        if (!r.baseline.empty()) {
            out += '[';
            out += r.baseline;
            out += "] ";
        }
        out += r.message;
        if (r.suppressed == "1") {
            out += " (suppressed: ";
            out += r.reason;
            out += ')';
        }
        out += '\n';
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

    std::map<std::string, group> groups_; // by group_key
    spill_store rows_;                    // by group_key: the rows' fields
    widths suppressed_widths_;            // the suppressed rows are aligned together
    std::size_t suppressed_rows_ = 0;
    std::string scratch_;
};

} // namespace

std::unique_ptr<finding_writer> make_table_finding_writer() {
    return std::make_unique<table_writer>();
}

} // namespace glue_cli::audit
