// Where records and error lines go: stdout, stderr or a file, written with write(2).
//
// The writers build whole lines in a buffer; flush() hands the buffer to the kernel in one
// write() call (repeated only if the kernel takes part of it, which a regular file does only
// when the disk is full). There is no user-space buffer in between, so after a crash or a kill
// the file ends at a line boundary of the last flush: never a half-written line.
#pragma once

#include <string>

namespace glue_cli {

class output_file {
public:
    /// Standard output (fd 1) or standard error (fd 2); not closed on destruction.
    static output_file standard(int fd);
    /// Creates or truncates `path`. On failure, returns an object that is not open and sets
    /// `error` ("cannot open 'path': reason").
    static output_file create(const std::string& path, std::string& error);

    output_file() = default;
    ~output_file();
    output_file(output_file&& other) noexcept;
    output_file& operator=(output_file&& other) noexcept;
    output_file(const output_file&) = delete;
    output_file& operator=(const output_file&) = delete;

    bool is_open() const { return fd_ >= 0; }
    bool is_terminal() const;

    /// Writes `buffer` and clears it. False (and the reason in `error`) when the write failed;
    /// the first error is kept, later flushes are skipped.
    bool flush(std::string& buffer);
    const std::string& error() const { return error_; }

private:
    output_file(int fd, bool owned) : fd_(fd), owned_(owned) {}
    int fd_ = -1;
    bool owned_ = false;
    std::string error_;
    std::string path_;
};

} // namespace glue_cli
