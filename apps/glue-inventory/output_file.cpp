#include "output_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <utility>

namespace glue_cli {

output_file output_file::standard(int fd) {
    output_file f(fd, false);
    f.path_ = fd == 2 ? "standard error" : "standard output";
    return f;
}

output_file output_file::create(const std::string& path, std::string& error) {
    // 0666 less the umask, as any shell redirection would create it.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        error = "cannot open '" + path + "': " + std::strerror(errno);
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
