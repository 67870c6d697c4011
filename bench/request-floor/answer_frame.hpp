// Where one HTTP/1.1 answer ends, from the bytes read so far: the least a client must parse to
// know it has the whole answer (the status, the end of the header, Content-Length). Pure: no I/O.
#pragma once

#include <cstddef>
#include <string_view>

namespace request_floor {

/// The longest header accepted: past it without a blank line, the answer is malformed.
inline constexpr std::size_t max_header_bytes = 16 * 1024;

struct answer_frame {
    enum class state { incomplete, complete, malformed };
    state st = state::incomplete;
    int status = 0;                 // the status code, once the header is in
    std::size_t header_bytes = 0;   // through the blank line, once it is in
    std::size_t content_length = 0; // once the header is in
    std::size_t total() const { return header_bytes + content_length; }
};

/// The frame of the answer that `bytes` starts. complete once header and body are in (`bytes`
/// may hold more: the caller decides what a longer buffer means); malformed without a status
/// line, a Content-Length (chunked answers are not handled), or a blank line within
/// max_header_bytes.
answer_frame frame_answer(std::string_view bytes);

} // namespace request_floor
