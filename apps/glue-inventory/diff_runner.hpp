// `glue-inventory diff`: the thin I/O around diff::snapshot_diff. Reads the error files, indexes
// OLD (read again by offset when a record changed; kept in memory only when OLD cannot be read
// again, a pipe), streams NEW, writes the changes, and returns the exit status.
#pragma once

#include "diff/snapshot_diff.hpp"
#include "diff_command_line.hpp"

#include <cstddef>
#include <functional>

namespace glue_cli {

/// Bytes read from an input at a time.
inline constexpr std::size_t diff_read_chunk_bytes = 1024 * 1024;
/// Output is handed to the kernel when this much is buffered (and at the end).
inline constexpr std::size_t diff_flush_bytes = 256 * 1024;

struct diff_terminals {
    bool stdout_is_terminal = false;
    bool stderr_is_terminal = false;
};

/// The diff's output and exit status around `engine`, for files and stores alike: opens the
/// output, calls `index_old` (OLD's lines into the engine), reports the targets not compared,
/// calls `stream_new` (NEW's lines), reports what OLD alone had, and prints the problems. Each
/// callback returns false after printing why it could not read (exit status 1).
int run_diff_engine(diff::snapshot_diff& engine, const diff_arguments& args,
                    diff_terminals terminals, diff::old_line_source& olds,
                    const std::function<bool()>& index_old,
                    const std::function<bool(diff::change_sink&)>& stream_new);

/// `diff --store`: the two stored scans through run_diff_engine (store/store_diff.cpp).
int run_store_diff(const diff_arguments& args, diff_terminals terminals);

/// Runs the diff; messages (unreadable inputs, skipped lines with file:line, the summary when
/// stderr is a terminal) go to stderr. Returns the exit status documented in --help.
int run_diff(const diff_arguments& args, diff_terminals terminals);

} // namespace glue_cli
