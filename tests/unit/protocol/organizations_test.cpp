#include "protocol/organizations.hpp"
#include "protocol/response_pages.hpp"
#include "protocol/response_parser.hpp"
#include "test_support.hpp"

#include <boost/test/unit_test.hpp>

using namespace glue_inventory;
using namespace glue_inventory::protocol;
using protocol_test::padded_body;

namespace {

bool parse(std::string_view body, list_accounts_page& page, parse_error& error) {
    response_parser parser;
    const padded_body padded{body};
    return parser.parse_list_accounts(padded.view(), page, error);
}

} // namespace

BOOST_AUTO_TEST_SUITE(organizations)

// The example output of `aws organizations list-accounts` (aws-cli's documentation).
BOOST_AUTO_TEST_CASE(reads_the_documented_list_accounts_answer) {
    const std::string_view body = R"({
        "Accounts": [
            {
                "Arn": "arn:aws:organizations::111111111111:account/o-exampleorgid/111111111111",
                "JoinedMethod": "INVITED",
                "JoinedTimestamp": 1481830215.45,
                "Id": "111111111111",
                "Name": "Master Account",
                "Email": "bill@example.com",
                "Status": "ACTIVE"
            },
            {
                "Arn": "arn:aws:organizations::111111111111:account/o-exampleorgid/222222222222",
                "JoinedMethod": "INVITED",
                "JoinedTimestamp": 1481835741.044,
                "Id": "222222222222",
                "Name": "Production Account",
                "Email": "alice@example.com",
                "Status": "ACTIVE",
                "State": "ACTIVE"
            }
        ],
        "NextToken": "abc"
    })";
    list_accounts_page page;
    parse_error error;
    BOOST_TEST_REQUIRE(parse(body, page, error), error.where + ": " + error.what);
    BOOST_TEST_REQUIRE(page.accounts.size() == 2U);
    BOOST_TEST(page.accounts[0].id == "111111111111");
    BOOST_TEST(page.accounts[0].name == "Master Account");
    BOOST_TEST(page.accounts[0].email == "bill@example.com");
    BOOST_TEST(page.accounts[0].status == "ACTIVE");
    BOOST_TEST(page.accounts[0].state.empty());
    BOOST_TEST(page.accounts[0].joined_method == "INVITED");
    BOOST_TEST(page.accounts[0].joined->time_since_epoch().count() == 1481830215450);
    BOOST_TEST(page.accounts[1].state == "ACTIVE");
    BOOST_TEST(page.accounts[1].joined->time_since_epoch().count() == 1481835741044);
    BOOST_TEST(*page.next_token == "abc");
}

BOOST_AUTO_TEST_CASE(written_accounts_parse_back_equal) {
    list_accounts_page page;
    page.accounts.push_back({"333333333333", "arn:aws:organizations::1:account/o-x/333333333333",
                             "a@example.com", "A \"quoted\" name", "SUSPENDED", "SUSPENDED",
                             "CREATED", protocol_test::at_millis(1481830215450)});
    page.accounts.push_back({"444444444444", "arn", "b@example.com", "B", "PENDING_CLOSURE",
                             "PENDING_CLOSURE", "INVITED", std::nullopt});
    std::string body;
    write_list_accounts_response(page, body);
    list_accounts_page parsed;
    parse_error error;
    BOOST_TEST_REQUIRE(parse(body, parsed, error), error.where + ": " + error.what);
    BOOST_TEST((parsed == page));
}

BOOST_AUTO_TEST_CASE(wrong_types_are_rejected_with_the_member_path) {
    list_accounts_page page;
    parse_error error;
    BOOST_TEST(!parse(R"({"Accounts":[{"Id":"1"},{"Id":2}]})", page, error));
    BOOST_TEST(error.where == "Accounts[1].Id");
    BOOST_TEST(!parse(R"({"Accounts":[{"JoinedTimestamp":"x"}]})", page, error));
    BOOST_TEST(error.where == "Accounts[0].JoinedTimestamp");
    BOOST_TEST(!parse(R"({"Accounts":[]} x)", page, error));
}

BOOST_AUTO_TEST_SUITE_END()
