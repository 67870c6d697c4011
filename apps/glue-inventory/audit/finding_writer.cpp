// The names of the formats and the factory of their writers.
#include "audit/finding_writer.hpp"

#include "audit/formats.hpp"

#include <array>
#include <utility>

namespace glue_cli::audit {
namespace {

constexpr std::array<std::pair<finding_format, std::string_view>, 7> format_names = {{
    {finding_format::table, "table"},
    {finding_format::ndjson, "ndjson"},
    {finding_format::csv, "csv"},
    {finding_format::sarif, "sarif"},
    {finding_format::ocsf, "ocsf"},
    {finding_format::asff, "asff"},
    {finding_format::html, "html"},
}};

} // namespace

std::string_view to_string(finding_format f) {
    for (const auto& [format, name] : format_names) {
        if (format == f) {
            return name;
        }
    }
    return "ndjson";
}

bool parse_finding_format(std::string_view text, finding_format& out) {
    for (const auto& [format, name] : format_names) {
        if (name == text) {
            out = format;
            return true;
        }
    }
    return false;
}

std::unique_ptr<finding_writer> make_finding_writer(finding_format format) {
    switch (format) {
    case finding_format::table:
        return make_table_finding_writer();
    case finding_format::ndjson:
        return make_ndjson_finding_writer();
    case finding_format::csv:
        return make_csv_finding_writer();
    case finding_format::sarif:
        return make_sarif_finding_writer();
    case finding_format::ocsf:
        return make_ocsf_finding_writer();
    case finding_format::asff:
        return make_asff_finding_writer();
    case finding_format::html:
        return make_html_finding_writer();
    }
    return make_ndjson_finding_writer();
}

} // namespace glue_cli::audit
