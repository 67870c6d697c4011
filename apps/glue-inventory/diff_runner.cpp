#include "diff_runner.hpp"

#include "diff/change_format.hpp"
#include "diff/snapshot_diff.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <iostream>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace glue_cli {

namespace {

std::string error_prefix(const std::string& path) {
    return "glue-inventory: diff: " + path;
}

/// Lines of a file descriptor, read in chunks; a line longer than diff::max_line_bytes is
/// skipped and reported (never buffered whole).
class line_reader {
public:
    line_reader(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}

    enum class result { line, overlong, end, error };

    /// The next line without its '\n', its byte offset and its number (1-based).
    result next(std::string_view& line, std::uint64_t& offset, std::size_t& number) {
        bool skipping = false;
        for (;;) {
            const auto newline = buffer_.find('\n', scan_from_);
            if (newline != std::string::npos) {
                line = std::string_view(buffer_).substr(begin_, newline - begin_);
                offset = buffer_offset_ + begin_;
                number = ++line_number_;
                begin_ = newline + 1;
                scan_from_ = begin_;
                return skipping ? result::overlong : result::line;
            }
            if (eof_) {
                if (begin_ < buffer_.size()) {
                    line = std::string_view(buffer_).substr(begin_);
                    offset = buffer_offset_ + begin_;
                    number = ++line_number_;
                    begin_ = buffer_.size();
                    scan_from_ = begin_;
                    return skipping ? result::overlong : result::line;
                }
                if (skipping) {
                    number = ++line_number_;
                    return result::overlong;
                }
                return result::end;
            }
            // Keep the unfinished line, drop what was read.
            buffer_offset_ += begin_;
            buffer_.erase(0, begin_);
            begin_ = 0;
            if (buffer_.size() > diff::max_line_bytes) {
                skipping = true;
                buffer_offset_ += buffer_.size();
                buffer_.clear();
            }
            scan_from_ = buffer_.size();
            const auto old_size = buffer_.size();
            buffer_.resize(old_size + diff_read_chunk_bytes);
            ssize_t n = 0;
            do {
                n = ::read(fd_, buffer_.data() + old_size, diff_read_chunk_bytes);
            } while (n < 0 && errno == EINTR);
            if (n < 0) {
                error_ = std::strerror(errno);
                buffer_.resize(old_size);
                return result::error;
            }
            buffer_.resize(old_size + static_cast<std::size_t>(n));
            eof_ = n == 0;
        }
    }

    const std::string& error() const { return error_; }
    std::size_t line_number() const { return line_number_; }

private:
    int fd_;
    std::string path_;
    std::string buffer_;
    std::size_t begin_ = 0;
    std::size_t scan_from_ = 0;
    std::uint64_t buffer_offset_ = 0; // file offset of buffer_[0]
    std::size_t line_number_ = 0;
    bool eof_ = false;
    std::string error_;
};

class file_descriptor {
public:
    explicit file_descriptor(int fd) : fd_(fd) {}
    ~file_descriptor() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    file_descriptor(const file_descriptor&) = delete;
    file_descriptor& operator=(const file_descriptor&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

int open_input(const std::string& path) {
    int fd = -1;
    do {
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        std::cerr << error_prefix(path) << ": cannot open: " << std::strerror(errno) << "\n";
    }
    return fd;
}

/// OLD's lines again: read from the file at their offset when it is a regular file, else kept
/// in memory as they were read (a pipe cannot be read twice).
class old_lines final : public diff::old_line_source {
public:
    old_lines(int fd, bool seekable) : fd_(fd), seekable_(seekable) {}

    bool seekable() const { return seekable_; }
    /// In memory mode: keeps `line` and returns its offset in the kept text.
    std::uint64_t keep(std::string_view line) {
        const auto offset = kept_.size();
        kept_.append(line);
        return offset;
    }

    std::string_view line(std::uint64_t offset, std::uint32_t length) override {
        if (!seekable_) {
            return std::string_view(kept_).substr(offset, length);
        }
        scratch_.resize(length);
        std::size_t done = 0;
        while (done < length) {
            const auto n = ::pread(fd_, scratch_.data() + done, length - done,
                                   static_cast<off_t>(offset + done));
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n <= 0) {
                break; // the engine reports a line that no longer parses
            }
            done += static_cast<std::size_t>(n);
        }
        scratch_.resize(done);
        return scratch_;
    }

private:
    int fd_;
    bool seekable_;
    std::string kept_;
    std::string scratch_;
};

/// Where the changes go: stdout or a file. Whole buffers with write(2), so a file read while it
/// grows never shows half a line. The changes hold no secret: a new file gets 0666 less the
/// umask, as a shell redirection would create it.
class change_output {
public:
    change_output() = default;
    ~change_output() {
        if (owned_ && fd_ >= 0) {
            ::close(fd_);
        }
    }
    change_output(const change_output&) = delete;
    change_output& operator=(const change_output&) = delete;

