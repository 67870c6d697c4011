// Reading back what a process under test wrote (a whole file, its lines), and writing its inputs.
#pragma once

#include <cstddef>
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

/// A /bin/sh loop (ending in ';', no single quote in it) that waits until the file at `path`
/// holds at least `lines` newline-ended lines, polling every 0.1 s for at most
/// `max_wait_seconds`. The tests that signal a running CLI once it has written something use
/// it instead of a fixed sleep, which a loaded machine (sanitizers, a fuzz campaign beside
/// them) does not honour: the CLI's start-up alone can take longer there.
std::string shell_wait_for_lines(const std::filesystem::path& path, std::size_t lines,
                                 int max_wait_seconds = 60);

} // namespace glue_test
