// audit_format_samples OUTDIR: writes a report of every format from the fixed findings of
// sample_findings.cpp, for the validators under tests/formats/ (SARIF against the OASIS schema,
// OCSF against the compiled 1.5.0 schema, ASFF with botocore, HTML with html.parser and
// Chromium). Each format twice: the default (failures) and with --include-pass.
#include "sample_findings.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>

namespace {

bool write_file(const std::string& path, const std::string& text) {
    std::ofstream file(path, std::ios::binary);
    file << text;
    return static_cast<bool>(file);
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: audit_format_samples OUTDIR\n";
        return 1;
    }
    const std::string dir = argv[1];
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    namespace gca = glue_cli::audit;
    const auto findings = glue_test::sample_findings();
    const auto results = glue_test::sample_results_with_pass();
    struct sample {
        gca::finding_format format;
        const char* extension;
    };
    constexpr sample samples[] = {
        {gca::finding_format::ndjson, "ndjson"},    {gca::finding_format::csv, "csv"},
        {gca::finding_format::table, "txt"},        {gca::finding_format::sarif, "sarif"},
        {gca::finding_format::ocsf, "ocsf.ndjson"}, {gca::finding_format::asff, "asff.ndjson"},
        {gca::finding_format::html, "html"},
    };
    for (const auto& s : samples) {
        const std::string name = std::string(gca::to_string(s.format));
        if (!write_file(dir + "/findings." + s.extension,
                        glue_test::render(s.format, findings, glue_test::sample_info(false))) ||
            !write_file(dir + "/results." + s.extension,
                        glue_test::render(s.format, results, glue_test::sample_info(true)))) {
            std::cerr << "audit_format_samples: cannot write " << name << " into " << dir << '\n';
            return 1;
        }
    }
    return 0;
}
