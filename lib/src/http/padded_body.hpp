// Response bodies that simdjson can parse in place: simdjson reads up to SIMDJSON_PADDING bytes
// past the end of its input, so a body keeps that many readable bytes after its last one.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>

namespace glue_inventory::http {

/// Bytes kept allocated past the end of every body (>= SIMDJSON_PADDING, which is 64).
inline constexpr std::size_t body_padding = 64;

/// A byte buffer followed by `body_padding` zero bytes. Unlike std::string, growing it does
/// not first zero what the socket is about to overwrite (a 1 MB body would be written twice).
class padded_buffer {
public:
    padded_buffer() = default;
    /// The moved-from buffer is empty and usable (a response's storage is handed from call to
    /// call: its capacity must not outlive its bytes).
    padded_buffer(padded_buffer&& other) noexcept
        : data_(std::move(other.data_)), size_(std::exchange(other.size_, 0)),
          capacity_(std::exchange(other.capacity_, 0)) {}
    padded_buffer& operator=(padded_buffer&& other) noexcept {
        data_ = std::move(other.data_);
        size_ = std::exchange(other.size_, 0);
        capacity_ = std::exchange(other.capacity_, 0);
        return *this;
    }

    const char* data() const noexcept { return data_.get(); }
    char* data() noexcept { return data_.get(); }
    std::size_t size() const noexcept { return size_; }
    /// The bytes it holds room for (besides the padding) without allocating.
    std::size_t capacity() const noexcept { return capacity_; }
    std::string_view view() const noexcept { return {data_.get(), size_}; }

    /// Makes size() == n, keeping the first min(n, size()) bytes; bytes past them are
    /// uninitialised until written. Grows geometrically, so appending piecewise stays linear.
    void resize(std::size_t n) {
        if (n > capacity_) {
            reallocate(std::max(n, capacity_ * 2));
        }
        size_ = n;
        if (data_) { // resize(0) of a buffer never allocated: nothing to pad
            std::memset(data_.get() + size_, 0, body_padding);
        }
    }

    /// Makes size() zero, keeping the storage (and the padding after the new end zeroed).
    void clear() noexcept {
        size_ = 0;
        if (data_) {
            std::memset(data_.get(), 0, body_padding);
        }
    }

    void append(const char* bytes, std::size_t n) {
        const std::size_t old = size_;
        resize(old + n);
        std::memcpy(data_.get() + old, bytes, n);
    }

private:
    void reallocate(std::size_t capacity) {
        // new char[] leaves the bytes uninitialised: only the padding needs a value.
        std::unique_ptr<char[]> bigger(new char[capacity + body_padding]);
        if (size_ != 0) {
            std::memcpy(bigger.get(), data_.get(), size_);
        }
        data_ = std::move(bigger);
        capacity_ = capacity;
    }

    std::unique_ptr<char[]> data_;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

} // namespace glue_inventory::http
