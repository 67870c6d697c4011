// The one place where the audit's five severities meet each format's scale
// (audit-rules.md section 3): SARIF level and GitHub's security-severity, OCSF severity_id and
// its caption, ASFF Severity.Label.
#pragma once

#include <array>
#include <cstddef>
#include <glue_inventory/audit.hpp>
#include <string_view>

namespace glue_cli::audit {

struct severity_mapping {
    std::string_view sarif_level;       // result.level / defaultConfiguration.level
    std::string_view security_severity; // GitHub: >9.0 critical, 7.0-8.9 high, 4.0-6.9 medium,
                                        // 0.1-3.9 low; values sit inside the bands, not on them
    int ocsf_severity_id;               // 1 Informational .. 5 Critical
    std::string_view ocsf_severity;     // the caption of ocsf_severity_id
    std::string_view asff_label;        // Severity.Label
};

/// Indexed by glue_inventory::audit::severity (info, low, medium, high, critical).
inline constexpr std::array<severity_mapping, 5> severity_mappings = {{
    {"note", "0.0", 1, "Informational", "INFORMATIONAL"},
    {"note", "3.0", 2, "Low", "LOW"},
    {"warning", "5.5", 3, "Medium", "MEDIUM"},
    {"error", "8.0", 4, "High", "HIGH"},
    {"error", "9.5", 5, "Critical", "CRITICAL"},
}};

inline const severity_mapping& mapping_of(glue_inventory::audit::severity s) {
    const auto i = static_cast<std::size_t>(s);
    return severity_mappings[i < severity_mappings.size() ? i : 0];
}

} // namespace glue_cli::audit
