#include "sim_process.hpp"

#include "text_files.hpp"

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <simdjson.h>
#include <sstream>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace glue_test {

namespace {

constexpr std::chrono::milliseconds poll_interval{20};

std::vector<std::string> string_list(simdjson::dom::element e) {
    std::vector<std::string> out;
    for (auto item : e.get_array()) {
        out.emplace_back(std::string_view(item.get_string()));
    }
    return out;
}

sim_ready parse_ready(const std::string& text) {
    simdjson::dom::parser parser;
    const simdjson::dom::element doc = parser.parse(text);
    sim_ready r;
    r.port = static_cast<unsigned short>(std::uint64_t(doc["port"]));
    r.endpoint_url = std::string_view(doc["endpoint_url"]);
    r.ca_bundle = std::string_view(doc["ca_bundle"]);
    r.access_key_id = std::string_view(doc["access_key_id"]);
    r.secret_access_key = std::string_view(doc["secret_access_key"]);
    r.accounts = string_list(doc["accounts"]);
    r.regions = string_list(doc["regions"]);
    r.management_account = std::string_view(doc["management_account"]);
    r.role_name = std::string_view(doc["role_name"]);
    return r;
}

} // namespace

std::string sim_path() {
    return GLUE_SIM_PATH;
}

sim_process::sim_process(const std::vector<std::string>& args, std::chrono::seconds ready_timeout) {
    std::string dir_template =
        (std::filesystem::temp_directory_path() / "glue-sim-test-XXXXXX").string();
    if (mkdtemp(dir_template.data()) == nullptr) {
        throw std::runtime_error("cannot create a state directory for glue-sim");
    }
    state_dir_ = dir_template;
    args_ = args;
    launch(args, ready_timeout);
}

void sim_process::kill_now() {
    if (pid_ > 0) {
        kill(pid_, SIGKILL);
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
    }
}

void sim_process::restart(std::chrono::seconds ready_timeout) {
    kill_now();
    std::error_code ignored;
    std::filesystem::remove(std::filesystem::path(state_dir_) / "ready.json", ignored);
    auto args = args_;
    args.insert(args.end(), {"--port", std::to_string(ready_.port)});
    launch(args, ready_timeout);
}

void sim_process::launch(const std::vector<std::string>& args, std::chrono::seconds ready_timeout) {
    std::vector<std::string> argv_text{sim_path(), "--state-dir", state_dir_};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);

    pid_ = fork();
    if (pid_ < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid_ == 0) {
        execv(argv[0], argv.data());
        _exit(127);
    }

    const auto ready_path = std::filesystem::path(state_dir_) / "ready.json";
    const auto deadline = std::chrono::steady_clock::now() + ready_timeout;
    while (!std::filesystem::exists(ready_path)) {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("glue-sim exited before it was ready (status " +
                                     std::to_string(status) + ")");
        }
        if (std::chrono::steady_clock::now() > deadline) {
            stop(std::chrono::seconds(1));
            throw std::runtime_error("glue-sim was not ready within the timeout");
        }
        std::this_thread::sleep_for(poll_interval);
    }
    ready_ = parse_ready(read_text(ready_path));
}

sim_process::~sim_process() {
    stop();
    std::error_code ignored;
    std::filesystem::remove_all(state_dir_, ignored);
}

std::string sim_process::stop(std::chrono::seconds timeout) {
    if (pid_ > 0) {
        kill(pid_, SIGTERM);
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        int status = 0;
        while (waitpid(pid_, &status, WNOHANG) == 0) {
            if (std::chrono::steady_clock::now() > deadline) {
                kill(pid_, SIGKILL);
                waitpid(pid_, &status, 0);
                break;
            }
            std::this_thread::sleep_for(poll_interval);
        }
        pid_ = -1;
    }
    const auto stats_path = std::filesystem::path(state_dir_) / "stats.json";
    return std::filesystem::exists(stats_path) ? read_text(stats_path) : std::string();
}

std::uint64_t stats_value(std::string_view stats_json, std::string_view json_pointer) {
    simdjson::dom::parser parser;
    std::uint64_t value = 0;
    if (parser.parse(stats_json.data(), stats_json.size()).at_pointer(json_pointer).get(value) !=
        simdjson::SUCCESS) {
        throw std::runtime_error("stats.json has no number at " + std::string(json_pointer));
    }
    return value;
}

} // namespace glue_test
