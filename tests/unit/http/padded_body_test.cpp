#include "http/padded_body.hpp"

#include <boost/test/unit_test.hpp>
#include <cstring>
#include <string>

using glue_inventory::http::body_padding;
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

BOOST_AUTO_TEST_CASE(an_empty_buffer_resized_or_cleared_to_nothing_stays_empty) {
    // A Content-Length: 0 body read into a response that never held one.
    padded_buffer b;
    b.resize(0);
    b.clear();
    BOOST_TEST(b.size() == 0u);
    BOOST_TEST(b.view().empty());
}

BOOST_AUTO_TEST_CASE(clear_keeps_the_storage_and_pads_the_new_end) {
    padded_buffer b;
    b.append("abcdef", 6);
    const char* storage = b.data();
    const std::size_t capacity = b.capacity();
    b.clear();
    BOOST_TEST(b.size() == 0u);
    BOOST_TEST(b.data() == storage);
    BOOST_TEST(b.capacity() == capacity);
    check_padding(b);
}

BOOST_AUTO_TEST_CASE(a_moved_from_buffer_is_empty_and_usable) {
    // call() takes a response's storage and gives it back; after a failure midway the caller's
    // response may be the moved-from one, and the next call reads into it.
    padded_buffer b;
    b.append("abcdef", 6);
    padded_buffer taken(std::move(b));
    BOOST_TEST(taken.view() == "abcdef");
    BOOST_TEST(b.size() == 0u);     // NOLINT(bugprone-use-after-move): the point of the test
    BOOST_TEST(b.capacity() == 0u); // NOLINT(bugprone-use-after-move)
    b.resize(3);
    std::memcpy(b.data(), "xyz", 3);
    BOOST_TEST(b.view() == "xyz");
    check_padding(b);
    padded_buffer assigned;
    assigned = std::move(taken);
    BOOST_TEST(taken.capacity() == 0u); // NOLINT(bugprone-use-after-move)
    taken.append("12", 2);
    BOOST_TEST(taken.view() == "12");
    check_padding(taken);
}
