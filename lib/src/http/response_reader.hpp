// Beast's HTTP/1.1 response grammar (status line, fields, Content-Length, chunked bodies,
// keep-alive, header and body limits) with the answer written into an http::response: the
// fields into one string, the body into the padded buffer. Pure: fed with put() by
// connection::round_trip, or by a test.
#pragma once

#include "http/response.hpp"

#include <boost/beast/http/basic_parser.hpp>

namespace glue_inventory::http {

class response_reader final : public boost::beast::http::basic_parser<false> {
public:
    /// Writes into `res`, which must outlive the reader; `res` should be empty.
    explicit response_reader(response& res) : res_(res) {}

private:
    using error_code = boost::system::error_code;
    using string_view = boost::beast::string_view;

    void on_request_impl(boost::beast::http::verb, string_view, string_view, int,
                         error_code&) override {} // a response parser never calls it
    void on_response_impl(int code, string_view, int, error_code&) override {
        res_.set_status(static_cast<unsigned>(code));
    }
    void on_field_impl(boost::beast::http::field, string_view name, string_view value,
                       error_code&) override {
        res_.add_field({name.data(), name.size()}, {value.data(), value.size()});
    }
    void on_header_impl(error_code&) override { res_.set_keep_alive(keep_alive()); }
    void on_body_init_impl(const boost::optional<std::uint64_t>&, error_code&) override {}
    std::size_t on_body_impl(string_view body, error_code&) override {
        res_.body().append(body.data(), body.size());
        return body.size();
    }
    void on_chunk_header_impl(std::uint64_t, string_view, error_code&) override {}
    std::size_t on_chunk_body_impl(std::uint64_t, string_view body, error_code&) override {
        res_.body().append(body.data(), body.size());
        return body.size();
    }
    void on_finish_impl(error_code&) override {}

    response& res_;
};

} // namespace glue_inventory::http
