#include "text_files.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

namespace glue_test {

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) {
            out.push_back(line);
        }
    }
    return out;
}

std::vector<std::string> sorted_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    std::sort(lines.begin(), lines.end());
    return lines;
}

void write_text(const std::filesystem::path& path, std::string_view text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

std::string shell_wait_for_lines(const std::filesystem::path& path, std::size_t lines,
                                 int max_wait_seconds) {
    const std::string file = path.string();
    return "i=0; while [ $i -lt " + std::to_string(max_wait_seconds * 10) + " ]; do if [ -f " +
           file + " ] && [ $(wc -l < " + file + ") -ge " + std::to_string(lines) +
           " ]; then break; fi; sleep 0.1; i=$((i+1)); done;";
}

} // namespace glue_test
