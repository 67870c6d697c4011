// Reading back what a process under test wrote (a whole file, its lines), and writing its inputs.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace glue_test {

/// The file's bytes; "" when it does not exist or cannot be read (a missing --errors file
/// means no error was written).
std::string read_text(const std::filesystem::path& path);

/// The non-empty lines of `text`, without their '\n'.
std::vector<std::string> lines_of(const std::string& text);

/// Every line of `text` (empty ones too), sorted: two outputs that hold the same records in
/// another order compare equal.
std::vector<std::string> sorted_lines(const std::string& text);

/// Writes `text` to `path`, replacing the file.
void write_text(const std::filesystem::path& path, std::string_view text);

} // namespace glue_test
