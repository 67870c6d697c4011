// The writer of each --format, one file each (audit/<name>_format.cpp); make_finding_writer
// picks among them. What each writes, and why, is described at the top of its file.
#pragma once

#include "audit/finding_writer.hpp"

#include <memory>

namespace glue_cli::audit {

std::unique_ptr<finding_writer> make_ndjson_finding_writer();
std::unique_ptr<finding_writer> make_csv_finding_writer();
std::unique_ptr<finding_writer> make_table_finding_writer();
std::unique_ptr<finding_writer> make_sarif_finding_writer();
std::unique_ptr<finding_writer> make_ocsf_finding_writer();
std::unique_ptr<finding_writer> make_asff_finding_writer();
std::unique_ptr<finding_writer> make_html_finding_writer();

} // namespace glue_cli::audit
