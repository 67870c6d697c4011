// Organizations ListAccounts pages. Properties: a rejected body comes with a reason; an accepted
// page written back (as glue-sim serves it) parses to an equal page.
#include "fuzz_check.hpp"
#include "protocol/organizations.hpp"
#include "protocol/response_pages.hpp"
#include "protocol/response_parser.hpp"

#include <string>

using namespace glue_inventory;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static protocol::response_parser parser;
    std::string body(fuzz::as_text(data, size));
    body.append(protocol::response_parser::padding(), '\0');
    protocol::list_accounts_page page;
    protocol::parse_error error;
    if (!parser.parse_list_accounts({body.data(), size}, page, error)) {
        FUZZ_CHECK(!error.what.empty());
        return 0;
    }
    std::string written;
    protocol::write_list_accounts_response(page, written);
    const auto written_size = written.size();
    written.append(protocol::response_parser::padding(), '\0');
    protocol::list_accounts_page reparsed;
    FUZZ_CHECK(parser.parse_list_accounts({written.data(), written_size}, reparsed, error));
    FUZZ_CHECK(reparsed == page);
    return 0;
}
