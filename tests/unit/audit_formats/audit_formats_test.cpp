// The finding writers: what each format writes for the fixed findings of sample_findings.cpp,
// built by hand. The validators of tests/formats/ check the same reports against the formats'
// own schemas and tools; these tests check our choices (grouping, batching, mappings,
// escaping, what stays out).
#include "audit/finding_writer.hpp"
#include "audit/severity_map.hpp"
#include "sample_findings.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <map>
#include <set>
#include <simdjson.h>
#include <sstream>

namespace {

namespace ga = glue_inventory::audit;
namespace gca = glue_cli::audit;
using gca::finding_format;
using glue_test::render;
using glue_test::sample_findings;
using glue_test::sample_info;

constexpr finding_format all_formats[] = {
    finding_format::table, finding_format::ndjson, finding_format::csv,  finding_format::sarif,
    finding_format::ocsf,  finding_format::asff,   finding_format::html,
};

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

std::string str(simdjson::dom::element e) {
    return std::string(std::string_view(e));
}

std::size_t count_of(std::string_view text, std::string_view what) {
    std::size_t n = 0;
    for (auto i = text.find(what); i != std::string_view::npos; i = text.find(what, i + 1)) {
        ++n;
    }
    return n;
}

} // namespace

BOOST_AUTO_TEST_CASE(format_names_round_trip_and_unknown_names_are_refused) {
    for (const auto format : all_formats) {
        finding_format parsed = finding_format::table;
        BOOST_TEST(gca::parse_finding_format(gca::to_string(format), parsed));
        BOOST_TEST(static_cast<int>(parsed) == static_cast<int>(format));
        BOOST_TEST(gca::make_finding_writer(format) != nullptr);
    }
    finding_format parsed = finding_format::table;
    BOOST_TEST(!gca::parse_finding_format("json", parsed));
    BOOST_TEST(!gca::parse_finding_format("SARIF", parsed));
    BOOST_TEST(!gca::parse_finding_format("", parsed));
}

BOOST_AUTO_TEST_CASE(severity_mappings_follow_the_catalogue) {
    using gca::mapping_of;
    BOOST_TEST(mapping_of(ga::severity::critical).sarif_level == "error");
    BOOST_TEST(mapping_of(ga::severity::high).sarif_level == "error");
    BOOST_TEST(mapping_of(ga::severity::medium).sarif_level == "warning");
    BOOST_TEST(mapping_of(ga::severity::low).sarif_level == "note");
    BOOST_TEST(mapping_of(ga::severity::info).sarif_level == "note");
    BOOST_TEST(mapping_of(ga::severity::critical).security_severity == "9.5");
    BOOST_TEST(mapping_of(ga::severity::high).security_severity == "8.0");
    BOOST_TEST(mapping_of(ga::severity::medium).security_severity == "5.5");
    BOOST_TEST(mapping_of(ga::severity::low).security_severity == "3.0");
    BOOST_TEST(mapping_of(ga::severity::info).security_severity == "0.0");
    for (int i = 0; i < 5; ++i) {
        BOOST_TEST(mapping_of(static_cast<ga::severity>(i)).ocsf_severity_id == i + 1);
    }
    BOOST_TEST(mapping_of(ga::severity::info).asff_label == "INFORMATIONAL");
    BOOST_TEST(mapping_of(ga::severity::critical).asff_label == "CRITICAL");
}

