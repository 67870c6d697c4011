#include "http/padded_body.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/test/unit_test.hpp>
#include <string>

using glue_inventory::http::body_padding;
using glue_inventory::http::padded_body;
using glue_inventory::http::padded_buffer;

namespace {
// simdjson reads past the end of its input: the bytes there must exist (and are zero).
void check_padding(const padded_buffer& b) {
    for (std::size_t i = 0; i < body_padding; ++i) {
        BOOST_TEST_REQUIRE(b.data()[b.size() + i] == '\0');
    }
}
} // namespace

BOOST_AUTO_TEST_CASE(appended_bytes_are_kept_in_order_with_padding_after_them) {
    padded_buffer b;
    BOOST_TEST(b.view().empty());
    std::string expected;
    for (int i = 0; i < 2000; ++i) { // many small appends: the buffer grows several times
        const std::string piece = std::to_string(i) + ",";
        b.append(piece.data(), piece.size());
        expected += piece;
        check_padding(b);
    }
    BOOST_TEST(b.view() == expected);
}

BOOST_AUTO_TEST_CASE(resize_keeps_the_bytes_before_the_new_end) {
    padded_buffer b;
    b.append("abcdef", 6);
    b.resize(3);
    BOOST_TEST(b.view() == "abc");
    check_padding(b);
    b.resize(100000);
    BOOST_TEST(b.view().substr(0, 3) == "abc");
    check_padding(b);
}

BOOST_AUTO_TEST_CASE(a_chunked_answer_is_read_into_the_padded_buffer) {
    const std::string text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
    boost::beast::http::response_parser<padded_body> parser;
    parser.eager(true);
    boost::system::error_code ec;
    parser.put(boost::asio::buffer(text), ec);
    BOOST_TEST_REQUIRE(!ec, ec.message());
    BOOST_TEST_REQUIRE(parser.is_done());
    const auto res = parser.release();
    BOOST_TEST(res.body().view() == "hello world");
    check_padding(res.body());
}
