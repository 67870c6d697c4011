// An HTTP/1.1 answer as the client keeps it: the status, the header fields in one string, and
// the body in a padded buffer. (Beast's message allocated each field apart, four or more
// allocations per answer, and was rebuilt and moved for every request; callgrind, W5.)
#pragma once

#include "http/padded_body.hpp"

#include <boost/beast/http/field.hpp>
#include <string>
#include <string_view>

namespace glue_inventory::http {

class response {
public:
    unsigned result_int() const noexcept { return status_; }
    /// Whether the server lets the connection carry another request (HTTP/1.1 without
    /// "Connection: close", or HTTP/1.0 with "Connection: keep-alive").
    bool keep_alive() const noexcept { return keep_alive_; }

    padded_buffer& body() noexcept { return body_; }
    const padded_buffer& body() const noexcept { return body_; }

    /// The value of the first field named `name` (ASCII case-insensitive); empty when there is
    /// none. Linear in the size of the header: read for error answers and diagnostics only.
    std::string_view operator[](std::string_view name) const noexcept;
    std::string_view operator[](boost::beast::http::field name) const noexcept {
        const auto text = boost::beast::http::to_string(name);
        return (*this)[std::string_view(text.data(), text.size())];
    }

    /// Calls f(name, value) for every field, in the order received.
    template <class F>
    void for_each_field(F&& f) const {
        std::string_view rest = fields_;
        while (!rest.empty()) {
            const auto name_end = rest.find('\n');
            const auto value_end = rest.find('\n', name_end + 1);
            f(rest.substr(0, name_end), rest.substr(name_end + 1, value_end - name_end - 1));
            rest.remove_prefix(value_end + 1);
        }
    }

    /// Empties the answer for the next one, keeping the storage of its fields and body (a
    /// connection or a scan reads one answer after another into the same response).
    void clear() noexcept {
        status_ = 0;
        keep_alive_ = false;
        fields_.clear();
        body_.clear();
    }

    // What the reader (response_reader.hpp) fills in.
    void set_status(unsigned status) noexcept { status_ = status; }
    void set_keep_alive(bool keep_alive) noexcept { keep_alive_ = keep_alive; }
    /// `name` and `value` hold no line feed: the parser took them from a header it accepted.
    void add_field(std::string_view name, std::string_view value);

private:
    unsigned status_ = 0;
    bool keep_alive_ = false;
    // Every field as "name\nvalue\n": one allocation for the whole header.
    std::string fields_;
    padded_buffer body_;
};

} // namespace glue_inventory::http
