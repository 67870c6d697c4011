// The writers that hold text until end() (spill_store; SARIF, table, HTML, ASFF) with more
// findings than their memory budgets: the text read back is the text appended, in order, and
// the documents stay whole.
#include "audit/spill_store.hpp"
#include "sample_findings.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <map>
#include <simdjson.h>
#include <string>

namespace gca = glue_cli::audit;
namespace ga = glue_inventory::audit;

BOOST_AUTO_TEST_SUITE(spill)

BOOST_AUTO_TEST_CASE(text_read_back_is_text_appended_in_order_past_every_budget) {
    gca::spill_store store;
    std::map<std::string, std::string> expected;
    // 300 keys x 200 records of 100 bytes: 6 MB, past both the chunk size and the budget.
    for (int i = 0; i < 200; ++i) {
        for (int k = 0; k < 300; ++k) {
            const std::string key = "k" + std::to_string(k);
            std::string record = key + ":" + std::to_string(i) + ";";
            record.resize(100, '.');
            store.append(key, record);
            expected[key] += record;
        }
    }
    const auto keys = store.keys();
    BOOST_TEST(keys.size() == expected.size());
    BOOST_TEST(std::is_sorted(keys.begin(), keys.end()));
    for (const auto& key : keys) {
        std::string text;
        store.read(key, [&](std::string_view piece) {
            BOOST_TEST(piece.size() % 100 == 0); // whole records only
            text += piece;
        });
        BOOST_TEST((text == expected[key]), key);
    }
    store.read("absent", [](std::string_view) { BOOST_FAIL("no text for an absent key"); });
    store.clear();
    BOOST_TEST(store.empty());
}

namespace {

std::vector<ga::finding> many_findings(std::size_t accounts, std::size_t per_account) {
    std::vector<ga::finding> out;
    for (std::size_t a = 0; a < accounts; ++a) {
        const std::string account = std::to_string(100000000000 + a);
        for (std::size_t i = 0; i < per_account; ++i) {
            out.push_back(glue_test::make_finding(
                i % 2 == 0 ? "GLUE-001" : "GLUE-011", ga::status::fail,
                i % 2 == 0 ? ga::severity::high : ga::severity::medium, "aws", account,
                i % 3 == 0 ? "us-east-1" : "eu-west-1", "conn-" + std::to_string(i), "JDBC"));
        }
    }
    return out;
}

} // namespace

BOOST_AUTO_TEST_CASE(sarif_keeps_every_result_in_its_account_run) {
    // 50 accounts x 120 findings: several MB of results, spilled and copied back.
    const auto findings = many_findings(50, 120);
    const auto text =
        glue_test::render(gca::finding_format::sarif, findings, glue_test::sample_info(false));
    simdjson::dom::parser parser;
    const simdjson::dom::element doc = parser.parse(text);
    std::size_t results = 0;
    for (const auto run : doc["runs"].get_array()) {
        const std::string_view id = run["automationDetails"]["id"].get_string();
        for (const auto result : run["results"].get_array()) {
            const std::string_view account = result["properties"]["accountId"].get_string();
            BOOST_TEST(id == "glue-inventory/" + std::string(account) + "/");
            ++results;
        }
    }
    BOOST_TEST(results == findings.size());
}

BOOST_AUTO_TEST_CASE(asff_lines_hold_at_most_100_findings_and_lose_none_past_the_budget) {
    const auto findings = many_findings(200, 30); // 400 (account, region) batches held at once
    const auto text =
        glue_test::render(gca::finding_format::asff, findings, glue_test::sample_info(false));
    simdjson::dom::parser parser;
    std::size_t total = 0;
    std::size_t lines = 0;
    for (std::size_t start = 0; start < text.size();) {
        const auto end = text.find('\n', start);
        const simdjson::dom::element line = parser.parse(text.substr(start, end - start));
        const auto batch = line["Findings"].get_array();
        BOOST_TEST(batch.size() <= 100U);
        std::string_view account;
        for (const auto f : batch) {
            const std::string_view a = f["AwsAccountId"].get_string();
            BOOST_TEST((account.empty() || a == account)); // one account a line
            account = a;
            ++total;
        }
        ++lines;
        start = end + 1;
    }
    BOOST_TEST(total == findings.size());
    BOOST_TEST(lines >= 400U);
}

BOOST_AUTO_TEST_CASE(table_lists_every_row_of_a_group_larger_than_it_sorts) {
    const auto findings = many_findings(100, 100); // 5,000 rows a group: over 512 KiB
    const auto text =
        glue_test::render(gca::finding_format::table, findings, glue_test::sample_info(false));
    std::size_t rows = 0;
    for (std::size_t at = text.find("\n  "); at != std::string::npos;
         at = text.find("\n  ", at + 1)) {
        ++rows;
    }
    BOOST_TEST(rows == findings.size());
    BOOST_TEST(text.find("HIGH  GLUE-001") < text.find("MEDIUM  GLUE-011"));
}

BOOST_AUTO_TEST_SUITE_END()
