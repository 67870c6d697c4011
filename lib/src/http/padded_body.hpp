// A Beast body that leaves room after the bytes it reads: simdjson reads up to
// SIMDJSON_PADDING bytes past the end of its input, and a body read into a plain string would
// have to be copied to make that room.
#pragma once

#include <algorithm>
#include <boost/beast/core/buffers_range.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/optional.hpp>
#include <cstdint>
#include <string>

namespace glue_inventory::http {

/// Bytes kept allocated past the end of every body read (>= SIMDJSON_PADDING, which is 64).
inline constexpr std::size_t body_padding = 64;

/// Like beast::http::string_body, but its reader reserves `body_padding` extra bytes, so that
/// `body.resize(body.size() + body_padding)` after the read never reallocates.
struct padded_body {
    using value_type = std::string;

    static std::uint64_t size(const value_type& body) { return body.size(); }

    class reader {
    public:
        template <bool isRequest, class Fields>
        reader(boost::beast::http::header<isRequest, Fields>&, value_type& body) : body_(body) {}

        void init(const boost::optional<std::uint64_t>& length, boost::system::error_code& ec) {
            ec = {};
            if (length) {
                body_.reserve(static_cast<std::size_t>(*length) + body_padding);
            }
        }

        template <class ConstBufferSequence>
        std::size_t put(const ConstBufferSequence& buffers, boost::system::error_code& ec) {
            ec = {};
            const std::size_t extra = boost::asio::buffer_size(buffers);
            const std::size_t size = body_.size();
            if (size + extra + body_padding > body_.capacity()) {
                // Chunked or unknown length: grow geometrically, keeping the padding.
                body_.reserve(std::max(body_.capacity() * 2, size + extra + body_padding));
            }
            body_.resize(size + extra);
            char* dest = body_.data() + size;
            for (auto b : boost::beast::buffers_range_ref(buffers)) {
                std::copy_n(static_cast<const char*>(b.data()), b.size(), dest);
                dest += b.size();
            }
            return extra;
        }

        void finish(boost::system::error_code& ec) { ec = {}; }

    private:
        value_type& body_;
    };
};

} // namespace glue_inventory::http
