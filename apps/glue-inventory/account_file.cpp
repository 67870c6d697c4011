// The --accounts @FILE reader: its own file so that the fuzz target (tests/fuzz) compiles it
// alone, without the rest of the command line.
#include "account_file.hpp"

#include <glue_inventory/validation.hpp> // is_account_id

namespace glue_cli {

std::vector<std::string> parse_account_file(const std::string& text, const std::string& path,
                                            std::string& error) {
    std::vector<std::string> ids;
    std::size_t line_number = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto newline = text.find('\n', start);
        std::string line =
            text.substr(start, newline == std::string::npos ? std::string::npos : newline - start);
        ++line_number;
        if (const auto hash = line.find('#'); hash != std::string::npos) {
            line.erase(hash);
        }
        const auto first = line.find_first_not_of(" \t\r");
        if (first != std::string::npos) {
            const auto last = line.find_last_not_of(" \t\r");
            const auto id = line.substr(first, last - first + 1);
            if (!glue_inventory::is_account_id(id)) {
                error = "glue-inventory: --accounts: @";
                error.append(path).append(" line ").append(std::to_string(line_number));
                error.append(": '").append(id).append("' is not a 12-digit account ID");
                return {};
            }
            ids.push_back(id);
        }
        if (newline == std::string::npos) {
            break;
        }
        start = newline + 1;
    }
    return ids;
}

} // namespace glue_cli
