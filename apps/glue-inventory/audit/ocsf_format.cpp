// --format ocsf: OCSF 1.5.0 events, one JSON object a line (NDJSON: a stream any size of
// organisation can produce and a SIEM can read line by line; not one JSON array).
//
// Each finding is a Detection Finding (class_uid 2004, category_uid 2 Findings); with
// --include-pass every result is a Compliance Finding instead (class_uid 2003), which adds
// compliance {control: rule ID, status_id 1 Pass / 3 Fail / 99 Other (not applicable) /
// 0 Unknown, standards}: a rule evaluated against a configuration is what that class is for.
// - time: the time of the audit in epoch milliseconds (timestamp_t; Prowler writes seconds).
// - activity_id: 1 Create (no baseline, or new), 2 Update (unchanged), 3 Close (absent);
//   type_uid = class_uid * 100 + activity_id.
// - status_id: 1 New, 3 Suppressed, 4 Resolved (in the baseline, gone now).
// - severity_id 5/4/3/2/1 (severity_map.hpp).
// - resources[0]: the connection {uid ARN, name, type "AWS::Glue::Connection", region,
//   cloud_partition, data: the finding's own non-secret fields}; nothing else of the
//   connection is read (Prowler copies raw properties there, passwords included).
// - evidences[0].data: the rule's evidence (never a secret).
// metadata.profiles ["cloud"] makes cloud {provider, region, account} required, and present.
#include "audit/finding_text.hpp"
#include "audit/formats.hpp"
#include "audit/severity_map.hpp"

namespace glue_cli::audit {
namespace {

/// The OCSF version written in metadata.version.
constexpr std::string_view ocsf_version = "1.5.0";
/// finding_info.types: the kind of finding, as ASFF names it.
constexpr std::string_view finding_type =
    "Software and Configuration Checks/AWS Security Best Practices";

void append_member(std::string_view key, std::string_view value, std::string& out) {
    append_json_key(key, out);
    append_json_string(value, out);
}

void append_integer(std::string_view key, long long value, std::string& out) {
    append_json_key(key, out);
    out += std::to_string(value);
}

struct activity {
    int id;
    std::string_view name;
};

activity activity_of(ga::baseline_state b) {
    switch (b) {
    case ga::baseline_state::unchanged:
        return {2, "Update"};
    case ga::baseline_state::absent:
        return {3, "Close"};
    case ga::baseline_state::new_:
    case ga::baseline_state::none:
        break;
    }
    return {1, "Create"};
}

struct compliance_status {
    int id;
    std::string_view name;
};

compliance_status compliance_of(ga::status s) {
    switch (s) {
    case ga::status::pass:
        return {1, "Pass"};
    case ga::status::fail:
        return {3, "Fail"};
    case ga::status::not_applicable:
        return {99, "Not Applicable"};
    case ga::status::unknown:
        break;
    }
    return {0, "Unknown"};
}

class ocsf_writer final : public finding_writer {
public:
    void begin(const report_info& info, std::string& out) override {
        (void)out;
        info_ = info;
    }

