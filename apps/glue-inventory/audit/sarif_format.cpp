// --format sarif: SARIF 2.1.0 (OASIS, errata 01), shaped for GitHub code scanning.
//
// - One run per account (the catalog owner), each with automationDetails.id
//   "glue-inventory/<account>/", so that uploading one account's alerts never closes another's.
//   Findings stream in any order: each result is serialised at once and kept, by account, in a
//   spill_store (a temporary file, not memory), and the whole log is written at end(); with no
//   finding at all it writes one empty run ("glue-inventory/").
// - Each result names the connection twice: a relative pseudo-path
//   aws/<partition>/<account>/<region>/glue/connection/<percent-encoded name> with
//   region.startLine 1 (GitHub shows no result without a relative artifactLocation and a line:
//   sarif-sdk GH1001, GH1003, GH1005), and a logicalLocation {kind "resource", name, ARN}.
// - partialFingerprints {"glueInventory/v1": fingerprint}: without it upload-sarif hashes a
//   source file that does not exist; the fingerprint is stable across runs and versions.
// - kind: FAIL -> fail, PASS -> pass, NOT_APPLICABLE -> notApplicable, UNKNOWN -> review (a
//   person must look); level by severity (severity_map.hpp) for fail, "none" otherwise.
// - Suppressed findings carry suppressions [{kind external, status accepted, justification}];
//   with a baseline, baselineState new / unchanged / absent.
// - invocations[0]: executionSuccessful is false when targets failed or the run was
//   interrupted (an incomplete audit never looks clean), with toolExecutionNotifications saying
//   so, and naming the expired suppression entries.
//
// GitHub's limits (docs: "SARIF support for code scanning"): 20 runs a file, 25,000 results a
// run of which 5,000 are shown (by severity), 25,000 rules, 1,000 locations a result, 10 MB
// gzipped a file; 20 tags a rule (10 shown). An organisation-wide audit exceeds them: SARIF is
// for scoped runs (a few accounts); NDJSON or OCSF carry the whole organisation.
#include "audit/finding_text.hpp"
#include "audit/formats.hpp"
#include "audit/severity_map.hpp"
#include "audit/spill_store.hpp"

#include <map>
#include <vector>

namespace glue_cli::audit {
namespace {

constexpr std::string_view schema_uri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/// The key of our partialFingerprints entry; "/v1" changes only if the fingerprint's recipe does.
constexpr std::string_view fingerprint_key = "glueInventory/v1";

std::string_view kind_of(ga::status s) {
    switch (s) {
    case ga::status::fail:
        return "fail";
    case ga::status::pass:
        return "pass";
    case ga::status::not_applicable:
        return "notApplicable";
    case ga::status::unknown:
        break;
    }
    return "review";
}

void append_member(std::string_view key, std::string_view value, std::string& out) {
    append_json_key(key, out);
    append_json_string(value, out);
}

/// Whether `uri` starts with a scheme (RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":").
bool is_absolute_uri(std::string_view uri) {
    const auto colon = uri.find(':');
    if (colon == std::string_view::npos || colon == 0) {
        return false;
    }
    for (std::size_t i = 0; i < colon; ++i) {
        const char ch = uri[i];
        const bool alpha = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
        const bool other = (ch >= '0' && ch <= '9') || ch == '+' || ch == '-' || ch == '.';
        if (!alpha && (i == 0 || !other)) {
            return false;
        }
    }
    return true;
}

void append_rule(const ga::rule_info& rule, std::string& out) {
    const auto& m = mapping_of(rule.default_severity);
    out += '{';
    append_member("id", rule.id, out);
    out += ',';
    append_member("name", rule.title, out);
    out += ",\"shortDescription\":{";
    append_member("text", rule.title, out);
    out += "},\"fullDescription\":{";
    append_member("text", rule.description, out);
    out += "},\"help\":{";
    std::string text(rule.remediation);
    std::string markdown = "**Remediation.** ";
    markdown += rule.remediation;
    if (!rule.help_uri.empty()) {
        text += "\n\nDocumentation: ";
        text += rule.help_uri;
        markdown += "\n\n[Documentation](";
        markdown += rule.help_uri;
        markdown += ')';
    }
    markdown += "\n\nApplies to: ";
    markdown += rule.applies_to;
    append_member("text", text, out);
    out += ',';
    append_member("markdown", markdown, out);
    out += '}';
    // SARIF wants helpUri absolute (section 3.49.12); a page of docs/rules/ given as a relative
    // path stays in the help text only.
    if (is_absolute_uri(rule.help_uri)) {
        out += ',';
        append_member("helpUri", rule.help_uri, out);
    }
    out += ",\"defaultConfiguration\":{";
    append_member("level", m.sarif_level, out);
    out += "},\"properties\":{\"tags\":[\"security\",\"aws\",\"glue\"],";
    append_member("security-severity", m.security_severity, out);
    out += ',';
    append_member("severity", ga::to_string(rule.default_severity), out);
    out += ",\"version\":";
    append_json_string(std::to_string(rule.version), out);
    out += "}}";
}

/// The position of `rule` in ga::rules() (the driver's rules array), or -1.
long rule_index(const ga::rule_info* rule) {
    if (rule == nullptr) {
        return -1;
    }
    const auto all = ga::rules();
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i].id == rule->id) {
            return static_cast<long>(i);
        }
    }
    return -1;
}

