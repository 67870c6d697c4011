// read_plain_head against Beast's parser (response_reader): every head the plain reader accepts
// must be read exactly as Beast reads it (status, keep-alive, fields, Content-Length, size), on
// hand-written heads and on many mutations of them; and it must accept the usual AWS answers.
#include "http/plain_head.hpp"
#include "http/response_reader.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace {

using glue_inventory::http::plain_head;
using glue_inventory::http::read_plain_head;
using glue_inventory::http::response;
using glue_inventory::http::response_reader;

constexpr std::size_t header_limit = 8 * 1024;
constexpr std::uint64_t body_limit = 1 << 20;

std::vector<std::pair<std::string, std::string>> fields_of(const response& r) {
    std::vector<std::pair<std::string, std::string>> out;
    r.for_each_field([&](std::string_view n, std::string_view v) {
        out.emplace_back(std::string(n), std::string(v));
    });
    return out;
}

/// What Beast's parser makes of `bytes` as connection::exchange feeds it (the head alone first).
struct beast_reading {
    bool header_done = false;
    std::size_t used = 0;
    std::optional<std::uint64_t> length;
    bool chunked = false;
    response res;
};

beast_reading read_with_beast(std::string_view bytes) {
    beast_reading b;
    response_reader parser(b.res);
    parser.header_limit(static_cast<std::uint32_t>(header_limit));
    parser.body_limit(body_limit);
    parser.eager(false);
    boost::system::error_code ec;
    b.used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
    if (!ec && parser.is_header_done()) {
        b.header_done = true;
        if (const auto length = parser.content_length()) {
            b.length = *length;
        }
        b.chunked = parser.chunked();
    }
    return b;
}

/// When the plain reader accepts `bytes`, Beast reads the same; returns whether it accepted.
bool same_as_beast(const std::string& bytes) {
    response plain;
    const auto head = read_plain_head(bytes, header_limit, body_limit, plain);
    if (!head) {
        BOOST_TEST(plain.result_int() == 0u); // untouched
        BOOST_TEST(fields_of(plain).empty());
        return false;
    }
    const auto b = read_with_beast(bytes);
    BOOST_TEST_REQUIRE(b.header_done, "Beast refuses a head the plain reader took: " << bytes);
    BOOST_TEST(head->size == b.used, bytes);
    BOOST_TEST(!b.chunked);
    BOOST_TEST_REQUIRE(b.length.has_value(), bytes);
    BOOST_TEST(head->content_length == *b.length, bytes);
    BOOST_TEST(plain.result_int() == b.res.result_int(), bytes);
    BOOST_TEST(plain.keep_alive() == b.res.keep_alive(), bytes);
    BOOST_TEST((fields_of(plain) == fields_of(b.res)), bytes);
    return true;
}

const std::vector<std::string> heads = {
    // glue-sim's and AWS's usual answers
    "HTTP/1.1 200 OK\r\nx-amzn-RequestId: 4d4e1f0a-0001\r\nContent-Type: "
    "application/x-amz-json-1.1\r\nContent-Length: 5\r\n\r\n{\"a\"}",
    "HTTP/1.1 200 OK\r\nDate: Tue, 01 Dec 2026 23:00:00 GMT\r\nContent-Type: "
    "application/x-amz-json-1.1\r\nContent-Length: 2\r\nConnection: keep-alive\r\n"
    "x-amzn-RequestId: abc\r\n\r\n{}",
    "HTTP/1.1 400 Bad Request\r\nx-amzn-ErrorType: ThrottlingException:\r\n"
    "Content-Length: 0\r\n\r\n",
    "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 3\r\n\r\nabc",
    "HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nabc",
    "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 3\r\n\r\nabc",
    "HTTP/1.1 200 \r\nContent-Length: 1\r\n\r\nx",
    "HTTP/1.1 200 OK\r\nX-Empty:\r\nX-Spaces:  a  b \t\r\nContent-Length: 007\r\n\r\n",
    "HTTP/1.1 299 Whatever\tWith Tab\r\ncontent-LENGTH:\t12\t\r\n\r\nhello world!",
    // left to Beast (the comparison holds either way)
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end",
    "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n",
    "HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n", "HTTP/1.1 100 Continue\r\n\r\n",
    "HTTP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n",
    "HTTP/1.1 200 OK\r\nContent-Length: 1, 1\r\n\r\nx",
    "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx",
    "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
    "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n",
    "HTTP/1.1 200 OK\r\nConnection: keep-alive, close\r\nContent-Length: 0\r\n\r\n",
    "HTTP/1.1 200 OK\r\nUpgrade: h2c\r\nContent-Length: 0\r\n\r\n",
    "HTTP/1.1 200 OK\r\nX-Folded: a\r\n b\r\nContent-Length: 0\r\n\r\n",
    "HTTP/1.1 200 OK\r\nBad Name: a\r\nContent-Length: 0\r\n\r\n",
    "HTTP/1.1 200 OK\r\nX-Obs: caf\xc3\xa9\r\nContent-Length: 0\r\n\r\n",
    "HTTP/1.1 200 OK\r\nX-Ctl: a\x01"
    "b\r\nContent-Length: 0\r\n\r\n",
    "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n",           // incomplete
    "HTTP/1.1 200 OK\r\nContent-Length: 2000000\r\n\r\n", // over the body limit
};

} // namespace

