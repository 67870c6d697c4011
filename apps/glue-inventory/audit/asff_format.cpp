// --format asff: AWS Security Finding Format for Security Hub's BatchImportFindings.
//
// Output: one JSON object a line, {"Findings":[...]}, each line one BatchImportFindings call
// ready for `aws securityhub batch-import-findings --cli-input-json "$line"`. A line holds at
// most 100 findings and about 6 MB (the API's limits), all of one account and region: with the
// default product ARN arn:<p>:securityhub:<region>:<account>:product/<account>/default the call
// must be made by that account, in that region. Findings stream in any order, so the writer
// holds at most one batch per (account, region) and writes a batch when it is full, or early
// when all the batches held pass asff_max_held_bytes (the least recently extended first: most
// likely of targets already complete); the rest at end(). Chosen over plain NDJSON of findings (one
// call per finding would take 100 times the API's 10 calls a second) and over one big array (not
// importable as it is).
//
// Per finding: Id = the finding uid (stable, so a re-import updates it), GeneratorId = rule ID,
// Types ["Software and Configuration Checks/AWS Security Best Practices"] (also, with Severity,
// in FindingProviderFields, which Security Hub applies on updates too), CreatedAt/UpdatedAt
// the time of the audit (RFC 3339 UTC), Severity.Label (severity_map.hpp), Title (<= 256),
// Description (the message, 1..1024 characters, cut), Resources [{Type "Other" (ASFF has no
// Glue connection type), Id ARN, Partition (only aws, aws-cn, aws-us-gov exist in ASFF), Region,
// Details.Other: the finding's non-secret fields as strings}], Compliance.Status FAILED / PASSED
// / WARNING (suppressed) / NOT_AVAILABLE (not applicable, unknown), Remediation (<= 512) with the
// rule's page when it is an http(s) URL, RecordState ACTIVE, or ARCHIVED when a baseline says the
// finding is gone. Every string is non-empty, as the API's NonEmptyString requires.
#include "audit/finding_text.hpp"
#include "audit/formats.hpp"
#include "audit/severity_map.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace glue_cli::audit {
namespace {

/// BatchImportFindings takes at most 100 findings a call.
constexpr std::size_t asff_max_batch_findings = 100;
/// ... and at most 6 MB a call; a line is written before it would grow past this.
constexpr std::size_t asff_max_batch_bytes = 6'000'000;
/// The most text the writer holds over all (account, region) batches: past it, the batches
/// least recently added to are written before they are full (a line of fewer than 100
/// findings is as valid), so that memory does not grow with the number of targets.
constexpr std::size_t asff_max_held_bytes = 1024 * 1024;
/// Field lengths of the ASFF documentation (Title, Description, Remediation text, Other).
constexpr std::size_t asff_max_title = 256;
constexpr std::size_t asff_max_description = 1024;
constexpr std::size_t asff_max_remediation = 512;
constexpr std::size_t asff_max_other_value = 1024;
constexpr std::size_t asff_max_other_key = 128;
/// Details.Other holds at most 50 pairs.
constexpr std::size_t asff_max_other_pairs = 50;

constexpr std::string_view finding_type =
    "Software and Configuration Checks/AWS Security Best Practices";

/// `text` cut to at most `max` bytes at a UTF-8 boundary, ending with "..." when cut.
std::string cut(std::string_view text, std::size_t max) {
    if (text.size() <= max) {
        return std::string(text);
    }
    std::size_t end = max - 3;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) {
        --end;
    }
    std::string out(text.substr(0, end));
    out += "...";
    return out;
}