void append_result(const ga::finding& f, std::string& out) {
    const auto& r = f.resource;
    const bool failed = f.result.status == ga::status::fail;
    out += '{';
    append_member("ruleId", rule_id_of(f), out);
    if (const long index = rule_index(f.result.rule); index >= 0) {
        out += ",\"ruleIndex\":";
        out += std::to_string(index);
    }
    out += ',';
    append_member("kind", kind_of(f.result.status), out);
    out += ',';
    append_member("level", failed ? mapping_of(f.result.severity).sarif_level : "none", out);
    out += ",\"message\":{";
    std::string_view text = f.result.message;
    if (text.empty() && f.result.rule != nullptr) {
        text = f.result.rule->title;
    }
    append_member("text", text.empty() ? std::string_view{"-"} : text, out);
    out += "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{";
    std::string uri = "aws/";
    uri += percent_encode(r.partition);
    uri += '/';
    uri += percent_encode(r.account_id);
    uri += '/';
    uri += percent_encode(r.region);
    uri += "/glue/connection/";
    uri += percent_encode(r.name);
    append_member("uri", uri, out);
    out += "},\"region\":{\"startLine\":1}},\"logicalLocations\":[{\"kind\":\"resource\",";
    append_member("name", r.name, out);
    out += ',';
    append_member("fullyQualifiedName", r.arn, out);
    out += "}]}],\"partialFingerprints\":{";
    append_member(fingerprint_key, f.fingerprint, out);
    out += '}';
    if (f.suppressed) {
        out += ",\"suppressions\":[{\"kind\":\"external\",\"status\":\"accepted\",";
        append_member("justification", f.suppression_reason, out);
        out += "}]";
    }
    if (f.baseline != ga::baseline_state::none) {
        out += ',';
        append_member("baselineState", to_string(f.baseline), out);
    }
    out += ",\"properties\":{";
    append_member("severity", ga::to_string(f.result.severity), out);
    out += ',';
    append_member("status", ga::to_string(f.result.status), out);
    out += ',';
    append_member("uid", finding_uid(f), out);
    out += ',';
    append_member("accountId", r.account_id, out);
    out += ',';
    append_member("region", r.region, out);
    out += ',';
    append_member("catalogId", r.catalog_id, out);
    if (!r.connection_type.empty()) {
        out += ',';
        append_member("connectionType", r.connection_type, out);
    }
    out += ",\"evidence\":";
    append_evidence_object(f, out);
    out += "}}";
}

