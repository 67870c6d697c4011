// page_to_ndjson FILE...: parses each file as a GetConnections response with the library's
// parser and prints what the CLI would write: for each file, one NDJSON record per connection
// (context 111122223333 / us-east-1 / 111122223333), then {"NextToken":...} (null when absent),
// or {"Error":...} when the parser rejected the page. The differential test
// (differential_pages.py) compares this with Python's reading of the same pages.
#include "protocol/json_string.hpp"
#include "protocol/ndjson_record.hpp"
#include "protocol/response_parser.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

int main(int argc, char** argv) {
    using namespace glue_inventory;
    protocol::response_parser parser;
    const protocol::record_context ctx{"111122223333", "us-east-1", "111122223333"};
    std::string out;
    for (int i = 1; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        if (!in) {
            std::cerr << "page_to_ndjson: cannot read " << argv[i] << '\n';
            return 1;
        }
        std::ostringstream text;
        text << in.rdbuf();
        std::string body = std::move(text).str();
        const auto size = body.size();
        body.append(protocol::response_parser::padding(), '\0');
        get_connections_page page;
        protocol::parse_error error;
        out.clear();
        if (!parser.parse_get_connections({body.data(), size}, page, error)) {
            out += R"({"Error":)";
            protocol::write_json_string(error.what + " at " + error.where, out);
            out += "}\n";
        } else {
            for (const auto& c : page.connections) {
                protocol::write_ndjson_record(ctx, c, out);
            }
            out += R"({"NextToken":)";
            if (page.next_token) {
                protocol::write_json_string(*page.next_token, out);
            } else {
                out += "null";
            }
            out += "}\n";
        }
        std::fwrite(out.data(), 1, out.size(), stdout);
    }
    return std::fflush(stdout) == 0 ? 0 : 1;
}
