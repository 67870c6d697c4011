// The wide scans of write_json_string's valid-UTF-8 path against a byte-by-byte reference:
// SSE2 always (x86-64), AVX2 where this processor has it. write_json_string's own tests run
// only the scan this processor picks; these run each one.
#include "protocol/json_string_scan.hpp"

#include <boost/test/unit_test.hpp>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using namespace glue_inventory::protocol::json_string_scan;

namespace {

// Whether byte k of s is a candidate, as the scans' contract says.
bool candidate(std::string_view s, std::size_t k) {
    const auto at = [&](std::size_t j) { return static_cast<unsigned char>(s[j]); };
    const unsigned char c = at(k);
    return c < 0x20 || c == '"' || c == '\\' ||
           (c == 0xE2 && k + 2 < s.size() && (at(k + 2) | 1U) == 0xA9);
}

// Runs a scan over s from 0 as write_json_string does, and returns every candidate it
// reported, and the first byte it did not test.
std::vector<std::size_t> reported(scan_function scan, std::string_view s, std::size_t& end) {
    std::vector<std::size_t> positions;
    std::size_t i = 0;
    for (;;) {
        const found f = scan(s, i);
        BOOST_TEST_REQUIRE(f.start >= i); // the blocks before it were clean
        BOOST_TEST_REQUIRE(f.end >= f.start);
        BOOST_TEST_REQUIRE(f.end <= s.size());
        for (std::uint32_t mask = f.mask; mask != 0; mask &= mask - 1) {
            positions.push_back(f.start + static_cast<std::size_t>(__builtin_ctz(mask)));
        }
        i = f.end;
        if (f.mask == 0) {
            break;
        }
    }
    end = i;
    return positions;
}

void check(scan_function scan, std::string_view s) {
    std::size_t end = 0;
    const std::vector<std::size_t> positions = reported(scan, s, end);
    std::vector<std::size_t> expected;
    for (std::size_t k = 0; k < end; ++k) {
        if (candidate(s, k)) {
            expected.push_back(k);
        }
    }
    BOOST_TEST_REQUIRE(positions == expected, "length " << s.size());
    // What is left untested is shorter than a 16-byte step and its overhang.
    BOOST_TEST_REQUIRE(s.size() - end < 16 + separator_overhang, "length " << s.size());
}

std::vector<scan_function> scans() {
    std::vector<scan_function> all;
#if defined(__SSE2__) && defined(__x86_64__)
    all.push_back(scan_sse2);
    if (avx2_available()) {
        all.push_back(scan_avx2);
    }
#endif
    return all;
}

} // namespace

BOOST_AUTO_TEST_SUITE(json_string_scan)

BOOST_AUTO_TEST_CASE(each_special_byte_at_every_position_is_found) {
    const std::vector<std::string> specials = {std::string(1, '\0'),
                                               "\x1f",
                                               "\"",
                                               "\\",
                                               "\xE2\x80\xA8",
                                               "\xE2\x80\xA9",
                                               "\xE2\x82\xA8",
                                               "\xE2\x80\x94",
                                               "\xE2\x80\xAA",
                                               "\x7f",
                                               " "};
    for (const scan_function scan : scans()) {
        for (const std::string& special : specials) {
            for (std::size_t n = 1; n <= 100; ++n) {
                for (std::size_t position = 0; position < n; ++position) {
                    std::string s(n, 'm');
                    s.replace(position, 1, special);
                    check(scan, s);
                    check(scan, "\xC3\xA9" + s); // shifted by a two-byte character
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(random_bytes_match_the_reference) {
    std::mt19937 random{7}; // fixed: the same strings every run
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<std::size_t> length(0, 200);
    const std::string_view frequent = "\"\\\x01\xE2\x80\xA8\xA9"; // make candidates common
    for (const scan_function scan : scans()) {
        for (int round = 0; round < 5000; ++round) {
            std::string s(length(random), '\0');
            for (char& c : s) {
                const int b = byte(random);
                c = b < 64 ? frequent[static_cast<std::size_t>(b) % frequent.size()]
                           : static_cast<char>(b);
            }
            check(scan, s);
        }
    }
}

BOOST_AUTO_TEST_CASE(the_best_scan_is_one_of_them) {
    const scan_function best = best_scan();
#if defined(__SSE2__) && defined(__x86_64__)
    BOOST_TEST((best == (avx2_available() ? scan_avx2 : scan_sse2)));
#else
    BOOST_TEST((best == nullptr));
#endif
}

BOOST_AUTO_TEST_SUITE_END()
