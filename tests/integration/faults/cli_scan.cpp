#include "cli_scan.hpp"

#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace glue_test {

namespace fs = std::filesystem;

scan_files files_of(const fs::path& dir, const std::string& name) {
    return {dir / (name + ".ndjson"), dir / (name + "-errors.ndjson"), dir / (name + ".log")};
}

pid_t start_scan(const sim_ready& r, const fs::path& dir, const std::string& name,
                 const std::string& regions, const std::vector<std::string>& extra,
                 unsigned descriptor_limit) {
    const auto files = files_of(dir, name);
    std::vector<std::string> args{GLUE_INVENTORY_PATH,
                                  "scan",
                                  "--org",
                                  "--role-name",
                                  "Reader",
                                  "--regions",
                                  regions,
                                  "--endpoint-url",
                                  r.endpoint_url,
                                  "--ca-bundle",
                                  r.ca_bundle,
                                  "--no-progress",
                                  "--format",
                                  "ndjson",
                                  "--output",
                                  files.output.string(),
                                  "--errors",
                                  files.errors.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<std::string> env{"HOME=" + dir.string(), "AWS_ACCESS_KEY_ID=" + r.access_key_id,
                                 "AWS_SECRET_ACCESS_KEY=" + r.secret_access_key,
                                 "AWS_REGION=us-east-1", "AWS_EC2_METADATA_DISABLED=true"};
    std::vector<char*> argv;
    std::vector<char*> envp;
    for (auto& a : args) {
        argv.push_back(a.data());
    }
    for (auto& e : env) {
        envp.push_back(e.data());
    }
    argv.push_back(nullptr);
    envp.push_back(nullptr);
    const std::string log = files.log.string();
    const pid_t pid = fork();
    if (pid == 0) {
        const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        if (descriptor_limit > 0) {
            const rlimit limit{descriptor_limit, descriptor_limit};
            if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) {
                _exit(126);
            }
        }
        ::execve(argv[0], argv.data(), envp.data());
        _exit(127);
    }
    return pid;
}

int wait_scan(pid_t pid, std::chrono::seconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    int status = 0;
    while (waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace glue_test
