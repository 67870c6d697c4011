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

#include <string>
#include <vector>

namespace glue_cli::audit {
namespace {

void append_member(std::string_view key, std::string_view value, std::string& out) {
    out += ',';
    append_json_key(key, out);
    append_json_string(value, out);
}

/// Whether two resources write the same members.
bool same_resource(const ga::resource& a, const ga::resource& b) {
    return a.arn == b.arn && a.partition == b.partition && a.account_id == b.account_id &&
           a.region == b.region && a.catalog_id == b.catalog_id && a.name == b.name &&
           a.connection_type == b.connection_type && a.last_updated_time == b.last_updated_time &&
           a.connection_schema_version == b.connection_schema_version;
}

/// Arn .. LastUpdatedTime: the members of the connection.
void append_resource(const ga::resource& r, std::string& out) {
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
}

/// A connection usually has several findings, and a rule's texts are the same in all of its
/// findings: both are escaped once and their JSON copied (the writer is then about as fast per
/// byte as the scan's record writer). What is left per finding: severity, status, message,
/// evidence, fingerprint.
class ndjson_writer final : public finding_writer {
public:
    void write(const ga::finding& f, std::string& out) override {
        const auto* rule = f.result.rule;
        const auto& r = f.resource;
        const auto& json = rule_texts(rule);
        out += json.head; // {"RuleId":..,"RuleVersion":..
        // Enum names and the hex fingerprint are plain ASCII: no escaping to do.
        out += ",\"Severity\":\"";
        out += ga::to_string(f.result.severity);
        out += "\",\"Status\":\"";
        out += ga::to_string(f.result.status);
        out += '"';
        out += json.title; // ,"Title":..
        if (!have_resource_ || !same_resource(r, resource_)) {
            resource_ = r;
            have_resource_ = true;
            resource_json_.clear();
            append_resource(r, resource_json_);
        }
        out += resource_json_;
        append_member("Message", f.result.message, out);
        out += ",\"Evidence\":";
        append_evidence_object(f, out);
        out += json.tail; // ,"Remediation":..,"HelpUri":..
        // The fingerprint is this audit's (hex) except in a baseline's absent finding, which
        // carries the one read from the baseline file: that one is escaped.
        if (f.baseline != ga::baseline_state::absent) {
            out += ",\"Fingerprint\":\"";
            out += f.fingerprint;
            out += "\",\"Uid\":";
            out += json.uid_prefix; // "glue-inventory/<rule>/
            out += f.fingerprint;
            out += '"';
        } else {
            append_member("Fingerprint", f.fingerprint, out);
            append_member("Uid", finding_uid(f), out);
        }
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

private:
    struct rule_json {
        std::string head, title, tail;
        std::string uid_prefix; // "glue-inventory/<rule ID>/ : the Uid's start, escaped
    };

    /// The JSON of `rule`'s constant members, made on first use (index 0: no rule).
    const rule_json& rule_texts(const ga::rule_info* rule) {
        const auto all = ga::rules();
        std::size_t index = 0;
        if (rule != nullptr && rule >= all.data() && rule < all.data() + all.size()) {
            index = static_cast<std::size_t>(rule - all.data()) + 1;
        } else if (rule != nullptr) {
            // Not one of the catalogue's (a test's own rule): not cached.
            other_ = make_texts(rule);
            return other_;
        }
        if (texts_.size() < all.size() + 1) {
            texts_.resize(all.size() + 1);
            made_.assign(all.size() + 1, false);
        }
        if (!made_[index]) {
            texts_[index] = make_texts(rule);
            made_[index] = true;
        }
        return texts_[index];
    }

    static rule_json make_texts(const ga::rule_info* rule) {
        rule_json t;
        t.head += '{';
        append_json_key("RuleId", t.head);
        append_json_string(rule != nullptr ? rule->id : std::string_view{}, t.head);
        t.head += ",\"RuleVersion\":";
        t.head += std::to_string(rule != nullptr ? rule->version : 0);
        append_member("Title", rule != nullptr ? rule->title : std::string_view{}, t.title);
        append_member("Remediation", rule != nullptr ? rule->remediation : std::string_view{},
                      t.tail);
        append_member("HelpUri", rule != nullptr ? rule->help_uri : std::string_view{}, t.tail);
        std::string prefix(tool_name);
        prefix += '/';
        prefix += rule != nullptr ? rule->id : std::string_view{};
        prefix += '/';
        append_json_string(prefix, t.uid_prefix);
        t.uid_prefix.pop_back(); // the closing quote: the fingerprint follows
        return t;
    }

    std::vector<rule_json> texts_; // by position in ga::rules(), + 1
    std::vector<bool> made_;
    rule_json other_;
    ga::resource resource_; // the resource of resource_json_
    bool have_resource_ = false;
    std::string resource_json_;
};

} // namespace

std::unique_ptr<finding_writer> make_ndjson_finding_writer() {
    return std::make_unique<ndjson_writer>();
}

} // namespace glue_cli::audit
