// write_json_string against a byte-by-byte reference written from its contract alone (no shared
// code): the inline short path (overlapping loads and stores up to 32 bytes), the SIMD prefix,
// the valid-UTF-8 block path and the escaping path must all give the reference's bytes, through
// a std::string or a json_out that already holds text.
#include "protocol/connection_json.hpp"
#include "protocol/json_out.hpp"
#include "protocol/json_string.hpp"
#include "protocol/ndjson_record.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using namespace glue_inventory;
using namespace glue_inventory::protocol;

namespace {

// The contract of write_json_string, one byte or character at a time.
std::string reference(std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = "\"";
    std::size_t i = 0;
    const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    while (i < s.size()) {
        const unsigned char c = at(i);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        if (c < 0x20) {
            out += "\\u00";
            out += hex[c >> 4U];
            out += hex[c & 0xFU];
            ++i;
            continue;
        }
        if (c < 0x80) {
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        // Decode one code point; any failure replaces the lead byte alone.
        std::size_t length = 0;
        std::uint32_t cp = 0;
        std::uint32_t least = 0;
        if (c >= 0xC0 && c < 0xE0) {
            length = 2, cp = c & 0x1FU, least = 0x80;
        } else if (c >= 0xE0 && c < 0xF0) {
            length = 3, cp = c & 0x0FU, least = 0x800;
        } else if (c >= 0xF0 && c < 0xF8) {
            length = 4, cp = c & 0x07U, least = 0x10000;
        }
        bool valid = length != 0 && i + length <= s.size();
        for (std::size_t k = 1; valid && k < length; ++k) {
            valid = (at(i + k) & 0xC0U) == 0x80U;
            cp = (cp << 6U) | (at(i + k) & 0x3FU);
        }
        valid = valid && cp >= least && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
        if (!valid) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else if (cp == 0x2028 || cp == 0x2029) {
            out += cp == 0x2028 ? "\\u2028" : "\\u2029";
            i += length;
        } else {
            out.append(s.substr(i, length));
            i += length;
        }
    }
    return out + "\"";
}

std::string written(std::string_view s) {
    std::string out;
    write_json_string(s, out);
    return out;
}

// Pieces that random strings are made of: plain ASCII, every kind of special, valid characters
// of each length, the separators and their neighbours, broken sequences.
const std::vector<std::string> pieces = {"a",
                                         "Z",
                                         "0",
                                         " ",
                                         "~",
                                         "\x7f",
                                         "\"",
                                         "\\",
                                         std::string(1, '\0'),
                                         "\n",
                                         "\x1f",
                                         "\t",
                                         "\xC3\xA9",
                                         "\xE2\x82\xAC",
                                         "\xF0\x9F\x9A\x80",
                                         "\xE2\x80\xA8",
                                         "\xE2\x80\xA9",
                                         "\xE2\x80\x94",
                                         "\xE2\x80\xAA",
                                         "\xE2\x82\xA8",
                                         "\xFF",
                                         "\x80",
                                         "\xC3",
                                         "\xE2\x80",
                                         "\xC0\xAF",
                                         "\xED\xA0\x80",
                                         "\xF4\x90\x80\x80",
                                         "\xEF\xBF\xBD",
                                         "abcdefgh",
                                         "ijklmnopqrstuvwx"};

} // namespace

BOOST_AUTO_TEST_SUITE(json_string)

BOOST_AUTO_TEST_CASE(clean_strings_of_every_short_length_pass_through) {
    // 0..40 crosses each branch of the short path (1-3, 4-7, 8-16, 17-32) and the general one.
    for (std::size_t n = 0; n <= 40; ++n) {
        std::string s;
        for (std::size_t i = 0; i < n; ++i) {
            const auto c = static_cast<char>('!' + (i * 7) % 90); // printable ASCII
            s += c == '"' || c == '\\' ? 'q' : c;
        }
        BOOST_TEST(written(s) == reference(s), "length " << n);
        BOOST_TEST(written(s) == "\"" + s + "\"", "length " << n);
    }
}

BOOST_AUTO_TEST_CASE(one_special_at_each_end_and_in_the_middle_of_every_short_length) {
    // The short path tests a string with two loads that overlap: a special byte only the first
    // load sees, only the last one, or both, must send it to the general path.
    for (const std::string& special : pieces) {
        for (std::size_t n = 1; n <= 40; ++n) {
            for (const std::size_t position : {std::size_t{0}, n / 2, n - 1}) {
                std::string s(n, 'm');
                s.replace(position, 1, special);
                BOOST_TEST(written(s) == reference(s), "length " << n << " at " << position);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(one_special_at_every_position_across_the_block_boundaries) {
    // The wide scans step 16 and 32 bytes and test the last block of a string where it
    // overlaps tested bytes; the valid-UTF-8 path reads two bytes ahead. Every piece at every
    // position of lengths 1..100, after ASCII (plain prefix, escaping path) and after an é
    // (the valid-UTF-8 path when the piece is valid).
    for (const std::string& special : pieces) {
        for (std::size_t n = 1; n <= 100; ++n) {
            for (std::size_t position = 0; position < n; ++position) {
                std::string s(n, 'm');
                s.replace(position, 1, special);
                BOOST_TEST_REQUIRE(written(s) == reference(s),
                                   "length " << n << " at " << position);
                const std::string accented = "\xC3\xA9" + s;
                BOOST_TEST_REQUIRE(written(accented) == reference(accented),
                                   "after an accent, length " << n << " at " << position);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(random_strings_match_the_reference) {
    std::mt19937 random{15}; // fixed: the same strings every run
    std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1);
    std::uniform_int_distribution<std::size_t> count(0, 40);
    for (int round = 0; round < 20000; ++round) {
        std::string s;
        const std::size_t k = count(random);
        const bool mostly_plain = round % 2 == 0; // long clean runs with a rare special
        for (std::size_t i = 0; i < k; ++i) {
            const std::size_t p = piece(random);
            s += mostly_plain && p % 4 != 0 ? std::string_view{"abcdefgh"} : pieces[p];
        }
        BOOST_TEST_REQUIRE(written(s) == reference(s), "round " << round);
    }
}

BOOST_AUTO_TEST_CASE(a_json_out_appends_after_what_its_string_holds) {
    for (const std::size_t chunk : {std::size_t{0}, std::size_t{3}, json_out::record_chunk}) {
        for (const std::string_view s :
             {std::string_view{"short"}, std::string_view{"a\"b"},
              std::string_view{"a string longer than thirty-two bytes, with \xC3\xA9"}}) {
            std::string out = "before:";
            {
                json_out o{out, chunk};
                write_json_string(s, o);
                o += ',';
                write_json_string(s, o);
            }
            BOOST_TEST(out == "before:" + reference(s) + "," + reference(s));
        }
    }
}

BOOST_AUTO_TEST_CASE(records_after_records_are_the_records_written_alone) {
    // The CLI writes a batch of records into one buffer: each must be what it is alone.
    const connection full = protocol_test::full_connection();
    connection odd = full;
    odd.name = std::string{"\xE2\x80\xA8odd\xFF\n"} + std::string(3000, 'x');
    odd.description = std::string(31, '"');
    const record_context ctx{"111122223333", "eu-west-1", "444455556666"};
    std::string alone_full;
    std::string alone_odd;
    write_ndjson_record(ctx, full, alone_full);
    write_ndjson_record(ctx, odd, alone_odd);
    std::string batch;
    std::string expected;
    for (int i = 0; i < 50; ++i) {
        write_ndjson_record(ctx, i % 3 == 0 ? odd : full, batch);
        expected += i % 3 == 0 ? alone_odd : alone_full;
    }
    BOOST_TEST(batch == expected);
    BOOST_TEST(alone_odd.find("\"Name\":" + reference(*odd.name)) != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
