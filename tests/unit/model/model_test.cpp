#include <boost/test/unit_test.hpp>
#include <glue_inventory/error.hpp>
#include <glue_inventory/model.hpp>

namespace gi = glue_inventory;

BOOST_AUTO_TEST_CASE(find_property_returns_the_first_value_of_a_key) {
    gi::property_map map{{"JDBC_ENFORCE_SSL", "false"}, {"USERNAME", "admin"}};
    BOOST_TEST(*gi::find_property(map, "USERNAME") == "admin");
    BOOST_TEST(gi::find_property(map, "PASSWORD") == nullptr);
}

BOOST_AUTO_TEST_CASE(absent_and_empty_lists_are_different_connections) {
    gi::connection absent;
    gi::connection empty;
    empty.match_criteria.emplace();
    BOOST_TEST((absent != empty));
}

BOOST_AUTO_TEST_CASE(error_codes_name_their_category_and_meaning) {
    boost::system::error_code ec = gi::errc::repeated_next_token;
    BOOST_TEST(ec.category().name() == std::string("glue_inventory"));
    BOOST_TEST(ec.message() == "the server repeated a NextToken");
    BOOST_TEST((ec == gi::errc::repeated_next_token));
}