    bool open(const std::optional<std::string>& path) {
        if (!path) {
            return true;
        }
        do {
            fd_ = ::open(path->c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        } while (fd_ < 0 && errno == EINTR);
        if (fd_ < 0) {
            error_ = "cannot open '" + *path + "': " + std::strerror(errno);
            return false;
        }
        owned_ = true;
        return true;
    }
    /// Writes and clears `buffer`; after the first failure, later flushes are skipped.
    void flush(std::string& buffer) {
        std::size_t done = 0;
        while (error_.empty() && done < buffer.size()) {
            const auto n = ::write(fd_, buffer.data() + done, buffer.size() - done);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n < 0) {
                error_ = std::string("cannot write the output: ") + std::strerror(errno);
                break;
            }
            done += static_cast<std::size_t>(n);
        }
        buffer.clear();
    }
    const std::string& error() const { return error_; }

private:
    int fd_ = STDOUT_FILENO;
    bool owned_ = false;
    std::string error_;
};

class writing_sink final : public diff::change_sink {
public:
    writing_sink(diff::change_writer& writer, change_output& out) : writer_(writer), out_(out) {}
    void write(const diff::connection_change& change) override {
        writer_.write(change, buffer_);
        if (buffer_.size() >= diff_flush_bytes) {
            out_.flush(buffer_);
        }
    }
    std::string& buffer() { return buffer_; }

private:
    diff::change_writer& writer_;
    change_output& out_;
    std::string buffer_;
};

bool read_errors_file(const std::string& path, diff::scan_side side, diff::snapshot_diff& engine) {
    file_descriptor fd(open_input(path));
    if (fd.get() < 0) {
        return false;
    }
    line_reader reader(fd.get(), path);
    std::string_view line;
    std::uint64_t offset = 0;
    std::size_t number = 0;
    for (;;) {
        switch (reader.next(line, offset, number)) {
        case line_reader::result::line:
            engine.add_error_line(side, line, path, number);
            break;
        case line_reader::result::overlong:
            engine.add_problem(path, number, "line too long");
            break;
        case line_reader::result::end:
            return true;
        case line_reader::result::error:
            std::cerr << error_prefix(path) << ":" << reader.line_number() + 1
                      << ": cannot read: " << reader.error() << "\n";
            return false;
        }
    }
}

} // namespace

int run_diff_engine(diff::snapshot_diff& engine, const diff_arguments& args,
                    diff_terminals terminals, diff::old_line_source& olds,
                    const std::function<bool()>& index_old,
                    const std::function<bool(diff::change_sink&)>& stream_new) {
    change_output out;
    if (!out.open(args.output_file)) {
        std::cerr << "glue-inventory: diff: " << out.error() << "\n";
        return 1;
    }
    const auto format = args.format.value_or(terminals.stdout_is_terminal && !args.output_file
                                                 ? diff::change_format::table
                                                 : diff::change_format::ndjson);
    auto writer = diff::make_change_writer(format);
    writing_sink sink(*writer, out);
    if (!index_old()) {
        return 1;
    }
    writer->begin(sink.buffer());
    engine.begin_new(sink);
    if (!stream_new(sink)) {
        out.flush(sink.buffer());
        return 1;
    }
    engine.finish(sink, olds);
    const auto& counts = engine.counts();
    writer->end(counts, sink.buffer());
    out.flush(sink.buffer());
    if (!out.error().empty()) {
        std::cerr << "glue-inventory: diff: " << out.error() << "\n";
        return 1;
    }

    for (const auto& p : engine.problems()) {
        std::cerr << error_prefix(p.file) << ":" << p.line << ": " << p.message
                  << " (line skipped)\n";
    }
    if (counts.problems > engine.problems().size()) {
        std::cerr << "glue-inventory: diff: " << counts.problems - engine.problems().size()
                  << " more input problems not shown\n";
    }
    if (terminals.stderr_is_terminal && format != diff::change_format::table) {
        std::cerr << "glue-inventory: diff: " << diff::summary_text(counts) << "\n";
    }
    if (counts.problems > 0 || counts.not_compared_targets > 0) {
        return 2;
    }
    if (args.exit_code && counts.added + counts.removed + counts.changed > 0) {
        return diff_exit_changes;
    }
    return 0;
}

int run_diff(const diff_arguments& args, diff_terminals terminals) {
    if (args.store) {
        return run_store_diff(args, terminals);
    }
    diff::snapshot_diff engine(args.old_file, args.new_file);
    if (args.old_errors && !read_errors_file(*args.old_errors, diff::scan_side::old_scan, engine)) {
        return 1;
    }
    if (args.new_errors && !read_errors_file(*args.new_errors, diff::scan_side::new_scan, engine)) {
        return 1;
    }

    file_descriptor old_fd(open_input(args.old_file));
    if (old_fd.get() < 0) {
        return 1;
    }
    file_descriptor new_fd(open_input(args.new_file));
    if (new_fd.get() < 0) {
        return 1;
    }
    struct stat st {};
    const bool seekable = ::fstat(old_fd.get(), &st) == 0 && S_ISREG(st.st_mode);
    old_lines olds(old_fd.get(), seekable);

    std::string_view line;
    std::uint64_t offset = 0;
    std::size_t number = 0;
    auto index_old = [&] {
        line_reader old_reader(old_fd.get(), args.old_file);
        for (;;) {
            switch (old_reader.next(line, offset, number)) {
            case line_reader::result::line:
                engine.index_old_line(line, number, seekable ? offset : olds.keep(line));
                break;
            case line_reader::result::overlong:
                engine.add_problem(args.old_file, number, "line too long");
                break;
            case line_reader::result::end:
                return true;
            case line_reader::result::error:
                std::cerr << error_prefix(args.old_file) << ":" << old_reader.line_number() + 1
                          << ": cannot read: " << old_reader.error() << "\n";
                return false;
            }
        }
    };
    auto stream_new = [&](diff::change_sink& sink) {
        line_reader new_reader(new_fd.get(), args.new_file);
        for (;;) {
            switch (new_reader.next(line, offset, number)) {
            case line_reader::result::line:
                engine.new_line(line, number, sink, olds);
                break;
            case line_reader::result::overlong:
                engine.add_problem(args.new_file, number, "line too long");
                break;
            case line_reader::result::end:
                return true;
            case line_reader::result::error:
                std::cerr << error_prefix(args.new_file) << ":" << new_reader.line_number() + 1
                          << ": cannot read: " << new_reader.error() << "\n";
                return false;
            }
        }
    };
    return run_diff_engine(engine, args, terminals, olds, index_old, stream_new);
}

} // namespace glue_cli
