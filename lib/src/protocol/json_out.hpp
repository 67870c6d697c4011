// Appends to a std::string with one capacity check per value written instead of one per byte or
// per piece: the NDJSON record writer puts ~40 small pieces (keys, quotes, short strings) on a
// line, and std::string's append and push_back each check, grow and terminate the string.
#pragma once

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace glue_inventory::protocol {

/// Writes at the end of a std::string through a cursor. The string's size runs ahead of what was
/// written (grown in steps of at least `chunk` bytes, so that a record's pieces grow it once or
/// twice); the destructor cuts it back to what was written. While a json_out lives, its string
/// must not be touched but through it.
class json_out {
public:
    /// Growth of exactly what is asked (a lone value).
    static constexpr std::size_t default_chunk = 0;
    /// Growth for a whole record: a W2 record is ~1.1 kB, so most records grow their line once;
    /// each step zero-fills this much, which the record then overwrites.
    static constexpr std::size_t record_chunk = 2048;

    explicit json_out(std::string& s, std::size_t chunk = default_chunk) noexcept
        : s_(s), used_(s.size()), chunk_(chunk) {}
    json_out(const json_out&) = delete;
    json_out& operator=(const json_out&) = delete;
    ~json_out() { s_.resize(used_); } // shrinks: cannot throw

    /// Makes room for `n` more bytes: what `put` and `cursor` may then write without a check.
    void need(std::size_t n) {
        if (s_.size() - used_ < n) {
            grow(n);
        }
    }

    /// Where the next byte goes; valid until the next `need` or `append`.
    char* cursor() noexcept { return s_.data() + used_; }
    void advance(std::size_t n) noexcept { used_ += n; }

    // After need(): no check.
    void put(char c) noexcept { s_[used_++] = c; }
    void put(const char* p, std::size_t n) noexcept {
        std::memcpy(s_.data() + used_, p, n);
        used_ += n;
    }
    /// A literal of known length (a key, punctuation): copied with the length known when this
    /// compiles, so without a call to memcpy.
    template <std::size_t N>
    void put_literal(const char (&text)[N]) noexcept {
        std::memcpy(s_.data() + used_, text, N - 1);
        used_ += N - 1;
    }

    /// Takes back the last byte written.
    void unput() noexcept { --used_; }

    // With their own check.
    void append(const char* p, std::size_t n) {
        need(n);
        put(p, n);
    }
    json_out& operator+=(char c) {
        need(1);
        put(c);
        return *this;
    }
    json_out& operator+=(std::string_view s) {
        append(s.data(), s.size());
        return *this;
    }

    /// Bytes written so far, those that were in the string before included.
    std::size_t size() const noexcept { return used_; }

private:
    // Out of line, so that need() is a compare and a branch wherever it is inlined.
    [[gnu::noinline]] void grow(std::size_t n) {
        // resize value-initialises the new bytes: chunk_ bounds what that costs per record.
        s_.resize(used_ + (n > chunk_ ? n : chunk_));
    }

    std::string& s_;
    std::size_t used_;
    std::size_t chunk_;
};

} // namespace glue_inventory::protocol
