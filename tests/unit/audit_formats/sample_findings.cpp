#include "sample_findings.hpp"

#include <chrono>
#include <stdexcept>

namespace glue_test {

namespace gca = glue_cli::audit;
using namespace std::chrono_literals;

ga::finding make_finding(std::string_view rule_id, ga::status status, ga::severity severity,
                         std::string_view partition, std::string_view account,
                         std::string_view region, std::string_view name,
                         std::string_view connection_type) {
    const ga::rule_info* rule = ga::find_rule(rule_id);
    if (rule == nullptr) {
        throw std::logic_error("no rule " + std::string(rule_id));
    }
    ga::finding f;
    auto& r = f.resource;
    r.partition = partition;
    r.account_id = account;
    r.region = region;
    r.catalog_id = account;
    r.name = name;
    r.connection_type = connection_type;
    r.arn =
        "arn:" + r.partition + ":glue:" + r.region + ':' + r.account_id + ":connection/" + r.name;
    r.last_updated_time = glue_inventory::timestamp{1714566896789ms};
    r.connection_schema_version = 1;
    f.result.rule = rule;
    f.result.status = status;
    f.result.severity = severity;
    f.result.message = std::string(rule->title) + " on " + r.name;
    f.fingerprint = ga::fingerprint(rule->id, r.arn);
    return f;
}

std::vector<ga::finding> sample_findings() {
    std::vector<ga::finding> out;
    {
        auto f = make_finding("GLUE-001", ga::status::fail, ga::severity::critical, "aws",
                              "111111111111", "us-east-1", "orders-db", "JDBC");
        f.result.evidence = {
            {"jdbc_enforce_ssl", "false"},
            {"engine", "postgresql"},
            {"url_tls", "unspecified"},
            {"url", "jdbc:postgresql://db.internal:5432/orders?user=app&password=REDACTED"},
        };
        f.baseline = ga::baseline_state::new_;
        out.push_back(std::move(f));
    }
    {
        auto f =
            make_finding("GLUE-005", ga::status::fail, ga::severity::high, "aws", "111111111111",
                         "us-east-1", "données-客户 \"quoted\" & 'single'\u2028line", "JDBC");
        f.result.message = "credential stored inline; note: " + std::string(marker);
        f.result.evidence = {{"keys", "PASSWORD,USERNAME"},
                             {"detected_by", "direct"},
                             {"note", std::string(marker)}};
        f.baseline = ga::baseline_state::unchanged;
        out.push_back(std::move(f));
    }
    {
        auto f = make_finding("GLUE-003", ga::status::fail, ga::severity::critical, "aws",
                              "111111111111", "eu-west-1", script_name, "KAFKA");
        f.result.evidence = {{"kafka_ssl_enabled", "false"},
                             {"sasl_mechanism", "PLAIN"},
                             {"bootstrap", "</script><img src=x onerror=alert(2)>:9092"}};
        f.baseline = ga::baseline_state::new_;
        out.push_back(std::move(f));
    }
    {
        auto f = make_finding("GLUE-013", ga::status::fail, ga::severity::low, "aws",
                              "222222222222", "eu-west-1", "dev, scratch", "NETWORK");
        f.result.evidence = {{"last_validation", "never"}, {"threshold_days", "90"}};
        f.suppressed = true;
        f.suppression_reason = "dev account; accepted <b>until</b> Q3";
        f.baseline = ga::baseline_state::unchanged;
        out.push_back(std::move(f));
    }
    {
        auto f = make_finding("GLUE-010", ga::status::fail, ga::severity::medium, "aws",
                              "222222222222", "us-west-2", "analytics/warehouse 1", "JDBC");
        f.result.evidence = {{"host", "203.0.113.7"}, {"port", "5439"}, {"range", "public"}};
        f.baseline = ga::baseline_state::new_;
        out.push_back(std::move(f));
    }
    {
        auto f = make_finding("GLUE-016", ga::status::fail, ga::severity::info, "aws-cn",
                              "333333333333", "cn-north-1", "legacy;db=1", "MONGODB");
        f.result.evidence = {{"schema_version", "1"}};
        f.baseline = ga::baseline_state::new_;
        out.push_back(std::move(f));
    }
    {
        // In the baseline, gone now: written after the others, from the baseline's line.
        auto f = make_finding("GLUE-012", ga::status::fail, ga::severity::medium, "aws",
                              "111111111111", "us-east-1", "was-failed", "JDBC");
        f.result.evidence = {{"status", "FAILED"}};
        f.baseline = ga::baseline_state::absent;
        out.push_back(std::move(f));
    }
    return out;
}

std::vector<ga::finding> sample_results_with_pass() {
    auto out = sample_findings();
    out.push_back(make_finding("GLUE-002", ga::status::pass, ga::severity::high, "aws",
                               "111111111111", "us-east-1", "orders-db-verified", "JDBC"));
    auto na = make_finding("GLUE-001", ga::status::not_applicable, ga::severity::high, "aws",
                           "111111111111", "us-east-1", "vpc-only", "NETWORK");
    na.result.message = "GLUE-001 does not apply to NETWORK connections";
    out.push_back(std::move(na));
    auto unknown = make_finding("GLUE-005", ga::status::unknown, ga::severity::high, "aws",
                                "222222222222", "eu-west-1", "hidden", "JDBC");
    unknown.result.message = "the API hid the password";
    out.push_back(std::move(unknown));
    for (auto& f : out) {
        if (f.baseline == ga::baseline_state::none) {
            f.baseline = ga::baseline_state::new_;
        }
    }
    return out;
}

gca::report_info sample_info(bool include_pass) {
    gca::report_info info;
    info.tool_version = "1.2.0";
    info.started = glue_inventory::timestamp{1764558000123ms}; // 2025-12-01T03:00:00.123Z
    info.arguments = "glue-inventory audit --org --role-name Audit --format html "
                     "--baseline prev.ndjson --suppressions s.yaml";
    info.include_pass = include_pass;
    return info;
}

gca::audit_summary sample_summary(const std::vector<ga::finding>& findings) {
    gca::audit_summary s;
    s.connections_evaluated = 42;
    s.targets_total = 6;
    s.targets_failed = 1;
    for (const auto& f : findings) {
        if (f.result.status != ga::status::fail) {
            continue;
        }
        if (f.baseline == ga::baseline_state::absent) {
            ++s.absent_findings;
            continue;
        }
        if (f.suppressed) {
            ++s.suppressed;
        } else {
            ++s.findings_by_severity[static_cast<std::size_t>(f.result.severity)];
        }
        if (f.baseline == ga::baseline_state::new_) {
            ++s.new_findings;
        } else if (f.baseline == ga::baseline_state::unchanged) {
            ++s.unchanged_findings;
        }
    }
    s.expired_suppressions.push_back("rule GLUE-011 account 222222222222: expired 2025-06-30");
    return s;
}

std::string render(gca::finding_format format, const std::vector<ga::finding>& findings,
                   const gca::report_info& info) {
    auto writer = gca::make_finding_writer(format);
    std::string out;
    writer->begin(info, out);
    for (const auto& f : findings) {
        writer->write(f, out);
    }
    writer->end(sample_summary(findings), out);
    return out;
}

} // namespace glue_test
