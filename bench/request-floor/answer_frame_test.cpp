#include "answer_frame.hpp"

#include <boost/test/unit_test.hpp>
#include <string>

using request_floor::answer_frame;
using request_floor::frame_answer;

namespace {
const std::string header = "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\n"
                           "content-LENGTH: 5\r\nx-amzn-RequestId: abc\r\n\r\n";
}

BOOST_AUTO_TEST_CASE(whole_answer_is_complete) {
    const auto f = frame_answer(header + "hello");
    BOOST_TEST(static_cast<int>(f.st) == static_cast<int>(answer_frame::state::complete));
    BOOST_TEST(f.status == 200);
    BOOST_TEST(f.header_bytes == header.size());
    BOOST_TEST(f.content_length == 5U);
    BOOST_TEST(f.total() == header.size() + 5);
}

BOOST_AUTO_TEST_CASE(partial_header_or_body_is_incomplete) {
    const auto half_header = frame_answer(header.substr(0, 30));
    BOOST_TEST(static_cast<int>(half_header.st) ==
               static_cast<int>(answer_frame::state::incomplete));
    BOOST_TEST(half_header.header_bytes == 0U);
    const auto half_body = frame_answer(header + "he");
    BOOST_TEST(static_cast<int>(half_body.st) == static_cast<int>(answer_frame::state::incomplete));
    BOOST_TEST(half_body.total() == header.size() + 5);
}

BOOST_AUTO_TEST_CASE(status_other_than_200_is_reported) {
    const auto f = frame_answer("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
    BOOST_TEST(static_cast<int>(f.st) == static_cast<int>(answer_frame::state::complete));
    BOOST_TEST(f.status == 400);
}

BOOST_AUTO_TEST_CASE(answers_it_cannot_frame_are_malformed) {
    const auto malformed = [](const std::string& s) {
        return frame_answer(s).st == answer_frame::state::malformed;
    };
    BOOST_TEST(malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"));
    BOOST_TEST(malformed("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx"));
    BOOST_TEST(malformed("HTTP/1.1 2x0 OK\r\nContent-Length: 1\r\n\r\nx"));
    BOOST_TEST(malformed("HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\nx"));
    BOOST_TEST(malformed("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx"));
    BOOST_TEST(malformed("HTTP/1.1 200 OK\r\nno colon\r\nContent-Length: 1\r\n\r\nx"));
    BOOST_TEST(malformed(std::string(request_floor::max_header_bytes + 1, 'a')));
}
