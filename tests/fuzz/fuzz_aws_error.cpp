// The AWS JSON error parser, body and x-amzn-ErrorType header. Input layout: two bytes of HTTP
// status (big endian, folded into 100..599), the header value up to the first '\n', then the
// body. Properties: never throws; the code is trimmed and holds neither ':' (a URI follows it)
// nor '#' (a namespace precedes it); the kind is the classification of (status, code); a code
// read from the header wins over the body; a body read without any code gets the note of its
// excerpt (unreadable_body_note), and only then.
#include "fuzz_check.hpp"
#include "protocol/aws_error.hpp"

#include <string>

using namespace glue_inventory;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) {
        return 0;
    }
    const unsigned status = 100U + ((unsigned{data[0]} << 8U) | data[1]) % 500U;
    std::string_view rest = fuzz::as_text(data + 2, size - 2);
    const auto newline = rest.find('\n');
    const std::string_view header =
        newline == std::string_view::npos ? std::string_view{} : rest.substr(0, newline);
    const std::string_view body =
        newline == std::string_view::npos ? rest : rest.substr(newline + 1);

    const auto e = protocol::parse_aws_error(status, header, body);
    FUZZ_CHECK(e.code.find(':') == std::string::npos);
    FUZZ_CHECK(e.code.find('#') == std::string::npos);
    FUZZ_CHECK(e.code.empty() || (e.code.front() != ' ' && e.code.front() != '\t' &&
                                  e.code.back() != ' ' && e.code.back() != '\t'));
    FUZZ_CHECK(e.kind == protocol::classify_error(status, e.code));

    // The same body without a header, then with a header that names a code: the header's wins.
    const auto from_body = protocol::parse_aws_error(status, {}, body);
    std::string expected = e.message;
    const bool blank_body = body.find_first_not_of(" \t\r\n") == std::string_view::npos;
    if (from_body.code.empty() && !e.code.empty() && !blank_body) {
        // Only the header named a code: alone, the body gets the note with its excerpt.
        if (!expected.empty()) {
            expected += "; ";
        }
        expected += protocol::unreadable_body_note({}, body);
    }
    FUZZ_CHECK(from_body.message == expected);
    const auto with_header = protocol::parse_aws_error(status, "ThrottlingException", body);
    FUZZ_CHECK(with_header.code == "ThrottlingException");
    FUZZ_CHECK(with_header.kind == protocol::error_kind::throttling);
    return 0;
}
