// Response bodies that simdjson can parse in place: simdjson reads up to SIMDJSON_PADDING bytes
// past the end of its input, so a body keeps that many readable bytes after its last one.
#pragma once

#include <algorithm>
#include <boost/beast/core/buffers_range.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional.hpp>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

namespace glue_inventory::http {

/// Bytes kept allocated past the end of every body (>= SIMDJSON_PADDING, which is 64).
inline constexpr std::size_t body_padding = 64;

/// A byte buffer followed by `body_padding` zero bytes. Unlike std::string, growing it does
/// not first zero what the socket is about to overwrite (a 1 MB body would be written twice).
class padded_buffer {
public:
    padded_buffer() = default;
    padded_buffer(padded_buffer&&) noexcept = default;
    padded_buffer& operator=(padded_buffer&&) noexcept = default;

    const char* data() const noexcept { return data_.get(); }
    char* data() noexcept { return data_.get(); }
    std::size_t size() const noexcept { return size_; }
    std::string_view view() const noexcept { return {data_.get(), size_}; }

    /// Makes size() == n, keeping the first min(n, size()) bytes; bytes past them are
    /// uninitialised until written. Grows geometrically, so appending piecewise stays linear.
    void resize(std::size_t n) {
        if (n > capacity_) {
            reallocate(std::max(n, capacity_ * 2));
        }
        size_ = n;
        std::memset(data_.get() + size_, 0, body_padding);
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

/// A Beast body of a padded_buffer, for answers whose length is not known in advance (chunked,
/// or delimited by the end of the connection). Answers with a Content-Length skip Beast's body
/// reader altogether: connection::round_trip reads them straight into the buffer.
struct padded_body {
    using value_type = padded_buffer;

    static std::uint64_t size(const value_type& body) { return body.size(); }

    class reader {
    public:
        template <bool isRequest, class Fields>
        reader(boost::beast::http::header<isRequest, Fields>&, value_type& body) : body_(body) {}

        // Only bodies of unknown length come here, so there is nothing to reserve: the buffer
        // grows geometrically as they arrive.
        void init(const boost::optional<std::uint64_t>&, boost::system::error_code& ec) { ec = {}; }

        template <class ConstBufferSequence>
        std::size_t put(const ConstBufferSequence& buffers, boost::system::error_code& ec) {
            ec = {};
            std::size_t n = 0;
            for (auto b : boost::beast::buffers_range_ref(buffers)) {
                body_.append(static_cast<const char*>(b.data()), b.size());
                n += b.size();
            }
            return n;
        }

        void finish(boost::system::error_code& ec) { ec = {}; }

    private:
        value_type& body_;
    };
};

} // namespace glue_inventory::http
