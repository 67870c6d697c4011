#include "credentials/timestamp.hpp"

#include <boost/test/unit_test.hpp>
#include <glue_inventory/credentials.hpp>

namespace gi = glue_inventory;
using namespace std::chrono_literals;

namespace {
const std::chrono::sys_seconds expiry = *gi::creds::parse_iso8601("2019-11-09T13:34:41Z");
gi::credentials temporary() {
    return {"ASIAIOSFODNN7EXAMPLE", "secret", "token", expiry};
}
} // namespace

BOOST_AUTO_TEST_SUITE(credentials_value)

BOOST_AUTO_TEST_CASE(long_term_keys_never_need_refreshing) {
    gi::credentials keys{"AKIDEXAMPLE", "secret", "", std::nullopt};
    BOOST_TEST(!gi::needs_refresh(keys, expiry + 1000h));
}

BOOST_AUTO_TEST_CASE(temporary_credentials_are_fresh_until_five_minutes_before_expiry) {
    BOOST_TEST(!gi::needs_refresh(temporary(), expiry - 5min - 1s));
    BOOST_TEST(gi::needs_refresh(temporary(), expiry - 5min));
    BOOST_TEST(gi::needs_refresh(temporary(), expiry + 1s));
}

BOOST_AUTO_TEST_CASE(describe_shows_the_access_key_id_and_never_the_secrets) {
    auto text = gi::describe(temporary());
    BOOST_TEST(text == "ASIAIOSFODNN7EXAMPLE (temporary)");
    BOOST_TEST(text.find("secret") == std::string::npos);
    BOOST_TEST(text.find("token") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(iso8601_accepts_fractions_and_offsets) {
    using gi::creds::parse_iso8601;
    BOOST_TEST((parse_iso8601("2019-11-09T13:34:41.123Z") == expiry));
    BOOST_TEST((parse_iso8601("2019-11-09T14:34:41+01:00") == expiry));
    BOOST_TEST((parse_iso8601("2019-11-09T08:34:41-0500") == expiry));
}

BOOST_AUTO_TEST_CASE(iso8601_rejects_malformed_and_impossible_times) {
    using gi::creds::parse_iso8601;
    BOOST_TEST(!parse_iso8601("2019-11-09 13:34:41Z"));
    BOOST_TEST(!parse_iso8601("2019-11-09T13:34:41"));
    BOOST_TEST(!parse_iso8601("2019-02-30T13:34:41Z"));
    BOOST_TEST(!parse_iso8601("2019-11-09T24:00:00Z"));
    BOOST_TEST(!parse_iso8601("2019-11-09T13:34:41Zjunk"));
}

BOOST_AUTO_TEST_SUITE_END()
