#include "pg_cluster.hpp"

#include "text_files.hpp"

#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <grp.h>
#include <pwd.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace glue_test {
namespace {

using glue_test::read_text;

namespace fs = std::filesystem;

/// Longest wait for the server to accept connections, and for it to stop.
constexpr auto start_timeout = std::chrono::seconds(60);
constexpr auto stop_timeout = std::chrono::seconds(20);

struct run_as {
    bool drop = false;
    uid_t uid = 0;
    gid_t gid = 0;
};

run_as server_user() {
    run_as who;
    if (::geteuid() != 0) {
        return who;
    }
    const char* name = std::getenv("GLUE_TEST_PG_USER");
    const passwd* pw = ::getpwnam(name && *name ? name : "nobody");
    if (pw == nullptr) {
        throw std::runtime_error("running as root, and there is no user 'nobody' (or "
                                 "GLUE_TEST_PG_USER) to run PostgreSQL as");
    }
    who.drop = true;
    who.uid = pw->pw_uid;
    who.gid = pw->pw_gid;
    return who;
}

std::string find_bin() {
    if (const char* env = std::getenv("PG_BIN"); env && *env) {
        return env;
    }
    if (FILE* p = ::popen("pg_config --bindir 2>/dev/null", "r")) {
        std::array<char, 512> buf{};
        std::string out;
        while (std::fgets(buf.data(), buf.size(), p)) {
            out += buf.data();
        }
        ::pclose(p);
        while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) {
            out.pop_back();
        }
        if (!out.empty() && fs::exists(fs::path(out) / "initdb")) {
            return out;
        }
    }
    // Debian: the newest installed version.
    std::string best;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator("/usr/lib/postgresql", ec)) {
        if (fs::exists(e.path() / "bin" / "initdb") && e.path().string() > best) {
            best = e.path().string();
        }
    }
    if (best.empty()) {
        throw std::runtime_error("no PostgreSQL server binaries (initdb): install Debian's "
                                 "postgresql, or set PG_BIN");
    }
    return best + "/bin";
}

/// fork + (drop to the server's user) + exec; stdout and stderr to `log`.
pid_t spawn(const std::vector<std::string>& argv, const std::string& log) {
    const auto who = server_user();
    std::vector<char*> args;
    for (const auto& a : argv) {
        args.push_back(const_cast<char*>(a.c_str()));
    }
    args.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) {
        throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    }
    if (pid == 0) {
        ::setpgid(0, 0); // its own process group: a test's Ctrl-C does not reach it first
        if (FILE* f = std::fopen(log.c_str(), "a")) {
            ::dup2(::fileno(f), 1);
            ::dup2(::fileno(f), 2);
        }
        if (who.drop &&
            (::setgroups(0, nullptr) != 0 || ::setgid(who.gid) != 0 || ::setuid(who.uid) != 0)) {
            std::perror("dropping root");
            ::_exit(126);
        }
        ::execv(args[0], args.data());
        std::perror("exec");
        ::_exit(127);
    }
    return pid;
}

int wait_exit(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace

pg_cluster::pg_cluster() : bin_(find_bin()) {
    std::string templ = (fs::temp_directory_path() / "glue-pg-XXXXXX").string();
    if (::mkdtemp(templ.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    dir_ = templ;
    const auto who = server_user();
    if (who.drop && ::chown(dir_.c_str(), who.uid, who.gid) != 0) {
        throw std::runtime_error("cannot give " + dir_ + " to the server's user");
    }
    const std::string log = dir_ + "/server.log";
    const std::string data = dir_ + "/data";
    const int initdb = wait_exit(spawn({bin_ + "/initdb", "-D", data, "-U", "glue", "-A", "trust",
                                        "--locale=C", "-E", "UTF8", "--no-sync"},
                                       log));
    if (initdb != 0) {
        throw std::runtime_error("initdb failed (" + std::to_string(initdb) +
                                 "): " + read_text(log));
    }
    pid_ = spawn({bin_ + "/postgres", "-D", data, "-k", dir_, "-c", "listen_addresses=", "-c",
                  "fsync=off", "-c", "max_connections=50"},
                 log);
    const auto deadline = std::chrono::steady_clock::now() + start_timeout;
    for (;;) {
        const auto ready = wait_exit(
            spawn({bin_ + "/pg_isready", "-q", "-h", dir_, "-U", "glue", "-d", "postgres"},
                  dir_ + "/isready.log"));
        if (ready == 0) {
            break;
        }
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("postgres exited: " + read_text(log));
        }
        if (std::chrono::steady_clock::now() > deadline) {
            kill();
            throw std::runtime_error("postgres did not start in time: " + read_text(log));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    create_database("glue");
}

pg_cluster::~pg_cluster() {
    kill();
    std::error_code ec;
    fs::remove_all(dir_, ec);
}

void pg_cluster::kill() {
    if (pid_ <= 0) {
        return;
    }
    ::kill(pid_, SIGQUIT);
    const auto deadline = std::chrono::steady_clock::now() + stop_timeout;
    int status = 0;
    while (::waitpid(pid_, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(-pid_, SIGKILL);
            ::kill(pid_, SIGKILL);
            wait_exit(pid_);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    pid_ = -1;
}

std::string pg_cluster::url(const std::string& database) const {
    return "postgresql:///" + database + "?host=" + dir_ + "&user=glue";
}

std::string pg_cluster::psql(const std::string& sql, const std::string& database) const {
    const std::string out = dir_ + "/psql.out";
    std::error_code ec;
    fs::remove(out, ec);
    const int rc = wait_exit(spawn({bin_ + "/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                                    "-h", dir_, "-U", "glue", "-d", database, "-c", sql},
                                   out));
    auto text = read_text(out);
    if (rc != 0) {
        throw std::runtime_error("psql failed: " + text);
    }
    return text;
}

void pg_cluster::create_database(const std::string& name) const {
    psql("CREATE DATABASE \"" + name + "\"", "postgres");
}

} // namespace glue_test
