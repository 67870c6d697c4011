// Where records and error lines go: stdout, stderr or a file, written with write(2).
//
// The writers build whole lines in a buffer; flush() hands the buffer to the kernel in one
// write() call (repeated only if the kernel takes part of it, which a regular file does only
// when the disk is full). There is no user-space buffer in between, so after a crash or a kill
// the file ends at a line boundary of the last flush: never a half-written line.
#pragma once

#include <string>
#include <sys/types.h>

namespace glue_cli {

/// Who may read a file the tool creates.
enum class file_secrecy {
    /// Cannot hold a secret (records without passwords, the --errors lines): mode 0666 less the
    /// umask, as a shell redirection would create it.
    none,
    /// May hold a secret (records with --show-passwords, any later file of passwords or
    /// tokens): mode 0600, owner only, from the first byte, as the AWS CLI creates its caches.
    may_hold_secrets,
};

/// The mode `open(2)` is given for a new file (the umask still applies).
constexpr mode_t creation_mode(file_secrecy secrecy) {
    return secrecy == file_secrecy::may_hold_secrets ? 0600 : 0666;
}

/// Opens `path` for writing (created, or truncated if it exists) with O_CLOEXEC. A new file
/// gets creation_mode(secrecy) in the open call itself, so no byte is ever readable with a
/// wider mode; an existing file keeps its mode and owner (replacing it would break hard links,
/// ACLs and files the user prepared on purpose). Returns the descriptor, or -1 with `error`
/// set ("cannot open 'path': reason"). When the file existed and may hold secrets but group or
/// others can read it, `warning` says so (the caller prints it); otherwise it is left empty.
int open_for_writing(const std::string& path, file_secrecy secrecy, std::string& error,
                     std::string& warning);

class output_file {
public:
    /// Standard output (fd 1) or standard error (fd 2); not closed on destruction.
    static output_file standard(int fd);
    /// Creates or truncates `path` with open_for_writing. On failure, returns an object that is
    /// not open and sets `error`; `warning` as open_for_writing sets it.
    static output_file create(const std::string& path, file_secrecy secrecy, std::string& error,
                              std::string& warning);

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