BOOST_AUTO_TEST_CASE(ndjson_is_one_parseable_line_per_finding_with_every_member) {
    const auto findings = sample_findings();
    const auto text = render(finding_format::ndjson, findings, sample_info(false));
    const auto lines = lines_of(text);
    BOOST_REQUIRE(lines.size() == findings.size());
    simdjson::dom::parser parser;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto& f = findings[i];
        simdjson::dom::element e = parser.parse(lines[i]);
        BOOST_TEST(str(e["RuleId"]) == f.result.rule->id);
        BOOST_TEST(int64_t(e["RuleVersion"]) == f.result.rule->version);
        BOOST_TEST(str(e["Severity"]) == ga::to_string(f.result.severity));
        BOOST_TEST(str(e["Status"]) == "FAIL");
        BOOST_TEST(str(e["Title"]) == f.result.rule->title);
        BOOST_TEST(str(e["Arn"]) == f.resource.arn);
        BOOST_TEST(str(e["Partition"]) == f.resource.partition);
        BOOST_TEST(str(e["AccountId"]) == f.resource.account_id);
        BOOST_TEST(str(e["Region"]) == f.resource.region);
        BOOST_TEST(str(e["CatalogId"]) == f.resource.catalog_id);
        BOOST_TEST(str(e["Name"]) == f.resource.name); // Unicode, quotes, U+2028, <script>
        BOOST_TEST(str(e["ConnectionType"]) == f.resource.connection_type);
        BOOST_TEST(str(e["LastUpdatedTime"]) == "2024-05-01T12:34:56.789Z");
        BOOST_TEST(str(e["Message"]) == f.result.message);
        BOOST_TEST(str(e["Remediation"]) == f.result.rule->remediation);
        BOOST_TEST(str(e["HelpUri"]) == f.result.rule->help_uri);
        BOOST_TEST(str(e["Fingerprint"]) == f.fingerprint);
        BOOST_TEST(str(e["Uid"]) ==
                   "glue-inventory/" + std::string(f.result.rule->id) + "/" + f.fingerprint);
        BOOST_TEST(bool(e["Suppressed"]) == f.suppressed);
        std::string_view reason;
        BOOST_TEST((e["SuppressionReason"].get(reason) == simdjson::SUCCESS) == f.suppressed);
        BOOST_TEST(str(e["BaselineState"]) == (f.baseline == ga::baseline_state::new_ ? "new"
                                               : f.baseline == ga::baseline_state::unchanged
                                                   ? "unchanged"
                                                   : "absent"));
        simdjson::dom::object evidence = e["Evidence"];
        BOOST_TEST(evidence.size() == f.result.evidence.size());
        for (const auto& [name, value] : f.result.evidence) {
            BOOST_TEST(str(evidence[name]) == value);
        }
    }
}