BOOST_AUTO_TEST_SUITE(plain_head)

BOOST_AUTO_TEST_CASE(the_usual_answers_are_read_without_beast) {
    for (std::size_t i = 0; i < 9; ++i) {
        BOOST_TEST(same_as_beast(heads[i]), heads[i]);
    }
}

BOOST_AUTO_TEST_CASE(the_rest_is_left_to_beast) {
    for (std::size_t i = 9; i < heads.size(); ++i) {
        BOOST_TEST(!same_as_beast(heads[i]), heads[i]);
    }
}

BOOST_AUTO_TEST_CASE(the_content_length_and_the_bytes_after_the_head) {
    response r;
    const std::string bytes = heads[0];
    const auto head = read_plain_head(bytes, header_limit, body_limit, r);
    BOOST_TEST_REQUIRE(head.has_value());
    BOOST_TEST(bytes.substr(head->size) == "{\"a\"}");
    BOOST_TEST(head->content_length == 5u);
    BOOST_TEST(r.result_int() == 200u);
    BOOST_TEST(r.keep_alive());
    BOOST_TEST(r["x-amzn-requestid"] == "4d4e1f0a-0001");
}

BOOST_AUTO_TEST_CASE(a_head_over_the_header_limit_is_left_to_beast) {
    std::string big = "HTTP/1.1 200 OK\r\nX-Big: " + std::string(header_limit, 'a') +
                      "\r\nContent-Length: 0\r\n\r\n";
    response r;
    BOOST_TEST(!read_plain_head(big, header_limit, body_limit, r).has_value());
}

BOOST_AUTO_TEST_CASE(mutated_heads_are_read_as_beast_reads_them_or_left_to_it) {
    // Every head above with one to three bytes replaced, inserted or removed: whenever the plain
    // reader still accepts one, Beast must read it the same way.
    std::mt19937 rng(15);
    const std::string alphabet =
        std::string("\r\n :\t,-0123456789aAcCkKlLeEsSoOHTP/.\x01\x7f\xc3") + "ntgh";
    std::size_t accepted = 0;
    for (int round = 0; round < 20000; ++round) {
        std::string h = heads[rng() % heads.size()];
        const int edits = 1 + static_cast<int>(rng() % 3);
        for (int e = 0; e < edits && !h.empty(); ++e) {
            const std::size_t at = rng() % h.size();
            const char c = alphabet[rng() % alphabet.size()];
            switch (rng() % 3) {
            case 0:
                h[at] = c;
                break;
            case 1:
                h.insert(h.begin() + static_cast<std::ptrdiff_t>(at), c);
                break;
            default:
                h.erase(at, 1);
                break;
            }
        }
        if (same_as_beast(h)) {
            ++accepted;
        }
    }
    BOOST_TEST(accepted > 1000u); // the comparison was made often enough to mean something
}

BOOST_AUTO_TEST_SUITE_END()
