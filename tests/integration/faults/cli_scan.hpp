// Runs `glue-inventory scan` against a glue-sim as a child process for the fault tests: its
// --output, --errors and log (stdout + stderr) in files, an optional descriptor limit, and a
// bounded wait (a hang fails the test instead of blocking CI).
#pragma once

#include "sim_process.hpp"
#include "text_files.hpp"

#include <chrono>
#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace glue_test {

/// Where a scan named NAME writes in DIR: NAME.ndjson, NAME-errors.ndjson, NAME.log.
struct scan_files {
    std::filesystem::path output;
    std::filesystem::path errors;
    std::filesystem::path log;
};
scan_files files_of(const std::filesystem::path& dir, const std::string& name);

/// Starts `glue-inventory scan --org --role-name Reader --regions REGIONS` on `sim` with
/// `args` added, writing to files_of(dir, name). `descriptor_limit` > 0 sets RLIMIT_NOFILE
/// (soft and hard) in the child, as `ulimit -n` does.
pid_t start_scan(const sim_ready& sim, const std::filesystem::path& dir, const std::string& name,
                 const std::string& regions, const std::vector<std::string>& args,
                 unsigned descriptor_limit = 0);

/// The scan's exit status (128 + signal when killed). After `limit` the scan is killed with
/// SIGKILL and the status is -1.
int wait_scan(pid_t pid, std::chrono::seconds limit);

} // namespace glue_test
