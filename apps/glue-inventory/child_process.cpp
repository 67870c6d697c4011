#include "child_process.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace glue_cli {
namespace {
/// How often the waits below look again.
constexpr std::chrono::milliseconds poll_period{20};
} // namespace

child_process::child_process(const std::string& program, const std::vector<std::string>& args,
                             const std::string& log_file) {
    if (::access(program.c_str(), X_OK) != 0) {
        throw std::runtime_error("cannot run '" + program + "': " + std::strerror(errno));
    }
    const int log = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (log < 0) {
        throw std::runtime_error("cannot open '" + log_file + "': " + std::strerror(errno));
    }
    std::vector<std::string> owned;
    owned.push_back(program);
    owned.insert(owned.end(), args.begin(), args.end());
    std::vector<char*> argv;
    argv.reserve(owned.size() + 1);
    for (auto& a : owned) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    const pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ < 0) {
        ::close(log);
        throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
    }
    if (pid_ == 0) {
        // The child: only async-signal-safe calls until exec.
        ::prctl(PR_SET_PDEATHSIG, SIGTERM); // never outlive the demo, even if it crashes
        if (::getppid() != parent) {
            ::_exit(127);
        }
        ::dup2(log, STDOUT_FILENO);
        ::dup2(log, STDERR_FILENO);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(log);
}

child_process::~child_process() {
    if (pid_ > 0) {
        stop(std::chrono::seconds(5));
    }
}

bool child_process::running() {
    if (pid_ <= 0) {
        return false;
    }
    int status = 0;
    const pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
        status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        pid_ = -1;
        return false;
    }
    return true;
}

int child_process::stop(std::chrono::milliseconds grace) {
    if (!running()) {
        return status_;
    }
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (running()) {
        if (std::chrono::steady_clock::now() >= deadline) {
            ::kill(pid_, SIGKILL);
            int status = 0;
            ::waitpid(pid_, &status, 0);
            pid_ = -1;
            status_ = -1;
            break;
        }
        std::this_thread::sleep_for(poll_period);
    }
    return status_;
}

bool wait_for_file(const std::string& path, child_process& child,
                   std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        std::error_code ec;
        if (std::filesystem::exists(path, ec)) {
            return true;
        }
        if (!child.running()) {
            return false;
        }
        std::this_thread::sleep_for(poll_period);
    }
    return false;
}

} // namespace glue_cli
