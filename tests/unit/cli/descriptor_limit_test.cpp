// The open-file limit's floor: the error's words, and the soft limit raised when the hard one
// allows (checked in a child process, whose limits the test may change).
#include "descriptor_limit.hpp"

#include <boost/test/unit_test.hpp>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

/// Runs ensure_minimum_descriptors() in a child whose limits are {soft, hard}; returns the
/// child's exit code: 0 when it returned no error and the soft limit is then at least the
/// minimum, 1 when it returned an error, 2 when setting up the limit failed, 3 otherwise.
int ensure_in_child(rlim_t soft, rlim_t hard) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        const rlimit limit{soft, hard};
        if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) {
            ::_exit(2);
        }
        const auto error = glue_cli::ensure_minimum_descriptors();
        rlimit now{};
        ::getrlimit(RLIMIT_NOFILE, &now);
        if (!error.empty()) {
            ::_exit(1);
        }
        ::_exit(now.rlim_cur >= glue_cli::minimum_descriptors ? 0 : 3);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace

BOOST_AUTO_TEST_SUITE(descriptor_limit)

BOOST_AUTO_TEST_CASE(a_limit_below_the_minimum_names_the_limit_and_the_fix) {
    const auto text = glue_cli::descriptor_limit_error(7);
    BOOST_TEST(text.find("the open-file limit (ulimit -n) is 7") != std::string::npos, text);
    BOOST_TEST(text.find("at least " + std::to_string(glue_cli::minimum_descriptors)) !=
                   std::string::npos,
               text);
    BOOST_TEST(text.find("ulimit -n 1024") != std::string::npos, text);
    BOOST_TEST(!glue_cli::descriptor_limit_error(0).empty());
}

BOOST_AUTO_TEST_CASE(the_minimum_and_above_are_enough) {
    BOOST_TEST(glue_cli::descriptor_limit_error(glue_cli::minimum_descriptors).empty());
    BOOST_TEST(glue_cli::descriptor_limit_error(1024).empty());
}

BOOST_AUTO_TEST_CASE(a_low_soft_limit_is_raised_when_the_hard_limit_allows) {
    BOOST_TEST(ensure_in_child(8, 64) == 0);
    BOOST_TEST(ensure_in_child(8, glue_cli::minimum_descriptors) == 0);
}

BOOST_AUTO_TEST_CASE(a_low_hard_limit_is_an_error) {
    BOOST_TEST(ensure_in_child(8, 8) == 1);
    BOOST_TEST(
        ensure_in_child(glue_cli::minimum_descriptors - 1, glue_cli::minimum_descriptors - 1) == 1);
}

BOOST_AUTO_TEST_SUITE_END()
