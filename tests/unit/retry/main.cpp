#define BOOST_TEST_MODULE retry
#include <boost/test/unit_test.hpp>
