// A child process the demo starts (glue-sim): fork + exec, stopped with SIGTERM, killed if it
// does not stop, and killed by the kernel if this process dies first.
#pragma once

#include <chrono>
#include <string>
#include <sys/types.h>
#include <vector>

namespace glue_cli {

class child_process {
public:
    /// Starts `program` with `args`; its stdout and stderr go to `log_file`. Throws
    /// std::runtime_error naming the program when it cannot be started.
    child_process(const std::string& program, const std::vector<std::string>& args,
                  const std::string& log_file);
    /// Stops the child if stop() was not called.
    ~child_process();
    child_process(const child_process&) = delete;
    child_process& operator=(const child_process&) = delete;

    /// Whether the child is still running (reaps it when it has exited).
    bool running();

    /// SIGTERM, then waits up to `grace`; SIGKILL after that. Returns the exit status
    /// (-1 when it was killed by a signal).
    int stop(std::chrono::milliseconds grace = std::chrono::seconds(10));

private:
    pid_t pid_ = -1;
    int status_ = -1;
};

/// Waits until `path` exists while `child` runs, polling; false after `timeout` or when the
/// child exits first.
bool wait_for_file(const std::string& path, child_process& child,
                   std::chrono::milliseconds timeout);

} // namespace glue_cli
