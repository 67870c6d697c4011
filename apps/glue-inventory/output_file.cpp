#include "output_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace glue_cli {

output_file output_file::standard(int fd) {
    output_file f(fd, false);
    f.path_ = fd == 2 ? "standard error" : "standard output";
    return f;
}

int open_for_writing(const std::string& path, file_secrecy secrecy, std::string& error,
                     std::string& warning) {
    const int fd =
        ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, creation_mode(secrecy));
    if (fd < 0) {
        error = "cannot open '" + path + "': " + std::strerror(errno);
        return -1;
    }
    struct stat st {};
    if (secrecy != file_secrecy::may_hold_secrets || ::fstat(fd, &st) != 0 ||
        !S_ISREG(st.st_mode)) {
        return fd;
    }
    // A file we just created is ours and 0600 (or narrower); one that existed may be neither,
    // for instance one another user prepared in a shared directory.
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777U));
        warning = "'" + path + "' already exists with mode " + mode +
                  ": it keeps that mode, so the passwords written to it can be read by others "
                  "(chmod 600 it, or write to a new file)";
    } else if (st.st_uid != ::geteuid()) {
        warning = "'" + path + "' already exists and belongs to another user (uid " +
                  std::to_string(st.st_uid) +
                  "), who can read the passwords written to it (write to a new file)";
    }
    return fd;
}

output_file output_file::create(const std::string& path, file_secrecy secrecy, std::string& error,
                                std::string& warning) {
    const int fd = open_for_writing(path, secrecy, error, warning);
    if (fd < 0) {
        return {};
    }
    output_file f(fd, true);
    f.path_ = path;
    return f;
}

output_file::~output_file() {
    if (owned_ && fd_ >= 0) {
        ::close(fd_);
    }
}

output_file::output_file(output_file&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), owned_(std::exchange(other.owned_, false)),
      error_(std::move(other.error_)), path_(std::move(other.path_)) {}

output_file& output_file::operator=(output_file&& other) noexcept {
    if (this != &other) {
        if (owned_ && fd_ >= 0) {
            ::close(fd_);
        }
        fd_ = std::exchange(other.fd_, -1);
        owned_ = std::exchange(other.owned_, false);
        error_ = std::move(other.error_);
        path_ = std::move(other.path_);
    }
    return *this;
}

bool output_file::is_terminal() const {
    return fd_ >= 0 && ::isatty(fd_) == 1;
}

bool output_file::flush(std::string& buffer) {
    if (!error_.empty() || fd_ < 0) {
        buffer.clear();
        return false;
    }
    std::size_t done = 0;
    while (done < buffer.size()) {
        const auto n = ::write(fd_, buffer.data() + done, buffer.size() - done);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            error_ = "cannot write to " + path_ + ": " + std::strerror(errno);
            buffer.clear();
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    buffer.clear();
    return true;
}

} // namespace glue_cli
