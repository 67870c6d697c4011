// The --accounts @FILE reader. Properties: either an error naming the file and a line and no
// accounts, or only 12-digit IDs, one per line that is neither blank nor a comment; the IDs
// written one per line read back the same.
#include "account_file.hpp"
#include "fuzz_check.hpp"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(fuzz::as_text(data, size));
    std::string error;
    const auto ids = glue_cli::parse_account_file(text, "accounts.txt", error);
    if (!error.empty()) {
        FUZZ_CHECK(ids.empty());
        FUZZ_CHECK(error.find("@accounts.txt line ") != std::string::npos);
        return 0;
    }
    std::size_t meaningful_lines = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        auto line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        line = line.substr(0, line.find('#'));
        meaningful_lines += line.find_first_not_of(" \t\r") != std::string::npos ? 1 : 0;
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    FUZZ_CHECK(ids.size() == meaningful_lines);
    std::string written;
    for (const auto& id : ids) {
        FUZZ_CHECK(id.size() == 12 && id.find_first_not_of("0123456789") == std::string::npos);
        written += id + "\n";
    }
    std::string error2;
    FUZZ_CHECK(glue_cli::parse_account_file(written, "accounts.txt", error2) == ids);
    FUZZ_CHECK(error2.empty());
    return 0;
}