BOOST_AUTO_TEST_CASE(ndjson_escapes_line_separators_and_omits_baseline_without_one) {
    auto f = glue_test::make_finding("GLUE-011", ga::status::fail, ga::severity::medium, "aws",
                                     "111111111111", "us-east-1", "a\u2028b\u2029c\nd", "JDBC");
    const auto text = render(finding_format::ndjson, {f}, sample_info(false));
    BOOST_TEST(text.find("\xE2\x80\xA8") == std::string::npos);
    BOOST_TEST(text.find("\xE2\x80\xA9") == std::string::npos);
    BOOST_TEST(text.find("a\\u2028b\\u2029c\\u000ad") != std::string::npos);
    BOOST_TEST(count_of(text, "\n") == 1u);
    BOOST_TEST(text.find("BaselineState") == std::string::npos);
    BOOST_TEST(text.find("SuppressionReason") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(csv_has_a_header_and_a_quoted_row_per_finding) {
    const auto findings = sample_findings();
    const auto text = render(finding_format::csv, findings, sample_info(false));
    BOOST_TEST(text.rfind("RuleId,RuleVersion,Severity,Status,Title,Arn,Partition,AccountId,"
                          "Region,CatalogId,Name,ConnectionType,LastUpdatedTime,Message,"
                          "Evidence,Remediation,HelpUri,Fingerprint,Uid,Suppressed,"
                          "SuppressionReason,BaselineState,ConnectionSchemaVersion\r\n",
                          0) == 0u);
    // The evidence list escapes '=' and ';' inside values; the name with a comma is quoted.
    BOOST_TEST(text.find("url=jdbc:postgresql://db.internal:5432/orders?user\\=app&password\\="
                         "REDACTED") != std::string::npos);
    BOOST_TEST(text.find(",\"dev, scratch\",") != std::string::npos);
    BOOST_TEST(text.find(",legacy;db=1,") != std::string::npos);
    // The name with double quotes is quoted with its quotes doubled.
    BOOST_TEST(text.find("\"données-客户 \"\"quoted\"\" & 'single'") != std::string::npos);
    BOOST_TEST(count_of(text, "\r\n") == findings.size() + 1);
}

BOOST_AUTO_TEST_CASE(table_groups_by_severity_then_rule_and_ends_with_totals) {
    auto findings = sample_findings();
    findings.push_back(glue_test::make_finding("GLUE-001", ga::status::fail, ga::severity::critical,
                                               "aws", "444444444444", "us-east-1",
                                               "evil\x1b[31mred\xc2\x9b", "JDBC"));
    const auto text = render(finding_format::table, findings, sample_info(false));
    const auto critical_001 = text.find("CRITICAL  GLUE-001");
    const auto critical_003 = text.find("CRITICAL  GLUE-003");
    const auto high_005 = text.find("HIGH  GLUE-005");
    const auto medium = text.find("MEDIUM  GLUE-010");
    const auto info = text.find("INFO  GLUE-016");
    const auto suppressed = text.find("SUPPRESSED (1)");
    BOOST_TEST(critical_001 < critical_003);
    BOOST_TEST(critical_003 < high_005);
    BOOST_TEST(high_005 < medium);
    BOOST_TEST(medium < info);
    BOOST_TEST(info < suppressed);
    BOOST_TEST(text.find("CRITICAL  GLUE-001  ") != std::string::npos);
    BOOST_TEST(text.find("(2)\n") != std::string::npos); // two GLUE-001 critical findings
    BOOST_TEST(text.find("evil?[31mred?") != std::string::npos);
    BOOST_TEST(text.find('\x1b') == std::string::npos);
    BOOST_TEST(text.find("(suppressed: dev account; accepted <b>until</b> Q3)") !=
               std::string::npos);
    const auto lines = lines_of(text);
    BOOST_TEST(lines.back() == "6 findings (3 critical, 1 high, 1 medium, 0 low, 1 info), "
                               "1 suppressed, 4 new, 2 unchanged, 1 absent; 42 connections "
                               "evaluated; 1 of 6 targets failed");
}

BOOST_AUTO_TEST_CASE(sarif_has_one_run_per_account_with_github_locations) {
    const auto findings = sample_findings();
    const auto text = render(finding_format::sarif, findings, sample_info(false));
    simdjson::dom::parser parser;
    simdjson::dom::element doc = parser.parse(text);
    BOOST_TEST(str(doc["version"]) == "2.1.0");
    BOOST_TEST(str(doc["$schema"]).find("sarif-schema-2.1.0.json") != std::string::npos);
    simdjson::dom::array runs = doc["runs"];
    BOOST_REQUIRE(runs.size() == 3u);
    const std::vector<std::string> ids = {"glue-inventory/111111111111/",
                                          "glue-inventory/222222222222/",
                                          "glue-inventory/333333333333/"};
    std::size_t i = 0;
    std::size_t results = 0;
    for (simdjson::dom::element run : runs) {
        BOOST_TEST(str(run["automationDetails"]["id"]) == ids[i++]);
        BOOST_TEST(bool(run["invocations"].at(0)["executionSuccessful"]) == false);
        simdjson::dom::array notes = run["invocations"].at(0)["toolExecutionNotifications"];
        BOOST_REQUIRE(notes.size() == 2u);
        BOOST_TEST(str(notes.at(0)["message"]["text"]) ==
                   "1 of 6 targets failed: the audit is incomplete");
        BOOST_TEST(str(notes.at(1)["level"]) == "warning");
        simdjson::dom::array rules = run["tool"]["driver"]["rules"];
        BOOST_TEST(rules.size() == ga::rules().size());
        for (simdjson::dom::element rule : rules) {
            const auto id = str(rule["id"]);
            const auto* info = ga::find_rule(id);
            BOOST_REQUIRE(info != nullptr);
            BOOST_TEST(str(rule["properties"]["security-severity"]) ==
                       gca::mapping_of(info->default_severity).security_severity);
            BOOST_TEST(str(rule["properties"]["tags"].at(0)) == "security");
            BOOST_TEST(str(rule["help"]["text"]).find(info->remediation) == 0u);
            // helpUri only when absolute (SARIF 3.49.12); docs/rules/ pages are relative.
            std::string_view help_uri;
            BOOST_TEST((rule["helpUri"].get(help_uri) == simdjson::SUCCESS) ==
                       info->help_uri.starts_with("https://"));
        }
        for (simdjson::dom::element result : run["results"].get_array()) {
            ++results;
            const auto rule_id = str(result["ruleId"]);
            BOOST_TEST(str(rules.at(uint64_t(result["ruleIndex"]))["id"]) == rule_id);
            const auto& f = *std::find_if(findings.begin(), findings.end(), [&](const auto& x) {
                return x.fingerprint == str(result["partialFingerprints"]["glueInventory/v1"]);
            });
            BOOST_TEST(rule_id == f.result.rule->id);
            BOOST_TEST(str(result["kind"]) == "fail");
            BOOST_TEST(str(result["level"]) == gca::mapping_of(f.result.severity).sarif_level);
            simdjson::dom::element location = result["locations"].at(0);
            BOOST_TEST(int64_t(location["physicalLocation"]["region"]["startLine"]) == 1);
            BOOST_TEST(str(location["logicalLocations"].at(0)["fullyQualifiedName"]) ==
                       f.resource.arn);
            BOOST_TEST(str(location["logicalLocations"].at(0)["name"]) == f.resource.name);
            simdjson::dom::array suppressions;
            BOOST_TEST((result["suppressions"].get(suppressions) == simdjson::SUCCESS) ==
                       f.suppressed);
            if (f.suppressed) {
                BOOST_TEST(str(suppressions.at(0)["kind"]) == "external");
                BOOST_TEST(str(suppressions.at(0)["status"]) == "accepted");
                BOOST_TEST(str(suppressions.at(0)["justification"]) == f.suppression_reason);
            }
            if (f.baseline == ga::baseline_state::absent) {
                BOOST_TEST(str(result["baselineState"]) == "absent");
            }
        }
    }
    BOOST_TEST(results == findings.size());
    BOOST_TEST(text.find("\"uri\":\"aws/aws/111111111111/eu-west-1/glue/connection/"
                         "%3Cscript%3Ealert%281%29%3C%2Fscript%3E\"") != std::string::npos);
    BOOST_TEST(text.find("\"uri\":\"aws/aws/222222222222/us-west-2/glue/connection/"
                         "analytics%2Fwarehouse%201\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(sarif_of_no_finding_is_one_empty_run_and_kinds_follow_status) {
    simdjson::dom::parser parser;
    const auto empty = render(finding_format::sarif, {}, sample_info(false));
    simdjson::dom::element doc = parser.parse(empty);
    BOOST_TEST(doc["runs"].get_array().size() == 1u);
    BOOST_TEST(doc["runs"].at(0)["results"].get_array().size() == 0u);

    const auto results = glue_test::sample_results_with_pass();
    const auto text = render(finding_format::sarif, results, sample_info(true));
    doc = parser.parse(text);
    std::map<std::string, std::string> kinds; // kind -> level
    for (simdjson::dom::element run : doc["runs"].get_array()) {
        for (simdjson::dom::element result : run["results"].get_array()) {
            kinds[str(result["kind"])] = str(result["level"]);
        }
    }
    BOOST_TEST(kinds["pass"] == "none");
    BOOST_TEST(kinds["notApplicable"] == "none");
    BOOST_TEST(kinds["review"] == "none");
    BOOST_TEST(kinds.count("fail") == 1u);
}

BOOST_AUTO_TEST_CASE(ocsf_is_one_detection_finding_a_line) {
    const auto findings = sample_findings();
    const auto text = render(finding_format::ocsf, findings, sample_info(false));
    const auto lines = lines_of(text);
    BOOST_REQUIRE(lines.size() == findings.size());
    simdjson::dom::parser parser;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto& f = findings[i];
        simdjson::dom::element e = parser.parse(lines[i]);
        BOOST_TEST(int64_t(e["class_uid"]) == 2004);
        BOOST_TEST(int64_t(e["category_uid"]) == 2);
        BOOST_TEST(int64_t(e["type_uid"]) == 200400 + int64_t(e["activity_id"]));
        BOOST_TEST(int64_t(e["time"]) == 1764558000123);
        BOOST_TEST(int64_t(e["severity_id"]) == static_cast<int>(f.result.severity) + 1);
        const int64_t status = e["status_id"];
        const int64_t activity = e["activity_id"];
        if (f.baseline == ga::baseline_state::absent) {
            BOOST_TEST(status == 4);
            BOOST_TEST(activity == 3);
        } else if (f.suppressed) {
            BOOST_TEST(status == 3);
        } else {
            BOOST_TEST(status == 1);
        }
        if (f.baseline == ga::baseline_state::unchanged) {
            BOOST_TEST(activity == 2);
        }
        if (f.baseline == ga::baseline_state::new_) {
            BOOST_TEST(activity == 1);
        }
        BOOST_TEST(str(e["finding_info"]["uid"]) ==
                   "glue-inventory/" + std::string(f.result.rule->id) + "/" + f.fingerprint);
        BOOST_TEST(str(e["finding_info"]["analytic"]["uid"]) == f.result.rule->id);
        BOOST_TEST(str(e["resources"].at(0)["uid"]) == f.resource.arn);
        BOOST_TEST(str(e["resources"].at(0)["type"]) == "AWS::Glue::Connection");
        BOOST_TEST(str(e["cloud"]["account"]["uid"]) == f.resource.account_id);
        BOOST_TEST(str(e["metadata"]["profiles"].at(0)) == "cloud");
        BOOST_TEST(e["evidences"].at(0)["data"].get_object().size() == f.result.evidence.size());
        simdjson::dom::element compliance;
        BOOST_TEST(e["compliance"].get(compliance) != simdjson::SUCCESS);
    }
}

BOOST_AUTO_TEST_CASE(ocsf_with_include_pass_writes_compliance_findings) {
    const auto results = glue_test::sample_results_with_pass();
    const auto lines = lines_of(render(finding_format::ocsf, results, sample_info(true)));
    BOOST_REQUIRE(lines.size() == results.size());
    simdjson::dom::parser parser;
    std::map<ga::status, int64_t> compliance;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        simdjson::dom::element e = parser.parse(lines[i]);
        BOOST_TEST(int64_t(e["class_uid"]) == 2003);
        BOOST_TEST(int64_t(e["type_uid"]) == 200300 + int64_t(e["activity_id"]));
        BOOST_TEST(str(e["compliance"]["control"]) == results[i].result.rule->id);
        compliance[results[i].result.status] = e["compliance"]["status_id"];
    }
    BOOST_TEST(compliance[ga::status::pass] == 1);
    BOOST_TEST(compliance[ga::status::fail] == 3);
    BOOST_TEST(compliance[ga::status::not_applicable] == 99);
    BOOST_TEST(compliance[ga::status::unknown] == 0);
}

BOOST_AUTO_TEST_CASE(asff_batches_hold_one_account_and_region_and_at_most_100_findings) {
    std::vector<ga::finding> findings;
    for (int i = 0; i < 250; ++i) {
        findings.push_back(glue_test::make_finding("GLUE-011", ga::status::fail,
                                                   ga::severity::medium, "aws", "111111111111",
                                                   "us-east-1", "c" + std::to_string(i), "JDBC"));
        if (i % 50 == 0) {
            findings.push_back(glue_test::make_finding(
                "GLUE-011", ga::status::fail, ga::severity::medium, "aws", "222222222222",
                "us-east-1", "d" + std::to_string(i), "JDBC"));
        }
    }
    const auto lines = lines_of(render(finding_format::asff, findings, sample_info(false)));
    simdjson::dom::parser parser;
    std::vector<std::size_t> sizes;
    std::set<std::string> uids;
    for (const auto& line : lines) {
        simdjson::dom::element doc = parser.parse(line);
        simdjson::dom::array batch = doc["Findings"];
        sizes.push_back(batch.size());
        std::set<std::string> product_arns;
        for (simdjson::dom::element f : batch) {
            product_arns.insert(str(f["ProductArn"]));
            uids.insert(str(f["Id"]));
            BOOST_TEST(str(f["AwsAccountId"]) == str(f["ProductArn"])
                                                     .substr(std::string_view("arn:aws:securityhub:"
                                                                              "us-east-1:")
                                                                 .size(),
                                                             12));
        }
        BOOST_TEST(product_arns.size() == 1u);
    }
    std::sort(sizes.begin(), sizes.end());
    BOOST_TEST((sizes == std::vector<std::size_t>{5, 50, 100, 100}));
    BOOST_TEST(uids.size() == findings.size());
}

BOOST_AUTO_TEST_CASE(asff_maps_status_severity_and_cuts_long_text) {
    auto findings = sample_findings();
    auto long_one =
        glue_test::make_finding("GLUE-012", ga::status::fail, ga::severity::medium, "aws-iso",
                                "555555555555", "us-iso-east-1", "long", "JDBC");
    long_one.result.message = std::string(1020, 'x') + "ééé"; // 1026 bytes, cut in a character
    findings.push_back(long_one);
    const auto lines = lines_of(render(finding_format::asff, findings, sample_info(false)));
    simdjson::dom::parser parser;
    for (const auto& line : lines) {
        simdjson::dom::element doc = parser.parse(line);
        for (simdjson::dom::element f : doc["Findings"].get_array()) {
            const auto name = str(f["Resources"].at(0)["Details"]["Other"]["ConnectionName"]);
            const auto& x = *std::find_if(findings.begin(), findings.end(),
                                          [&](const auto& y) { return y.resource.name == name; });
            BOOST_TEST(str(f["Severity"]["Label"]) ==
                       gca::mapping_of(x.result.severity).asff_label);
            BOOST_TEST(str(f["Types"].at(0)) ==
                       "Software and Configuration Checks/AWS Security Best Practices");
            BOOST_TEST(str(f["FindingProviderFields"]["Severity"]["Label"]) ==
                       str(f["Severity"]["Label"]));
            BOOST_TEST(str(f["FindingProviderFields"]["Types"].at(0)) == str(f["Types"].at(0)));
            BOOST_TEST(str(f["SchemaVersion"]) == "2018-10-08");
            BOOST_TEST(str(f["CreatedAt"]) == "2025-12-01T03:00:00.123Z");
            BOOST_TEST(str(f["Resources"].at(0)["Type"]) == "Other");
            const auto status = str(f["Compliance"]["Status"]);
            BOOST_TEST(status == (x.suppressed ? "WARNING" : "FAILED"));
            BOOST_TEST(str(f["RecordState"]) ==
                       (x.baseline == ga::baseline_state::absent ? "ARCHIVED" : "ACTIVE"));
            const auto description = str(f["Description"]);
            BOOST_TEST(description.size() <= 1024u);
            BOOST_TEST(!description.empty());
            std::string_view partition;
            const bool has_partition =
                f["Resources"].at(0)["Partition"].get(partition) == simdjson::SUCCESS;
            BOOST_TEST(has_partition == (x.resource.partition != "aws-iso"));
            if (name == "long") {
                BOOST_TEST(description == std::string(1020, 'x') + "...");
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(html_escapes_every_value_and_pins_its_one_script) {
    const auto findings = sample_findings();
    const auto text = render(finding_format::html, findings, sample_info(false));
    BOOST_TEST(count_of(text, "<script") == 1u);
    BOOST_TEST(count_of(text, "</script>") == 1u);
    BOOST_TEST(text.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    BOOST_TEST(text.find("<img") == std::string::npos);
    BOOST_TEST(text.find("&lt;b&gt;until&lt;/b&gt;") != std::string::npos);
    BOOST_TEST(text.find("default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-") !=
               std::string::npos);
    BOOST_TEST(text.find("http://") == std::string::npos);
    BOOST_TEST(text.find("https://") == std::string::npos);
    // The summary is written after the rows (streaming) and shown first by CSS order.
    BOOST_TEST(text.find("id=\"summary\"") > text.find("id=\"findings-table\""));
    BOOST_TEST(text.find("#summary { order: 1; }") != std::string::npos);
    BOOST_TEST(text.find("<dd id=\"total-findings\">5</dd>") != std::string::npos);
    BOOST_TEST(text.find("<dd id=\"suppressed-count\">1</dd>") != std::string::npos);
    // The suppressed finding is in its own table, after the others.
    const auto suppressed_table = text.find("id=\"suppressed-table\"");
    BOOST_TEST(text.find("dev, scratch") > suppressed_table);
}

BOOST_AUTO_TEST_CASE(a_marker_in_message_and_evidence_reaches_every_format_escaped) {
    const auto findings = sample_findings();
    const std::string marker(glue_test::marker);
    for (const auto format : all_formats) {
        const auto text = render(format, findings, sample_info(false));
        switch (format) {
        case finding_format::table:
            BOOST_TEST(text.find(marker) != std::string::npos);
            break;
        case finding_format::csv:
            BOOST_TEST(text.find("MARKER-<&>\"\"'-7f3a") != std::string::npos);
            break;
        case finding_format::html:
            BOOST_TEST(text.find("MARKER-&lt;&amp;&gt;&quot;&#39;-7f3a") != std::string::npos);
            BOOST_TEST(text.find(marker) == std::string::npos);
            break;
        default: // the JSON formats
            BOOST_TEST(text.find("MARKER-<&>\\\"'-7f3a") != std::string::npos,
                       gca::to_string(format));
            break;
        }
    }
}

BOOST_AUTO_TEST_CASE(no_secret_of_the_connection_reaches_any_format) {
    // A connection full of secrets, evaluated by the real rules: only what a finding holds is
    // written, and the finding holds no secret (audit.hpp).
    glue_inventory::connection c;
    c.name = "secretive";
    c.description = "DESCRIPTION-NOT-A-FINDING-FIELD";
    c.connection_type = "JDBC";
    c.last_updated_by = "arn:aws:iam::111111111111:user/UPDATER-NOT-A-FINDING-FIELD";
    c.status = "FAILED";
    c.status_reason = "login failed for jdbc:mysql://admin:pw-in-reason-S3CR3T@db.example:3306/x";
    c.connection_properties = glue_inventory::property_map{
        {"JDBC_CONNECTION_URL",
         "jdbc:mysql://admin:url-pw-S3CR3T@203.0.113.9:3306/x?password=qp-S3CR3T&useSSL=false"},
        {"USERNAME", "admin"},
        {"PASSWORD", "inline-pw-S3CR3T"},
        {"KAFKA_CLIENT_KEYSTORE_PASSWORD", "keystore-pw-S3CR3T"},
        {"JDBC_ENFORCE_SSL", "false"},
    };
    c.spark_properties = glue_inventory::property_map{{"api_token", "spark-token-S3CR3T"}};
    c.last_updated_time = glue_inventory::timestamp{std::chrono::milliseconds{1600000000000}};
    const glue_inventory::target t{"111111111111", "us-east-1", std::nullopt};
    ga::audit_options options;
    options.now = glue_inventory::timestamp{std::chrono::milliseconds{1764558000000}};
    std::vector<ga::rule_result> results;
    ga::evaluate(c, t, options, results);
    BOOST_REQUIRE(!results.empty());
    std::vector<ga::finding> findings;
    for (auto& r : results) {
        ga::finding f;
        f.resource = ga::describe(c, t);
        f.fingerprint = ga::fingerprint(r.rule->id, f.resource.arn);
        f.result = std::move(r);
        findings.push_back(std::move(f));
    }
    BOOST_TEST(std::any_of(findings.begin(), findings.end(),
                           [](const auto& f) { return f.result.status == ga::status::fail; }));
    for (const bool include_pass : {false, true}) {
        for (const auto format : all_formats) {
            const auto text = render(format, findings, sample_info(include_pass));
            BOOST_TEST(text.find("S3CR3T") == std::string::npos, gca::to_string(format));
            BOOST_TEST(text.find("NOT-A-FINDING-FIELD") == std::string::npos,
                       gca::to_string(format));
        }
    }
}

BOOST_AUTO_TEST_CASE(streaming_formats_write_each_finding_as_it_arrives) {
    // NDJSON, CSV, OCSF and HTML write a finding when they get it (memory stays flat); ASFF a
    // batch as soon as it has 100 findings of one account and region; SARIF and the table hold
    // them for the end (SARIF's runs are per account, the table groups).
    const auto f = glue_test::make_finding("GLUE-011", ga::status::fail, ga::severity::medium,
                                           "aws", "111111111111", "us-east-1", "x", "JDBC");
    for (const auto format : all_formats) {
        auto writer = gca::make_finding_writer(format);
        std::string out;
        writer->begin(sample_info(false), out);
        const auto before = out.size();
        for (int i = 0; i < 99; ++i) {
            writer->write(f, out);
        }
        const auto after_99 = out.size();
        writer->write(f, out);
        const auto after_100 = out.size();
        const bool streams = format == finding_format::ndjson || format == finding_format::csv ||
                             format == finding_format::ocsf || format == finding_format::html;
        BOOST_TEST((after_99 > before) == streams, gca::to_string(format));
        if (format == finding_format::asff) {
            BOOST_TEST(after_99 == before);
            BOOST_TEST(after_100 > after_99); // the 100th finding completes a batch
            BOOST_TEST(count_of(out, "\n") == 1u);
        }
        if (format == finding_format::sarif || format == finding_format::table) {
            BOOST_TEST(after_100 == before);
        }
    }
}