    void write(const ga::finding& f, std::string& out) override {
        const auto* rule = f.result.rule;
        const auto& r = f.resource;
        const bool compliance = info_.include_pass;
        const int class_uid = compliance ? 2003 : 2004;
        const std::string_view class_name = compliance ? "Compliance Finding" : "Detection Finding";
        const auto act = activity_of(f.baseline);
        const auto& sev = mapping_of(f.result.severity);

        out += '{';
        append_integer("category_uid", 2, out);
        out += ',';
        append_member("category_name", "Findings", out);
        out += ',';
        append_integer("class_uid", class_uid, out);
        out += ',';
        append_member("class_name", class_name, out);
        out += ',';
        append_integer("activity_id", act.id, out);
        out += ',';
        append_member("activity_name", act.name, out);
        out += ',';
        append_integer("type_uid", static_cast<long long>(class_uid) * 100 + act.id, out);
        out += ',';
        std::string type_name(class_name);
        type_name += ": ";
        type_name += act.name;
        append_member("type_name", type_name, out);
        out += ',';
        append_integer("time", epoch_millis(info_.started), out);
        out += ',';
        append_integer("severity_id", sev.ocsf_severity_id, out);
        out += ',';
        append_member("severity", sev.ocsf_severity, out);
        out += ',';
        if (f.baseline == ga::baseline_state::absent) {
            append_integer("status_id", 4, out);
            out += ",\"status\":\"Resolved\"";
        } else if (f.suppressed) {
            append_integer("status_id", 3, out);
            out += ",\"status\":\"Suppressed\"";
        } else {
            append_integer("status_id", 1, out);
            out += ",\"status\":\"New\"";
        }
        out += ',';
        append_member("message", f.result.message, out);

        out += ",\"metadata\":{";
        append_member("version", ocsf_version, out);
        out += ",\"product\":{";
        append_member("name", tool_name, out);
        out += ',';
        append_member("vendor_name", tool_name, out);
        out += ',';
        append_member("version", info_.tool_version, out);
        out += "},\"profiles\":[\"cloud\"]";
        out += ',';
        append_member("event_code", rule_id_of(f), out);
        out += '}';

        out += ",\"finding_info\":{";
        append_member("uid", finding_uid(f), out);
        if (rule != nullptr) {
            out += ',';
            append_member("title", rule->title, out);
            out += ',';
            append_member("desc", rule->description, out);
        }
        out += ",\"analytic\":{";
        append_member("uid", rule_id_of(f), out);
        if (rule != nullptr) {
            out += ',';
            append_member("name", rule->title, out);
            out += ',';
            append_member("version", std::to_string(rule->version), out);
        }
        out += ",\"type_id\":1,\"type\":\"Rule\"},\"types\":[";
        append_json_string(finding_type, out);
        out += "]}";

        if (compliance) {
            const auto cs = compliance_of(f.result.status);
            out += ",\"compliance\":{";
            append_member("control", rule_id_of(f), out);
            out += ',';
            append_integer("status_id", cs.id, out);
            out += ',';
            append_member("status", cs.name, out);
            out += ",\"standards\":[\"glue-inventory rules\"]}";
        }

        out += ",\"resources\":[{";
        append_member("uid", r.arn, out);
        out += ',';
        append_member("name", r.name, out);
        out += ",\"type\":\"AWS::Glue::Connection\",";
        append_member("region", r.region, out);
        out += ',';
        append_member("cloud_partition", r.partition, out);
        out += ",\"data\":{";
        append_member("AccountId", r.account_id, out);
        out += ',';
        append_member("CatalogId", r.catalog_id, out);
        if (!r.connection_type.empty()) {
            out += ',';
            append_member("ConnectionType", r.connection_type, out);
        }
        if (r.connection_schema_version) {
            out += ',';
            append_integer("ConnectionSchemaVersion", *r.connection_schema_version, out);
        }
        if (r.last_updated_time) {
            out += ",\"LastUpdatedTime\":\"";
            append_iso8601(*r.last_updated_time, out);
            out += '"';
        }
        out += ',';
        append_member("Fingerprint", f.fingerprint, out);
        out += "}}]";

        out += ",\"cloud\":{\"provider\":\"AWS\",";
        append_member("region", r.region, out);
        out += ",\"account\":{";
        append_member("uid", r.account_id, out);
        out += ",\"type_id\":10,\"type\":\"AWS Account\"}}";

        if (rule != nullptr && !rule->remediation.empty()) {
            out += ",\"remediation\":{";
            append_member("desc", rule->remediation, out);
            if (!rule->help_uri.empty()) {
                out += ",\"references\":[";
                append_json_string(rule->help_uri, out);
                out += ']';
            }
            out += '}';
        }

        out += ",\"evidences\":[{\"data\":";
        append_evidence_object(f, out);
        out += "}]";

        if (f.suppressed) {
            out += ",\"unmapped\":{";
            append_member("suppression_reason", f.suppression_reason, out);
            out += '}';
        }
        out += "}\n";
    }

private:
    report_info info_;
};

} // namespace

std::unique_ptr<finding_writer> make_ocsf_finding_writer() {
    return std::make_unique<ocsf_writer>();
}

} // namespace glue_cli::audit