bool blank(std::string_view text) {
    return text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

void append_member(std::string_view key, std::string_view value, std::string& out) {
    append_json_key(key, out);
    append_json_string(value, out);
}

std::string_view compliance_status(const ga::finding& f) {
    if (f.suppressed) {
        return "WARNING";
    }
    switch (f.result.status) {
    case ga::status::fail:
        return "FAILED";
    case ga::status::pass:
        return "PASSED";
    case ga::status::not_applicable:
    case ga::status::unknown:
        break;
    }
    return "NOT_AVAILABLE";
}

bool is_asff_partition(std::string_view p) {
    return p == "aws" || p == "aws-cn" || p == "aws-us-gov";
}

bool is_web_url(std::string_view uri) {
    return uri.starts_with("https://") || uri.starts_with("http://");
}

/// One finding as an ASFF object.
void append_finding(const ga::finding& f, const report_info& info, std::string& out) {
    const auto* rule = f.result.rule;
    const auto& r = f.resource;
    std::string time;
    append_iso8601(info.started, time);

    out += "{\"SchemaVersion\":\"2018-10-08\",";
    append_member("Id", finding_uid(f), out);
    out += ',';
    std::string product = "arn:" + r.partition + ":securityhub:" + r.region + ':' + r.account_id +
                          ":product/" + r.account_id + "/default";
    append_member("ProductArn", product, out);
    out += ',';
    append_member("GeneratorId", blank(rule_id_of(f)) ? tool_name : rule_id_of(f), out);
    out += ',';
    append_member("AwsAccountId", r.account_id, out);
    out += ",\"Types\":[";
    append_json_string(finding_type, out);
    out += "],";
    append_member("CreatedAt", time, out);
    out += ',';
    append_member("UpdatedAt", time, out);
    out += ",\"Severity\":{";
    append_member("Label", mapping_of(f.result.severity).asff_label, out);
    out += ',';
    append_member("Original", ga::to_string(f.result.severity), out);
    out += "},\"FindingProviderFields\":{\"Severity\":{";
    // What the provider says; Security Hub keeps these apart from the customer's own updates
    // (BatchUpdateFindings), and uses them when it updates a finding it already has.
    append_member("Label", mapping_of(f.result.severity).asff_label, out);
    out += ',';
    append_member("Original", ga::to_string(f.result.severity), out);
    out += "},\"Types\":[";
    append_json_string(finding_type, out);
    out += "]},";
    std::string_view title = rule != nullptr ? rule->title : std::string_view{};
    if (blank(title)) {
        title = blank(rule_id_of(f)) ? std::string_view{"glue-inventory finding"} : rule_id_of(f);
    }
    append_member("Title", cut(title, asff_max_title), out);
    out += ',';
    std::string_view description = f.result.message;
    if (blank(description)) {
        description = blank(title) ? std::string_view{"glue-inventory finding"} : title;
    }
    append_member("Description", cut(description, asff_max_description), out);

    out += ",\"Resources\":[{\"Type\":\"Other\",";
    append_member("Id", r.arn, out);
    if (is_asff_partition(r.partition)) {
        out += ',';
        append_member("Partition", r.partition, out);
    }
    out += ',';
    append_member("Region", r.region, out);
    out += ",\"Details\":{\"Other\":{";
    std::vector<std::pair<std::string, std::string>> other = {
        {"ConnectionName", r.name},
        {"ConnectionType", r.connection_type},
        {"CatalogId", r.catalog_id},
        {"RuleVersion", rule != nullptr ? std::to_string(rule->version) : std::string()},
        {"Fingerprint", f.fingerprint},
    };
    if (r.last_updated_time) {
        std::string t;
        append_iso8601(*r.last_updated_time, t);
        other.emplace_back("LastUpdatedTime", std::move(t));
    }
    if (f.suppressed) {
        other.emplace_back("SuppressionReason", f.suppression_reason);
    }
    for (const auto& [name, value] : f.result.evidence) {
        other.emplace_back("Evidence." + name, value);
    }
    bool first = true;
    std::size_t pairs = 0;
    for (const auto& [name, value] : other) {
        if (blank(name) || blank(value) || pairs == asff_max_other_pairs) {
            continue;
        }
        ++pairs;
        if (!first) {
            out += ',';
        }
        first = false;
        append_json_string(cut(name, asff_max_other_key), out);
        out += ':';
        append_json_string(cut(value, asff_max_other_value), out);
    }
    out += "}}}],\"Compliance\":{";
    append_member("Status", compliance_status(f), out);
    out += '}';
    if (rule != nullptr && !blank(rule->remediation)) {
        out += ",\"Remediation\":{\"Recommendation\":{";
        append_member("Text", cut(rule->remediation, asff_max_remediation), out);
        if (is_web_url(rule->help_uri)) {
            out += ',';
            append_member("Url", rule->help_uri, out);
        }
        out += "}}";
    }
    out += ',';
    append_member("RecordState", f.baseline == ga::baseline_state::absent ? "ARCHIVED" : "ACTIVE",
                  out);
    out += '}';
}

class asff_writer final : public finding_writer {
public:
    void begin(const report_info& info, std::string& out) override {
        (void)out;
        info_ = info;
    }

    void write(const ga::finding& f, std::string& out) override {
        text_.clear();
        append_finding(f, info_, text_);
        const auto key = std::make_pair(f.resource.account_id, f.resource.region);
        auto it = batches_.find(key);
        if (it == batches_.end()) {
            it = batches_.emplace(key, batch{}).first;
        }
        auto& b = it->second;
        if (b.count > 0 && b.text.size() + text_.size() + 16 > asff_max_batch_bytes) {
            flush(it, out);
            it = batches_.emplace(key, batch{}).first;
        }
        auto& c = it->second;
        if (c.count > 0) {
            c.text += ',';
            ++held_bytes_;
        }
        c.text += text_;
        held_bytes_ += text_.size();
        c.last_use = ++uses_;
        ++c.count;
        if (c.count == asff_max_batch_findings) {
            flush(it, out); // a full batch goes out at once
        } else if (held_bytes_ > asff_max_held_bytes) {
            flush_least_recent(out);
        }
    }

    void end(const audit_summary& summary, std::string& out) override {
        (void)summary;
        while (!batches_.empty()) {
            flush(batches_.begin(), out);
            maybe_drain(out);
        }
    }

private:
    struct batch {
        std::string text; // the findings, comma-separated
        std::size_t count = 0;
        std::uint64_t last_use = 0; // uses_ when a finding was last added
    };
    using batch_map = std::map<std::pair<std::string, std::string>, batch>;

    /// Writes the batch and forgets it (its memory too: a kept capacity per target would add
    /// up to the findings of the whole organisation).
    void flush(batch_map::iterator it, std::string& out) {
        const auto& b = it->second;
        out += "{\"Findings\":[";
        out += b.text;
        out += "]}\n";
        held_bytes_ -= b.text.size();
        batches_.erase(it);
    }

    /// Over asff_max_held_bytes: the batches least recently added to (most likely of targets
    /// already complete) are written, short, until half the budget is held.
    void flush_least_recent(std::string& out) {
        std::vector<std::pair<std::uint64_t, batch_map::iterator>> order;
        order.reserve(batches_.size());
        for (auto it = batches_.begin(); it != batches_.end(); ++it) {
            order.emplace_back(it->second.last_use, it);
        }
        std::sort(order.begin(), order.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [use, it] : order) {
            if (held_bytes_ <= asff_max_held_bytes / 2) {
                break;
            }
            flush(it, out);
        }
    }

    report_info info_;
    batch_map batches_;          // by (account, region): the findings not yet written
    std::size_t held_bytes_ = 0; // the text of every batch
    std::uint64_t uses_ = 0;
    std::string text_; // the finding being added
};

} // namespace

std::unique_ptr<finding_writer> make_asff_finding_writer() {
    return std::make_unique<asff_writer>();
}

} // namespace glue_cli::audit
