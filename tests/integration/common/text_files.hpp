// Reading back what a process under test wrote: a whole file, and its lines.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace glue_test {

/// The file's bytes; "" when it does not exist or cannot be read (a missing --errors file
/// means no error was written).
std::string read_text(const std::filesystem::path& path);

/// The non-empty lines of `text`, without their '\n'.
std::vector<std::string> lines_of(const std::string& text);

} // namespace glue_test
