#include "client/credential_process.hpp"

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <csignal>
#include <fcntl.h>
#include <glue_inventory/error.hpp>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace glue_inventory::client_detail {
namespace asio = boost::asio;
using boost::system::error_code;

asio::awaitable<error_code> run_credential_process(const std::string& command, std::string& output,
                                                   std::string& what) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        what = "credential_process: cannot create a pipe";
        co_return errc::credentials_unavailable;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    std::string shell = "/bin/sh";
    std::string dash_c = "-c";
    std::string command_copy = command;
    char* argv[] = {shell.data(), dash_c.data(), command_copy.data(), nullptr};
    pid_t pid = -1;
    const int spawned = ::posix_spawn(&pid, "/bin/sh", &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (spawned != 0) {
        ::close(fds[0]);
        what = "credential_process: cannot start /bin/sh";
        co_return errc::credentials_unavailable;
    }

    const auto ex = co_await asio::this_coro::executor;
    asio::posix::stream_descriptor pipe(ex, fds[0]);
    // The deadline kills the command; the read below then ends.
    bool timed_out = false;
    asio::steady_timer deadline(ex, credential_process_timeout);
    deadline.async_wait([&, pid](error_code ec) {
        if (!ec) {
            timed_out = true;
            ::kill(pid, SIGKILL);
            error_code ignored;
            pipe.close(ignored);
        }
    });
    std::array<char, 4096> chunk{};
    bool too_long = false;
    for (;;) {
        auto read =
            co_await pipe.async_read_some(asio::buffer(chunk), asio::as_tuple(asio::use_awaitable));
        const auto& [ec, n] = read;
        output.append(chunk.data(), n);
        if (output.size() > max_credential_process_output) {
            too_long = true;
            ::kill(pid, SIGKILL);
            break;
        }
        if (ec) {
            break; // end of file, or closed by the deadline
        }
    }
    deadline.cancel();
    error_code ignored;
    pipe.close(ignored);
    // The command closed its output: it has ended or is about to.
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (timed_out) {
        what = "credential_process: no answer within " +
               std::to_string(credential_process_timeout.count()) + " s";
        co_return errc::credentials_unavailable;
    }
    if (too_long) {
        what = "credential_process: more than " + std::to_string(max_credential_process_output) +
               " bytes of output";
        co_return errc::credentials_unavailable;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        what = "credential_process exited with status " +
               std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
        co_return errc::credentials_unavailable;
    }
    co_return error_code{};
}

} // namespace glue_inventory::client_detail
