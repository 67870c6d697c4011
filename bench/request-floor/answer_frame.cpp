#include "answer_frame.hpp"

#include <charconv>

namespace request_floor {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view lower) {
    if (a.size() != lower.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        char c = a[i];
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
        if (c != lower[i]) {
            return false;
        }
    }
    return true;
}

bool parse_number(std::string_view text, std::size_t& out) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && end == text.data() + text.size() && !text.empty();
}

} // namespace

answer_frame frame_answer(std::string_view bytes) {
    answer_frame f;
    const auto blank = bytes.find("\r\n\r\n");
    if (blank == std::string_view::npos) {
        f.st = bytes.size() > max_header_bytes ? answer_frame::state::malformed
                                               : answer_frame::state::incomplete;
        return f;
    }
    f.st = answer_frame::state::malformed;
    if (blank + 4 > max_header_bytes) {
        return f;
    }
    const std::string_view header = bytes.substr(0, blank + 2);
    // "HTTP/1.1 200 OK\r\n": the version, a space, three digits.
    constexpr std::string_view version = "HTTP/1.1 ";
    if (!header.starts_with(version) || header.size() < version.size() + 3) {
        return f;
    }
    const char* code = header.data() + version.size();
    if (std::from_chars(code, code + 3, f.status).ptr != code + 3) {
        return f;
    }
    bool have_length = false;
    std::size_t line_start = header.find("\r\n") + 2;
    while (line_start < header.size()) {
        const auto line_end = header.find("\r\n", line_start);
        const std::string_view line = header.substr(line_start, line_end - line_start);
        line_start = line_end + 2;
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) {
            return f;
        }
        if (equals_ignoring_case(line.substr(0, colon), "content-length")) {
            if (have_length || !parse_number(line.substr(colon + 1), f.content_length)) {
                return f;
            }
            have_length = true;
        }
    }
    if (!have_length) {
        return f;
    }
    f.header_bytes = blank + 4;
    f.st =
        bytes.size() >= f.total() ? answer_frame::state::complete : answer_frame::state::incomplete;
    return f;
}

} // namespace request_floor
