// The formats of `glue-inventory diff` (diff/change_format.hpp writes them), alone: the command
// line (diff_command_line.hpp, included by command_line.hpp and so by most of the CLI) names a
// format without including the diff's engine and simdjson.
#pragma once

namespace glue_cli::diff {

enum class change_format { ndjson, csv, table };

} // namespace glue_cli::diff
