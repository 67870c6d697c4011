// The baseline: the FAIL findings of an earlier audit's ndjson output, keyed by fingerprint.
#include "audit/suppressions.hpp" // detail::parse_timestamp

#include <glue_inventory/audit_suppressions.hpp>
#include <simdjson.h>
#include <unordered_map>

namespace glue_inventory::audit {

struct baseline::impl {
    std::vector<finding> findings;
    std::vector<bool> seen; // parallel to `findings`
    std::unordered_map<std::string, std::size_t> by_fingerprint;
};

baseline::baseline() : impl_(std::make_unique<impl>()) {}
baseline::~baseline() = default;
baseline::baseline(baseline&&) noexcept = default;
baseline& baseline::operator=(baseline&&) noexcept = default;

namespace {

namespace sj = simdjson::ondemand;

// The members of a finding line that the baseline keeps. Values are strings except RuleVersion.
struct line_fields {
    std::string fingerprint, rule_id, severity, status, baseline_state, message;
    std::string arn, partition, account_id, region, catalog_id, name, connection_type;
    std::string last_updated_time;
};

bool read_line(sj::document& doc, line_fields& out, std::string& what) {
    sj::object obj;
    if (doc.get_object().get(obj) != simdjson::SUCCESS) {
        what = "not a JSON object";
        return false;
    }
    const std::pair<std::string_view, std::string line_fields::*> strings[] = {
        {"Fingerprint", &line_fields::fingerprint},
        {"RuleId", &line_fields::rule_id},
        {"Severity", &line_fields::severity},
        {"Status", &line_fields::status},
        {"BaselineState", &line_fields::baseline_state},
        {"Message", &line_fields::message},
        {"Arn", &line_fields::arn},
        {"Partition", &line_fields::partition},
        {"AccountId", &line_fields::account_id},
        {"Region", &line_fields::region},
        {"CatalogId", &line_fields::catalog_id},
        {"Name", &line_fields::name},
        {"ConnectionType", &line_fields::connection_type},
        {"LastUpdatedTime", &line_fields::last_updated_time},
    };
    for (auto field_result : obj) {
        sj::field field;
        std::string_view key;
        if (std::move(field_result).get(field) != simdjson::SUCCESS ||
            field.unescaped_key().get(key) != simdjson::SUCCESS) {
            what = "malformed JSON";
            return false;
        }
        for (const auto& [name, member] : strings) {
            if (key == name) {
                std::string_view value;
                const auto e = field.value().get_string().get(value);
                if (e == simdjson::INCORRECT_TYPE) {
                    bool null = false;
                    if (field.value().is_null().get(null) == simdjson::SUCCESS && null) {
                        break;
                    }
                    what = std::string(name) + " must be a string";
                    return false;
                }
                if (e != simdjson::SUCCESS) {
                    what = "malformed JSON";
                    return false;
                }
                (out.*member).assign(value);
                break;
            }
        }
    }
    const char* at = nullptr;
    if (doc.current_location().get(at) != simdjson::OUT_OF_BOUNDS) {
        what = "malformed JSON, or content after the object";
        return false;
    }
    return true;
}

} // namespace

std::optional<baseline> baseline::parse(std::string_view ndjson, std::string_view file_name,
                                        std::string& error) {
    const std::string file(file_name);
    if (ndjson.size() > max_baseline_bytes) {
        error = file + ": larger than " + std::to_string(max_baseline_bytes) + " bytes";
        return std::nullopt;
    }
    baseline b;
    sj::parser parser;
    std::string buffer; // one line, followed by simdjson's padding
    std::size_t line_number = 0;
    std::size_t start = 0;
    while (start < ndjson.size()) {
        auto end = ndjson.find('\n', start);
        if (end == std::string_view::npos) {
            end = ndjson.size();
        }
        auto line = ndjson.substr(start, end - start);
        start = end + 1;
        ++line_number;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.find_first_not_of(" \t") == std::string_view::npos) {
            continue;
        }
        const std::string where = file + ": line " + std::to_string(line_number) + ": ";
        if (line.size() > max_baseline_line_bytes) {
            error = where + "longer than " + std::to_string(max_baseline_line_bytes) + " bytes";
            return std::nullopt;
        }
        buffer.assign(line);
        buffer.append(simdjson::SIMDJSON_PADDING, ' ');
        sj::document doc;
        line_fields f;
        std::string what;
        if (parser.iterate(buffer.data(), line.size(), buffer.size()).get(doc) !=
                simdjson::SUCCESS ||
            !read_line(doc, f, what)) {
            error = where + (what.empty() ? "not JSON" : what) +
                    " (expected a finding line of `audit --format ndjson`)";
            return std::nullopt;
        }
        for (const auto& [name, value] :
             {std::pair<const char*, const std::string*>{"Fingerprint", &f.fingerprint},
              {"RuleId", &f.rule_id},
              {"Arn", &f.arn}}) {
            if (value->empty()) {
                error =
                    where + "no " + name + " (expected a finding line of `audit --format ndjson`)";
                return std::nullopt;
            }
        }
        // Not findings then: results written with --include-pass, and findings that were
        // already absent from that audit's own baseline.
        if ((!f.status.empty() && f.status != "FAIL") || f.baseline_state == "absent") {
            continue;
        }
        // A rule this version does not know cannot be written back as absent: it is left out.
        const rule_info* rule = find_rule(f.rule_id);
        if (rule == nullptr || b.impl_->by_fingerprint.count(f.fingerprint) > 0) {
            continue;
        }
        finding out;
        out.fingerprint = f.fingerprint;
        out.baseline = baseline_state::absent;
        out.result.rule = rule;
        out.result.status = status::fail;
        out.result.severity = parse_severity(f.severity).value_or(rule->default_severity);
        out.result.message = f.message.empty() ? std::string(rule->title) : f.message;
        out.resource.arn = f.arn;
        out.resource.partition = f.partition;
        out.resource.account_id = f.account_id;
        out.resource.region = f.region;
        out.resource.catalog_id = f.catalog_id;
        out.resource.name = f.name;
        out.resource.connection_type = f.connection_type;
        out.resource.last_updated_time = detail::parse_timestamp(f.last_updated_time);
        b.impl_->by_fingerprint.emplace(f.fingerprint, b.impl_->findings.size());
        b.impl_->findings.push_back(std::move(out));
        b.impl_->seen.push_back(false);
    }
    return b;
}

baseline_state baseline::classify(std::string_view fingerprint) {
    const auto it = impl_->by_fingerprint.find(std::string(fingerprint));
    if (it == impl_->by_fingerprint.end()) {
        return baseline_state::new_;
    }
    impl_->seen[it->second] = true;
    return baseline_state::unchanged;
}

std::vector<finding> baseline::absent() const {
    std::vector<finding> out;
    for (std::size_t i = 0; i < impl_->findings.size(); ++i) {
        if (!impl_->seen[i]) {
            out.push_back(impl_->findings[i]);
        }
    }
    return out;
}

std::size_t baseline::size() const {
    return impl_->findings.size();
}

} // namespace glue_inventory::audit
