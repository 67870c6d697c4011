// Boost.Test's main and its initialisation function, once for every test executable (the
// dynamic library's variant: BOOST_TEST_DYN_LINK). The master test suite's name is the
// executable's own (glue_add_test's MODULE, in a generated file), as BOOST_TEST_MODULE gave it.
#define BOOST_TEST_MAIN
#include <boost/test/unit_test.hpp>

extern const char glue_test_module_name[];

namespace {
const boost::unit_test::framework::impl::master_test_suite_name_setter
    module_name_setter(glue_test_module_name);
} // namespace
