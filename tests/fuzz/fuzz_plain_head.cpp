// read_plain_head (http/plain_head) against Beast's parser (http/response_reader), on any bytes.
// Property: when the plain reader takes a head, Beast's parser, fed those bytes as
// connection::exchange feeds it (the head alone, eager off), reads the same head: complete, of
// the same size, not chunked, with the same Content-Length, status, keep-alive and fields in
// order. When the plain reader leaves a head to Beast, it has written nothing into the response.
// (Whether Beast takes or refuses a head the plain reader leaves is Beast's own business.)
#include "fuzz_check.hpp"
#include "http/plain_head.hpp"
#include "http/response_reader.hpp"

#include <boost/asio/buffer.hpp>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace {

using glue_inventory::http::response;

// connection.hpp's defaults are larger; small limits make the fuzzer reach them.
constexpr std::size_t header_limit = 1024;
constexpr std::uint64_t body_limit = 1 << 16;

std::vector<std::pair<std::string, std::string>> fields_of(const response& r) {
    std::vector<std::pair<std::string, std::string>> out;
    r.for_each_field([&](std::string_view n, std::string_view v) {
        out.emplace_back(std::string(n), std::string(v));
    });
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto bytes = fuzz::as_text(data, size);
    response plain;
    const auto head = glue_inventory::http::read_plain_head(bytes, header_limit, body_limit, plain);
    if (!head) {
        FUZZ_CHECK(plain.result_int() == 0u);
        FUZZ_CHECK(fields_of(plain).empty());
        return 0;
    }
    FUZZ_CHECK(head->size <= bytes.size());
    FUZZ_CHECK(head->content_length <= body_limit);

    response theirs;
    glue_inventory::http::response_reader parser(theirs);
    parser.header_limit(static_cast<std::uint32_t>(header_limit));
    parser.body_limit(body_limit);
    parser.eager(false);
    boost::system::error_code ec;
    const auto used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
    FUZZ_CHECK(!ec);
    FUZZ_CHECK(parser.is_header_done());
    FUZZ_CHECK(used == head->size);
    FUZZ_CHECK(!parser.chunked());
    FUZZ_CHECK(parser.content_length().has_value());
    FUZZ_CHECK(*parser.content_length() == head->content_length);
    FUZZ_CHECK(plain.result_int() == theirs.result_int());
    FUZZ_CHECK(plain.keep_alive() == theirs.keep_alive());
    FUZZ_CHECK(fields_of(plain) == fields_of(theirs));
    return 0;
}
