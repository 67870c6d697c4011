// The GetConnections page parser. Properties:
// - a rejected body comes with a reason;
// - an accepted page, written back as the service would send it (epoch seconds), parses to an
//   equal page: parse(write(parse(x))) == parse(x);
// - each connection's NDJSON record (ISO 8601 timestamps) is one line of valid JSON that holds
//   the context members first, and the ISO page body is valid JSON too.
#include "fuzz_check.hpp"
#include "protocol/ndjson_record.hpp"
#include "protocol/response_pages.hpp"
#include "protocol/response_parser.hpp"

#include <simdjson.h>
#include <string>

namespace {

using namespace glue_inventory;

std::string padded(std::string_view body) {
    std::string s(body);
    s.append(protocol::response_parser::padding(), '\0');
    return s;
}

bool is_valid_json(std::string_view text) {
    static simdjson::dom::parser dom;
    const simdjson::padded_string copy(text);
    simdjson::dom::element root;
    return dom.parse(copy).get(root) == simdjson::SUCCESS;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static protocol::response_parser parser;
    const auto input = fuzz::as_text(data, size);
    // The body in a buffer of its own size plus padding: a read past it is a heap overflow.
    const std::string body = padded(input);
    get_connections_page page;
    protocol::parse_error error;
    if (!parser.parse_get_connections({body.data(), size}, page, error)) {
        FUZZ_CHECK(!error.what.empty());
        return 0;
    }

    std::string written;
    protocol::write_get_connections_response(page, protocol::timestamp_style::epoch_seconds,
                                             written);
    const std::string again = padded(written);
    get_connections_page reparsed;
    protocol::parse_error error2;
    FUZZ_CHECK(parser.parse_get_connections({again.data(), written.size()}, reparsed, error2));
    FUZZ_CHECK(reparsed == page);

    std::string iso;
    protocol::write_get_connections_response(page, protocol::timestamp_style::iso8601, iso);
    FUZZ_CHECK(is_valid_json(iso));

    const protocol::record_context ctx{"111122223333", "eu-west-1", "111122223333"};
    for (const auto& c : page.connections) {
        std::string line;
        protocol::write_ndjson_record(ctx, c, line);
        FUZZ_CHECK(!line.empty() && line.back() == '\n');
        FUZZ_CHECK(line.find('\n') == line.size() - 1);
        FUZZ_CHECK(line.starts_with(
            R"({"AccountId":"111122223333","Region":"eu-west-1","CatalogId":"111122223333")"));
        line.pop_back();
        FUZZ_CHECK(is_valid_json(line));
    }
    return 0;
}
