// A fixed set of findings, built by hand (no network, no rule evaluation), that exercises what
// the formats must get right: several accounts, regions and partitions, every severity, a
// suppressed finding, every baseline state, names with Unicode, quotes, U+2028 and a <script>
// tag, evidence with characters that every format must escape. The unit tests and the sample
// reports that the validators read (write_samples.cpp) share it.
#pragma once

#include "audit/finding_writer.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace glue_test {

namespace ga = glue_inventory::audit;

/// A text that must come out of every format intact (escaped as the format requires): it is
/// in a message and in an evidence value of the fixture.
inline constexpr std::string_view marker = "MARKER-<&>\"'-7f3a";

/// The name whose HTML must stay text.
inline constexpr std::string_view script_name = "<script>alert(1)</script>";

/// A finding of rule `rule_id` about connection `name` of (partition, account, region).
ga::finding make_finding(std::string_view rule_id, ga::status status, ga::severity severity,
                         std::string_view partition, std::string_view account,
                         std::string_view region, std::string_view name,
                         std::string_view connection_type);

/// The fixture: FAIL findings only (what an audit writes by default).
std::vector<ga::finding> sample_findings();

/// The fixture plus PASS, NOT_APPLICABLE and UNKNOWN results (what --include-pass writes).
std::vector<ga::finding> sample_results_with_pass();

/// The report info of the samples (a fixed time and command line).
glue_cli::audit::report_info sample_info(bool include_pass);

/// The summary an audit of these findings ends with.
glue_cli::audit::audit_summary sample_summary(const std::vector<ga::finding>& findings);

/// Everything a writer of `format` writes for `findings`: begin, each finding, end.
std::string render(glue_cli::audit::finding_format format, const std::vector<ga::finding>& findings,
                   const glue_cli::audit::report_info& info);

} // namespace glue_test
