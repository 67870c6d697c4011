// Text a writer must hold until end() (SARIF's results by account, the table's rows by group,
// HTML's suppressed rows), kept out of memory so that an audit's memory stays flat in the number
// of connections, as a scan's does.
//
// Each finding is serialised at once by its writer and appended under a key; the store keeps a
// little text per key in memory and moves it, in chunks, to one unlinked temporary file
// (O_TMPFILE in $TMPDIR, else /tmp; nothing is left behind, even after a kill). end() reads a
// key's text back in the order it was appended. Without a usable temporary directory the text
// stays in memory: the output is the same, only the memory bound is lost.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace glue_cli::audit {

/// A key's text goes to the file once this much of it waits in memory (one write per chunk).
inline constexpr std::size_t spill_chunk_bytes = 64 * 1024;
/// All keys' waiting text goes to the file once it adds up to this much (many keys, e.g. one per
/// account, each below a chunk).
inline constexpr std::size_t spill_memory_budget_bytes = 512 * 1024;

class spill_store {
public:
    spill_store() = default;
    ~spill_store();
    spill_store(const spill_store&) = delete;
    spill_store& operator=(const spill_store&) = delete;

    /// Appends `text` to `key`'s text. A piece of text appended at once is never split by
    /// read(): callers append whole records.
    void append(const std::string& key, std::string_view text);
    /// Whether anything was appended.
    bool empty() const { return keys_.empty(); }
    /// The keys in ascending order.
    std::vector<std::string> keys() const;
    /// Calls `piece` with `key`'s text, in order, in pieces made of whole appends.
    void read(const std::string& key, const std::function<void(std::string_view)>& piece) const;
    /// Forgets everything (the file is truncated).
    void clear();

private:
    struct entry {
        std::string pending;                               // not yet in the file
        std::vector<std::pair<off_t, std::size_t>> chunks; // in the file: offset, size
    };
    void spill(entry& e);
    bool open_file();

    std::map<std::string, entry> keys_;
    std::size_t pending_bytes_ = 0;
    int fd_ = -1;
    bool file_failed_ = false;
    off_t file_size_ = 0;
};

} // namespace glue_cli::audit
