// --format csv: the columns of the NDJSON finding, flattened, RFC 4180 (as scan's CSV: CRLF line
// ends, a cell quoted only when it holds a comma, a double quote, CR or LF).
//
// Every column is always there (an absent value is an empty cell), so that a spreadsheet or
// a script can rely on the header. Evidence is one cell, `name=value;name=value`, with '\\', ';'
// and '=' inside names and values escaped by a backslash. Suppressed is "true"/"false".
#include "csv_format.hpp" // append_csv_cell

#include "audit/finding_text.hpp"
#include "audit/formats.hpp"

#include <array>

namespace glue_cli::audit {
namespace {

constexpr std::array<std::string_view, 23> columns = {
    "RuleId",
    "RuleVersion",
    "Severity",
    "Status",
    "Title",
    "Arn",
    "Partition",
    "AccountId",
    "Region",
    "CatalogId",
    "Name",
    "ConnectionType",
    "LastUpdatedTime",
    "Message",
    "Evidence",
    "Remediation",
    "HelpUri",
    "Fingerprint",
    "Uid",
    "Suppressed",
    "SuppressionReason",
    "BaselineState",
    "ConnectionSchemaVersion",
};

class csv_writer final : public finding_writer {
public:
    void begin(const report_info& info, std::string& out) override {
        (void)info;
        bool first = true;
        for (const auto column : columns) {
            if (!first) {
                out += ',';
            }
            first = false;
            out += column;
        }
        out += "\r\n";
    }

    void write(const ga::finding& f, std::string& out) override {
        const auto* rule = f.result.rule;
        const auto& r = f.resource;
        std::string time;
        if (r.last_updated_time) {
            append_iso8601(*r.last_updated_time, time);
        }
        const std::array<std::string, columns.size()> cells = {
            std::string(rule_id_of(f)),
            rule != nullptr ? std::to_string(rule->version) : std::string(),
            std::string(ga::to_string(f.result.severity)),
            std::string(ga::to_string(f.result.status)),
            rule != nullptr ? std::string(rule->title) : std::string(),
            r.arn,
            r.partition,
            r.account_id,
            r.region,
            r.catalog_id,
            r.name,
            r.connection_type,
            time,
            f.result.message,
            evidence_list(f),
            rule != nullptr ? std::string(rule->remediation) : std::string(),
            rule != nullptr ? std::string(rule->help_uri) : std::string(),
            f.fingerprint,
            finding_uid(f),
            f.suppressed ? "true" : "false",
            f.suppressed ? f.suppression_reason : std::string(),
            std::string(to_string(f.baseline)),
            r.connection_schema_version ? std::to_string(*r.connection_schema_version)
                                        : std::string(),
        };
        bool first = true;
        for (const auto& cell : cells) {
            if (!first) {
                out += ',';
            }
            first = false;
            append_csv_cell(cell, out);
        }
        out += "\r\n";
    }
};

} // namespace

std::unique_ptr<finding_writer> make_csv_finding_writer() {
    return std::make_unique<csv_writer>();
}

} // namespace glue_cli::audit
