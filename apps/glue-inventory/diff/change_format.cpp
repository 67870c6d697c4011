#include "diff/change_format.hpp"

#include "csv_format.hpp" // append_csv_cell

#include <glue_inventory/record_values.hpp> // write_json_string

namespace glue_cli::diff {

namespace {

using glue_inventory::write_json_string;

void json_member(std::string_view name, std::string_view value, std::string& out) {
    out += ',';
    write_json_string(name, out);
    out += ':';
    write_json_string(value, out);
}

class ndjson_change_writer final : public change_writer {
public:
    void write(const connection_change& c, std::string& out) override {
        out += "{\"Change\":";
        write_json_string(to_string(c.kind), out);
        json_member("AccountId", c.account_id, out);
        json_member("Region", c.region, out);
        json_member("CatalogId", c.catalog_id, out);
        if (c.kind == change_kind::not_compared) {
            json_member("FailedIn", c.failed_in, out);
            json_member("ErrorCode", c.error_code, out);
            out += "}\n";
            return;
        }
        json_member("Name", c.name, out);
        if (c.kind == change_kind::changed) {
            out += ",\"Members\":[";
            bool first = true;
            for (const auto& m : c.members) {
                out += first ? "{\"Path\":" : ",{\"Path\":";
                first = false;
                write_json_string(m.path, out);
                json_member("Change", to_string(m.kind), out);
                if (m.secret) {
                    out += ",\"Secret\":true";
                } else {
                    if (!m.old_value.empty()) {
                        out += ",\"Old\":";
                        out += m.old_value;
                    }
                    if (!m.new_value.empty()) {
                        out += ",\"New\":";
                        out += m.new_value;
                    }
                }
                out += '}';
            }
            out += "]}\n";
            return;
        }
        out += ",\"Record\":";
        out += c.record;
        out += "}\n";
    }
};

class csv_change_writer final : public change_writer {
public:
    void begin(std::string& out) override {
        out += "Change,AccountId,Region,CatalogId,Name,Member,Old,New\r\n";
    }
    void write(const connection_change& c, std::string& out) override {
        if (c.kind != change_kind::changed) {
            row(c, {}, c.kind == change_kind::not_compared ? "FailedIn=" + c.failed_in : "",
                c.kind == change_kind::not_compared ? "ErrorCode=" + c.error_code : "", out);
            return;
        }
        for (const auto& m : c.members) {
            if (m.secret) {
                row(c, m.path, m.kind == member_change_kind::added ? "" : "(secret)",
                    m.kind == member_change_kind::removed ? "" : "(secret changed)", out);
            } else {
                row(c, m.path, m.old_value, m.new_value, out);
            }
        }
    }

private:
    static void row(const connection_change& c, std::string_view member, std::string_view old_value,
                    std::string_view new_value, std::string& out) {
        append_csv_cell(c.kind == change_kind::not_compared ? "not_compared" : to_string(c.kind),
                        out);
        for (std::string_view cell : {std::string_view(c.account_id), std::string_view(c.region),
                                      std::string_view(c.catalog_id), std::string_view(c.name),
                                      member, old_value, new_value}) {
            out += ',';
            append_csv_cell(cell, out);
        }
        out += "\r\n";
    }
};

/// Terminal text: control characters (a newline inside a value) as spaces, so a block stays
/// one line per member.
void append_line_safe(std::string_view text, std::string& out) {
    for (char ch : text) {
        const auto byte = static_cast<unsigned char>(ch);
        out += byte < 0x20 || byte == 0x7F ? ' ' : ch;
    }
}

class table_change_writer final : public change_writer {
public:
    void write(const connection_change& c, std::string& out) override {
        switch (c.kind) {
        case change_kind::added:
            out += "+ ";
            break;
        case change_kind::removed:
            out += "- ";
            break;
        case change_kind::changed:
            out += "~ ";
            break;
        case change_kind::not_compared:
            out += "? ";
            break;
        }
        append_line_safe(c.account_id, out);
        out += "  ";
        append_line_safe(c.region, out);
        out += "  ";
        append_line_safe(c.catalog_id, out);
        if (c.kind == change_kind::not_compared) {
            out += "  not compared: the target failed in the ";
            out += c.failed_in == "both" ? "old and the new" : c.failed_in;
            out += c.failed_in == "both" ? " scans" : " scan";
            if (!c.error_code.empty()) {
                out += " (";
                append_line_safe(c.error_code, out);
                out += ')';
            }
            out += '\n';
            return;
        }
        out += "  ";
        append_line_safe(c.name, out);
        out += c.kind == change_kind::added     ? "  added\n"
               : c.kind == change_kind::removed ? "  removed\n"
                                                : "\n";
        for (const auto& m : c.members) {
            out += "    ";
            append_line_safe(m.path, out);
            out += ": ";
            if (m.secret) {
                out += m.kind == member_change_kind::changed ? "changed (secret, not shown)"
                       : m.kind == member_change_kind::added ? "added (secret, not shown)"
                                                             : "removed (secret, not shown)";
            } else {
                append_line_safe(m.old_value.empty() ? "(absent)" : m.old_value, out);
                out += " -> ";
                append_line_safe(m.new_value.empty() ? "(absent)" : m.new_value, out);
            }
            out += '\n';
        }
    }
    void end(const diff_counts& counts, std::string& out) override {
        out += summary_text(counts);
        out += '\n';
    }
};

} // namespace

std::unique_ptr<change_writer> make_change_writer(change_format format) {
    switch (format) {
    case change_format::ndjson:
        return std::make_unique<ndjson_change_writer>();
    case change_format::csv:
        return std::make_unique<csv_change_writer>();
    case change_format::table:
        return std::make_unique<table_change_writer>();
    }
    return std::make_unique<ndjson_change_writer>();
}

std::string summary_text(const diff_counts& counts) {
    std::string s = std::to_string(counts.added) + " added, " + std::to_string(counts.removed) +
                    " removed, " + std::to_string(counts.changed) + " changed, " +
                    std::to_string(counts.unchanged) + " unchanged";
    if (counts.not_compared_targets > 0) {
        s += ", " + std::to_string(counts.not_compared_targets) +
             (counts.not_compared_targets == 1 ? " target" : " targets") + " not compared (" +
             std::to_string(counts.skipped_records) + " records skipped)";
    }
    if (counts.problems > 0) {
        s += ", " + std::to_string(counts.problems) + " input " +
             (counts.problems == 1 ? "line" : "lines") + " skipped";
    }
    return s;
}

} // namespace glue_cli::diff
