#include "aws_suite.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <simdjson.h>
#include <sstream>
#include <stdexcept>

namespace glue_inventory::sigv4::test {

namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& file) {
    std::ifstream in{file, std::ios::binary};
    if (!in) {
        throw std::runtime_error("cannot read " + file.string());
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::string_view line = text.substr(start, end - start);
        if (line.ends_with('\r')) {
            line.remove_suffix(1);
        }
        lines.push_back(line);
        start = end + 1;
    }
    return lines;
}

// "Name:value" lines; a line that starts with white space continues the previous value
// (obs-fold), which HTTP reads as one space.
std::size_t read_headers(const std::vector<std::string_view>& lines, std::size_t first,
                         std::vector<std::pair<std::string, std::string>>& headers,
                         const std::string& where) {
    std::size_t i = first;
    for (; i < lines.size() && !lines[i].empty(); ++i) {
        const std::string_view line = lines[i];
        if (line.front() == ' ' || line.front() == '\t') {
            if (headers.empty()) {
                throw std::runtime_error(where + ": continuation line before any header");
            }
            headers.back().second += ' ';
            headers.back().second += line;
            continue;
        }
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) {
            throw std::runtime_error(where + ": header line without ':'");
        }
        headers.emplace_back(std::string{line.substr(0, colon)},
                             std::string{line.substr(colon + 1)});
    }
    return i;
}

// "2015-08-30T12:36:00Z" is the extended form of X-Amz-Date.
std::chrono::sys_seconds parse_timestamp(std::string_view text) {
    std::string basic;
    for (const char c : text) {
        if (c != '-' && c != ':') {
            basic.push_back(c);
        }
    }
    const auto t = parse_amz_date(basic);
    if (!t) {
        throw std::runtime_error("bad timestamp in context.json: " + std::string{text});
    }
    return *t;
}

void read_context(const fs::path& file, suite_case& c) {
    const simdjson::padded_string json = simdjson::padded_string::load(file.string());
    simdjson::ondemand::parser parser;
    simdjson::ondemand::document doc = parser.iterate(json);
    for (auto field : doc.get_object()) {
        const std::string_view key = field.unescaped_key();
        if (key == "credentials") {
            for (auto credential : field.value().get_object()) {
                const std::string_view name = credential.unescaped_key();
                const std::string value{std::string_view{credential.value().get_string()}};
                if (name == "access_key_id") {
                    c.access_key_id = value;
                } else if (name == "secret_access_key") {
                    c.secret_access_key = value;
                } else if (name == "token") {
                    c.session_token = value;
                }
            }
        } else if (key == "region") {
            c.region = std::string{std::string_view{field.value().get_string()}};
        } else if (key == "service") {
            c.service = std::string{std::string_view{field.value().get_string()}};
        } else if (key == "timestamp") {
            c.time = parse_timestamp(field.value().get_string());
        } else if (key == "normalize") {
            c.normalize = field.value().get_bool();
        } else if (key == "sign_body") {
            c.sign_body = field.value().get_bool();
        } else if (key == "omit_session_token") {
            c.omit_session_token = field.value().get_bool();
        }
    }
}

void read_request(const fs::path& file, suite_case& c) {
    const std::string text = read_text(file);
    const auto lines = lines_of(text);
    // "METHOD target HTTP/1.1", where the target may contain spaces ("/example space/").
    const std::string_view request_line = lines.at(0);
    const std::size_t first_space = request_line.find(' ');
    const std::size_t last_space = request_line.rfind(' ');
    if (first_space == std::string_view::npos || last_space == first_space) {
        throw std::runtime_error(c.name + ": bad request line");
    }
    c.method = request_line.substr(0, first_space);
    const std::string_view target =
        request_line.substr(first_space + 1, last_space - first_space - 1);
    const std::size_t question = target.find('?');
    c.path = target.substr(0, question);
    if (question != std::string_view::npos) {
        c.query = target.substr(question + 1);
    }
    read_headers(lines, 1, c.headers, c.name);
    // The body is everything after the blank line, byte for byte.
    const std::size_t blank = text.find("\n\n");
    if (blank != std::string::npos) {
        c.body = text.substr(blank + 2);
    }
}

std::string trim_trailing_newlines(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
        text.pop_back();
    }
    return text;
}

suite_case read_case(const fs::path& folder) {
    suite_case c;
    c.name = folder.filename().string();
    read_context(folder / "context.json", c);
    read_request(folder / "request.txt", c);
    c.canonical_request = read_text(folder / "header-canonical-request.txt");
    c.string_to_sign = read_text(folder / "header-string-to-sign.txt");
    c.signature = trim_trailing_newlines(read_text(folder / "header-signature.txt"));
    const std::string signed_request = read_text(folder / "header-signed-request.txt");
    read_headers(lines_of(signed_request), 1, c.signed_request_headers, c.name);
    return c;
}

} // namespace

std::vector<header_ref> suite_case::header_refs() const {
    std::vector<header_ref> refs;
    refs.reserve(headers.size());
    for (const auto& [header_name, value] : headers) {
        refs.push_back({header_name, value});
    }
    return refs;
}

request_ref suite_case::request(std::span<const header_ref> refs) const {
    return {method, path, query, refs, body};
}

std::string suite_case::signed_request_header(std::string_view header_name) const {
    for (const auto& [n, v] : signed_request_headers) {
        if (n == header_name) {
            return v;
        }
    }
    return {};
}

const std::vector<suite_case>& aws_suite() {
    static const std::vector<suite_case> cases = [] {
        std::vector<suite_case> all;
        for (const auto& entry : fs::directory_iterator{fs::path{GLUE_TEST_DATA_DIR} / "sigv4"}) {
            if (entry.is_directory() && fs::exists(entry.path() / "request.txt")) {
                all.push_back(read_case(entry.path()));
            }
        }
        std::sort(all.begin(), all.end(),
                  [](const suite_case& a, const suite_case& b) { return a.name < b.name; });
        return all;
    }();
    return cases;
}

} // namespace glue_inventory::sigv4::test
