#include "audit/spill_store.hpp"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <stdexcept>
#include <unistd.h>

namespace glue_cli::audit {
namespace {

/// An unlinked read-write file in `dir`: O_TMPFILE where the file system has it, else mkstemp
/// and unlink at once. -1 on failure.
int open_unlinked(const std::string& dir) {
#ifdef O_TMPFILE
    const int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0) {
        return fd;
    }
#endif
    std::string name = dir + "/glue-inventory-audit-XXXXXX";
    const int tmp = ::mkostemp(name.data(), O_CLOEXEC);
    if (tmp >= 0) {
        ::unlink(name.c_str());
    }
    return tmp;
}

bool write_all(int fd, off_t offset, std::string_view text) {
    while (!text.empty()) {
        const auto n = ::pwrite(fd, text.data(), text.size(), offset);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        text.remove_prefix(static_cast<std::size_t>(n));
        offset += n;
    }
    return true;
}

bool read_all(int fd, off_t offset, std::size_t size, std::string& out) {
    out.resize(size);
    std::size_t done = 0;
    while (done < size) {
        const auto n =
            ::pread(fd, out.data() + done, size - done, offset + static_cast<off_t>(done));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace

spill_store::~spill_store() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

bool spill_store::open_file() {
    if (file_failed_) {
        return false;
    }
    if (fd_ >= 0) {
        return true;
    }
    const char* env = std::getenv("TMPDIR");
    const std::string dir = env != nullptr && *env != '\0' ? env : "/tmp";
    fd_ = open_unlinked(dir);
    if (fd_ < 0 && dir != "/tmp") {
        fd_ = open_unlinked("/tmp");
    }
    file_failed_ = fd_ < 0;
    return fd_ >= 0;
}

void spill_store::spill(entry& e) {
    if (e.pending.empty() || !open_file()) {
        return;
    }
    if (!write_all(fd_, file_size_, e.pending)) {
        // A full disk: the chunks already written stay readable; what comes next stays in
        // memory rather than be lost.
        file_failed_ = true;
        return;
    }
    e.chunks.emplace_back(file_size_, e.pending.size());
    file_size_ += static_cast<off_t>(e.pending.size());
    pending_bytes_ -= e.pending.size();
    // Its memory goes too: with a key per account, capacities kept after clear() would add up
    // to the very memory this store exists to save.
    std::string().swap(e.pending);
}

void spill_store::append(const std::string& key, std::string_view text) {
    auto it = keys_.find(key);
    if (it == keys_.end()) {
        it = keys_.emplace(key, entry{}).first;
    }
    auto& e = it->second;
    e.pending += text;
    pending_bytes_ += text.size();
    if (e.pending.size() >= spill_chunk_bytes) {
        spill(e);
    }
    if (pending_bytes_ >= spill_memory_budget_bytes) {
        for (auto& [k, other] : keys_) {
            spill(other);
        }
    }
}

std::vector<std::string> spill_store::keys() const {
    std::vector<std::string> out;
    out.reserve(keys_.size());
    for (const auto& [k, e] : keys_) {
        out.push_back(k);
    }
    return out;
}

void spill_store::read(const std::string& key,
                       const std::function<void(std::string_view)>& piece) const {
    const auto it = keys_.find(key);
    if (it == keys_.end()) {
        return;
    }
    std::string buffer;
    for (const auto& [offset, size] : it->second.chunks) {
        // The chunks were written by this process: a failed read is an I/O error of the
        // temporary file, reported as an exception rather than a silently short report.
        if (fd_ < 0 || !read_all(fd_, offset, size, buffer)) {
            throw std::runtime_error("cannot read back the audit's temporary file");
        }
        piece(buffer);
    }
    if (!it->second.pending.empty()) {
        piece(it->second.pending);
    }
}

void spill_store::clear() {
    keys_.clear();
    pending_bytes_ = 0;
    if (fd_ >= 0) {
        (void)::ftruncate(fd_, 0);
    }
    file_size_ = 0;
}

} // namespace glue_cli::audit
