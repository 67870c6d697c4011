// --format ndjson: the native format, one finding a line, also what --baseline reads back.
//
// Members, in this order: RuleId, RuleVersion, Severity ("info".."critical"), Status ("FAIL",
// "PASS", "NOT_APPLICABLE", "UNKNOWN"), Title, Arn, Partition, AccountId, Region, CatalogId,
// Name, ConnectionType and ConnectionSchemaVersion (omitted when the connection has none),
// LastUpdatedTime (ISO 8601 UTC with milliseconds; omitted when absent), Message, Evidence (an
// object of name -> string, in the rule's order), Remediation, HelpUri, Fingerprint, Uid
// (glue-inventory/<rule>/<fingerprint>), Suppressed (a boolean) and SuppressionReason (only
// when suppressed), BaselineState ("new", "unchanged", "absent"; only when a baseline was given).
// Strings are escaped as JSON requires, plus U+2028/U+2029, so a line is always one finding.
#include "audit/finding_text.hpp"
#include "audit/formats.hpp"

namespace glue_cli::audit {
namespace {

void append_member(std::string_view key, std::string_view value, std::string& out) {
    out += ',';
    append_json_key(key, out);
    append_json_string(value, out);
}

class ndjson_writer final : public finding_writer {
public:
    void write(const ga::finding& f, std::string& out) override {
        const auto* rule = f.result.rule;
        const auto& r = f.resource;
        out += '{';
        append_json_key("RuleId", out);
        append_json_string(rule_id_of(f), out);
        out += ",\"RuleVersion\":";
        out += std::to_string(rule != nullptr ? rule->version : 0);
        append_member("Severity", ga::to_string(f.result.severity), out);
        append_member("Status", ga::to_string(f.result.status), out);
        append_member("Title", rule != nullptr ? rule->title : std::string_view{}, out);
        append_member("Arn", r.arn, out);
        append_member("Partition", r.partition, out);
        append_member("AccountId", r.account_id, out);
        append_member("Region", r.region, out);
        append_member("CatalogId", r.catalog_id, out);
        append_member("Name", r.name, out);
        if (!r.connection_type.empty()) {
            append_member("ConnectionType", r.connection_type, out);
        }
        if (r.connection_schema_version) {
            out += ",\"ConnectionSchemaVersion\":";
            out += std::to_string(*r.connection_schema_version);
        }
        if (r.last_updated_time) {
            out += ",\"LastUpdatedTime\":\"";
            append_iso8601(*r.last_updated_time, out);
            out += '"';
        }
        append_member("Message", f.result.message, out);
        out += ",\"Evidence\":";
        append_evidence_object(f, out);
        append_member("Remediation", rule != nullptr ? rule->remediation : std::string_view{}, out);
        append_member("HelpUri", rule != nullptr ? rule->help_uri : std::string_view{}, out);
        append_member("Fingerprint", f.fingerprint, out);
        append_member("Uid", finding_uid(f), out);
        out += ",\"Suppressed\":";
        out += f.suppressed ? "true" : "false";
        if (f.suppressed) {
            append_member("SuppressionReason", f.suppression_reason, out);
        }
        if (f.baseline != ga::baseline_state::none) {
            append_member("BaselineState", to_string(f.baseline), out);
        }
        out += "}\n";
    }
};

} // namespace

std::unique_ptr<finding_writer> make_ndjson_finding_writer() {
    return std::make_unique<ndjson_writer>();
}

} // namespace glue_cli::audit
