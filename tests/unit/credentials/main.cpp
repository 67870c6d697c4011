#define BOOST_TEST_MODULE credentials
#include <boost/test/unit_test.hpp>
