// The --accounts @FILE reader.
#pragma once

#include <string>
#include <vector>

namespace glue_cli {

/// Account IDs from the text of an --accounts @FILE: one ID per line; '#' starts a comment;
/// blank lines and surrounding spaces are ignored. On a line that is not a 12-digit ID, returns
/// an error naming the file and the line in `error`.
std::vector<std::string> parse_account_file(const std::string& text, const std::string& path,
                                            std::string& error);

} // namespace glue_cli