class sarif_writer final : public finding_writer {
public:
    void begin(const report_info& info, std::string& out) override {
        (void)out;
        info_ = info;
    }

    void write(const ga::finding& f, std::string& out) override {
        (void)out;
        // Serialised now, each result preceded by a comma (the first one's is dropped at end):
        // the finding object is not kept.
        scratch_.clear();
        scratch_ += ',';
        append_result(f, scratch_);
        results_.append(f.resource.account_id, scratch_);
    }

    void end(const audit_summary& summary, std::string& out) override {
        out += '{';
        append_member("$schema", schema_uri, out);
        out += ",\"version\":\"2.1.0\",\"runs\":[";
        if (results_.empty()) {
            append_run("", summary, out);
        }
        bool first = true;
        for (const auto& account : results_.keys()) {
            if (!first) {
                out += ',';
            }
            first = false;
            append_run(account, summary, out);
        }
        out += "]}\n";
        results_.clear();
    }

private:
    void append_run(const std::string& account, const audit_summary& summary, std::string& out) {
        out += "{\"tool\":{\"driver\":{";
        append_member("name", tool_name, out);
        out += ',';
        append_member("version", info_.tool_version, out);
        out += ",\"rules\":[";
        bool first = true;
        for (const auto& rule : ga::rules()) {
            if (!first) {
                out += ',';
            }
            first = false;
            append_rule(rule, out);
        }
        out += "]}},\"automationDetails\":{";
        std::string id(tool_name);
        id += '/';
        if (!account.empty()) {
            id += account;
            id += '/';
        }
        append_member("id", id, out);
        out += "},\"invocations\":[{\"executionSuccessful\":";
        // An incomplete audit must never look clean.
        out += summary.targets_failed == 0 && !summary.interrupted ? "true" : "false";
        out += ',';
        append_member("commandLine", info_.arguments, out);
        out += ",\"startTimeUtc\":\"";
        append_iso8601(info_.started, out);
        out += '"';
        append_notifications(summary, out);
        out += "}],\"columnKind\":\"unicodeCodePoints\",\"results\":[";
        bool leading_comma = true;
        results_.read(account, [&](std::string_view text) {
            if (leading_comma) {
                text.remove_prefix(1);
                leading_comma = false;
            }
            out += text;
            maybe_drain(out);
        });
        out += "]}";
    }

    /// What a reader of the log must know besides the results: an incomplete audit (failed
    /// targets, an interruption) and suppression entries past their date.
    static void append_notifications(const audit_summary& summary, std::string& out) {
        std::vector<std::pair<std::string_view, std::string>> notes;
        if (summary.targets_failed > 0) {
            notes.emplace_back("error", std::to_string(summary.targets_failed) + " of " +
                                            std::to_string(summary.targets_total) +
                                            " targets failed: the audit is incomplete");
        }
        if (summary.interrupted) {
            notes.emplace_back("error", "the audit was interrupted: it is incomplete");
        }
        for (const auto& entry : summary.expired_suppressions) {
            notes.emplace_back("warning", "expired suppression (no longer applied): " + entry);
        }
        if (notes.empty()) {
            return;
        }
        out += ",\"toolExecutionNotifications\":[";
        bool first = true;
        for (const auto& [level, text] : notes) {
            if (!first) {
                out += ',';
            }
            first = false;
            out += "{\"level\":\"";
            out += level;
            out += "\",\"message\":{";
            append_member("text", text, out);
            out += "}}";
        }
        out += ']';
    }

    report_info info_;
    spill_store results_; // by account: ",{result},{result}..."
    std::string scratch_;
};

} // namespace

std::unique_ptr<finding_writer> make_sarif_finding_writer() {
    return std::make_unique<sarif_writer>();
}

} // namespace glue_cli::audit
