// Starts glue-sim as a child process for a test: a fresh state directory, bounded waits for
// ready.json, SIGTERM to stop (kill -9 if it does not), stats.json read back.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace glue_test {

/// What glue-sim wrote to ready.json.
struct sim_ready {
    unsigned short port = 0;
    std::string endpoint_url; // "https://127.0.0.1:PORT"
    std::string ca_bundle;    // path of ca.pem
    std::string access_key_id;
    std::string secret_access_key;
    std::vector<std::string> accounts; // ACTIVE accounts, management first
    std::vector<std::string> regions;
    std::string management_account;
    std::string role_name;
};

class sim_process {
public:
    /// Longest wait for ready.json.
    static constexpr std::chrono::seconds default_ready_timeout{20};
    /// Longest wait for an exit after SIGTERM before SIGKILL.
    static constexpr std::chrono::seconds default_stop_timeout{10};

    /// Starts glue-sim with `args` (--state-dir is added). Throws std::runtime_error when it
    /// exits or is not ready in time.
    explicit sim_process(const std::vector<std::string>& args,
                         std::chrono::seconds ready_timeout = default_ready_timeout);
    ~sim_process();
    sim_process(const sim_process&) = delete;
    sim_process& operator=(const sim_process&) = delete;

    const sim_ready& ready() const { return ready_; }
    const std::string& state_dir() const { return state_dir_; }

    /// SIGTERM, waits for the exit, returns stats.json's text ("" if it was not written).
    /// Kills with SIGKILL after `timeout`.
    std::string stop(std::chrono::seconds timeout = default_stop_timeout);

    /// SIGKILL now (a crash: nothing is written), and reaps it. The state directory stays.
    void kill_now();
    /// Starts glue-sim again with the same arguments, state directory (so the same CA and
    /// server key) and port, as a service restarted after a crash. Throws as the constructor.
    void restart(std::chrono::seconds ready_timeout = default_ready_timeout);

private:
    void launch(const std::vector<std::string>& args, std::chrono::seconds ready_timeout);

    std::vector<std::string> args_;
    pid_t pid_ = -1;
    std::string state_dir_;
    sim_ready ready_;
};

/// The number at `json_pointer` (e.g. "/requests/GetConnections") in a stats.json text.
std::uint64_t stats_value(std::string_view stats_json, std::string_view json_pointer);

/// The glue-sim executable (from the GLUE_SIM_PATH compile definition).
std::string sim_path();

} // namespace glue_test
