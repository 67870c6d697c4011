// The one piece of I/O in this component: a whole small text file into memory.
#pragma once

#include "config_error.hpp"

#include <cstddef>
#include <optional>
#include <string>

namespace glue_inventory::creds {

/// A shared config or credentials file larger than this is refused: such files are a few KiB,
/// and a path pointing at a device or a huge file must not exhaust memory.
inline constexpr std::size_t max_shared_file_bytes = 1024 * 1024;

/// The contents of `path`; std::nullopt when the file does not exist (the SDKs treat a missing
/// shared file as an empty one). Errors: the file exists but cannot be read, or is larger than
/// max_shared_file_bytes.
config_result<std::optional<std::string>> read_text_file(const std::string& path);

} // namespace glue_inventory::creds
