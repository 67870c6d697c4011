#define BOOST_TEST_MODULE audit_formats
#include <boost/test/unit_test.hpp>
