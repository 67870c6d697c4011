// Boost.Test's main and its initialisation function, once for every test executable (the
// dynamic library's variant: BOOST_TEST_DYN_LINK). The master test suite's name comes from the
// executable's own test_module.cpp (glue_add_test's MODULE), as BOOST_TEST_MODULE gave it.
#define BOOST_TEST_MAIN
#include <boost/test/unit_test.hpp>
