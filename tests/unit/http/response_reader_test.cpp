#include "http/response_reader.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/test/unit_test.hpp>
#include <string>
#include <utility>
#include <vector>

using glue_inventory::http::body_padding;
using glue_inventory::http::response;
using glue_inventory::http::response_reader;
namespace beast = boost::beast;

namespace {
/// Feeds `text` to a reader in pieces of `step` bytes (the way reads arrive), eagerly.
boost::system::error_code read(std::string_view text, response& res, std::size_t step,
                               std::size_t body_limit = 1 << 20) {
    response_reader reader(res);
    reader.eager(true);
    reader.body_limit(body_limit);
    reader.header_limit(8 * 1024);
    std::string pending;
    boost::system::error_code ec;
    for (std::size_t i = 0; i < text.size() && !reader.is_done(); i += step) {
        pending.append(text.substr(i, step));
        const auto used = reader.put(boost::asio::buffer(pending), ec);
        pending.erase(0, used);
        if (ec == make_error_code(beast::http::error::need_more)) {
            ec = {};
            continue;
        }
        if (ec) {
            return ec;
        }
    }
    if (!reader.is_done()) {
        reader.put_eof(ec);
    }
    return ec;
}

void check_padding(const response& res) {
    for (std::size_t i = 0; i < body_padding; ++i) {
        BOOST_TEST_REQUIRE(res.body().data()[res.body().size() + i] == '\0');
    }
}
} // namespace

BOOST_AUTO_TEST_CASE(status_fields_and_body_of_a_content_length_answer) {
    const std::string text = "HTTP/1.1 400 Bad Request\r\nx-amzn-RequestId: abc-123\r\n"
                             "Content-Type: application/x-amz-json-1.1\r\n"
                             "X-Amzn-ErrorType: ThrottlingException:http://internal\r\n"
                             "Content-Length: 11\r\n\r\nhello world";
    for (const std::size_t step : {text.size(), std::size_t{1}, std::size_t{7}}) {
        response res;
        const auto ec = read(text, res, step);
        BOOST_TEST_REQUIRE(!ec, ec.message());
        BOOST_TEST(res.result_int() == 400U);
        BOOST_TEST(res.keep_alive());
        BOOST_TEST(res.body().view() == "hello world");
        check_padding(res);
        // Names are matched without regard to case; a missing field reads empty.
        BOOST_TEST(res["x-amzn-requestid"] == "abc-123");
        BOOST_TEST(res["X-AMZN-ERRORTYPE"] == "ThrottlingException:http://internal");
        BOOST_TEST(res[beast::http::field::content_type] == "application/x-amz-json-1.1");
        BOOST_TEST(res["Date"].empty());
        std::vector<std::pair<std::string, std::string>> fields;
        res.for_each_field([&](std::string_view n, std::string_view v) {
            fields.emplace_back(std::string(n), std::string(v));
        });
        BOOST_TEST_REQUIRE(fields.size() == 4U);
        BOOST_TEST(fields[0].first == "x-amzn-RequestId");
        BOOST_TEST(fields[3].first == "Content-Length");
        BOOST_TEST(fields[3].second == "11");
    }
}

BOOST_AUTO_TEST_CASE(a_chunked_body_is_joined_and_trailers_are_read) {
    const std::string text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer-Field: x\r\n\r\n";
    for (const std::size_t step : {text.size(), std::size_t{1}, std::size_t{5}}) {
        response res;
        const auto ec = read(text, res, step);
        BOOST_TEST_REQUIRE(!ec, ec.message());
        BOOST_TEST(res.body().view() == "hello world");
        check_padding(res);
        BOOST_TEST(res.keep_alive());
    }
}

BOOST_AUTO_TEST_CASE(keep_alive_follows_the_version_and_the_connection_field) {
    {
        response res;
        BOOST_TEST(
            !read("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", res, 64));
        BOOST_TEST(!res.keep_alive());
    }
    {
        response res;
        BOOST_TEST(!read("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", res, 64));
        BOOST_TEST(!res.keep_alive());
    }
    {
        response res;
        BOOST_TEST(!read("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n",
                         res, 64));
        BOOST_TEST(res.keep_alive());
    }
}

BOOST_AUTO_TEST_CASE(a_body_without_length_ends_with_the_connection) {
    response res;
    const auto ec = read("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end", res, 3);
    BOOST_TEST_REQUIRE(!ec, ec.message());
    BOOST_TEST(res.body().view() == "until the end");
    check_padding(res);
}

BOOST_AUTO_TEST_CASE(a_folded_value_reads_as_one_line) {
    response res;
    const auto ec =
        read("HTTP/1.1 200 OK\r\nX-Folded: one\r\n two\r\nContent-Length: 0\r\n\r\n", res, 64);
    BOOST_TEST_REQUIRE(!ec, ec.message());
    BOOST_TEST(res["x-folded"] == "one two");
}

BOOST_AUTO_TEST_CASE(limits_and_malformed_answers_are_refused) {
    {
        response res;
        BOOST_TEST(read("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", res, 64, 10) ==
                   make_error_code(beast::http::error::body_limit));
    }
    {
        response res;
        const std::string huge = "HTTP/1.1 200 OK\r\nX: " + std::string(9000, 'a') + "\r\n\r\n";
        BOOST_TEST(read(huge, res, 512) == make_error_code(beast::http::error::header_limit));
    }
    {
        response res;
        BOOST_TEST(read("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", res,
                        64) == make_error_code(beast::http::error::multiple_content_length));
    }
    {
        response res;
        BOOST_TEST(read("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", res, 64) ==
                   make_error_code(beast::http::error::partial_message));
    }
}
