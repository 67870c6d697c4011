// The modes of the files glue-inventory creates: owner only from the first byte when they may
// hold a secret, the user's umask otherwise, and an existing file's mode left as it was.
#include "output_file.hpp"

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

using glue_cli::file_secrecy;
using glue_cli::open_for_writing;
using glue_cli::output_file;

namespace {

namespace fs = std::filesystem;

/// A fresh directory and umask 022 (what most users have) for one test; both restored after.
struct file_fixture {
    file_fixture() : old_umask(::umask(022)) {
        dir = fs::temp_directory_path() / ("glue-output-file-test-" + std::to_string(::getpid()) +
                                           "-" + std::to_string(counter++));
        fs::create_directories(dir);
    }
    ~file_fixture() {
        ::umask(old_umask);
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
    file_fixture(const file_fixture&) = delete;
    file_fixture& operator=(const file_fixture&) = delete;

    std::string path(const char* name) const { return (dir / name).string(); }

    static inline int counter = 0;
    mode_t old_umask;
    fs::path dir;
};

unsigned mode_of(const std::string& path) {
    struct stat st {};
    BOOST_TEST_REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 07777U;
}

unsigned mode_of_fd(int fd) {
    struct stat st {};
    BOOST_TEST_REQUIRE(::fstat(fd, &st) == 0);
    return st.st_mode & 07777U;
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_text(const std::string& path, const std::string& text, mode_t mode) {
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << text;
    }
    BOOST_TEST_REQUIRE(::chmod(path.c_str(), mode) == 0);
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(output_file_modes, file_fixture)

BOOST_AUTO_TEST_CASE(a_new_file_that_may_hold_secrets_is_0600_before_its_first_byte) {
    std::string error;
    std::string warning;
    const std::string p = path("records.ndjson");
    const int fd = open_for_writing(p, file_secrecy::may_hold_secrets, error, warning);
    BOOST_TEST_REQUIRE(fd >= 0, error);
    // Nothing written yet: the mode is already owner only.
    BOOST_TEST(mode_of_fd(fd) == 0600u);
    BOOST_TEST(::close(fd) == 0);
    BOOST_TEST(mode_of(p) == 0600u);
    BOOST_TEST(warning.empty());
}

BOOST_AUTO_TEST_CASE(a_new_file_without_secrets_follows_the_umask) {
    std::string error;
    std::string warning;
    const std::string p = path("errors.ndjson");
    const int fd = open_for_writing(p, file_secrecy::none, error, warning);
    BOOST_TEST_REQUIRE(fd >= 0, error);
    BOOST_TEST(::close(fd) == 0);
    BOOST_TEST(mode_of(p) == 0644u); // 0666 & ~022
    ::umask(077);
    const std::string q = path("private.ndjson");
    const int fd2 = open_for_writing(q, file_secrecy::none, error, warning);
    BOOST_TEST_REQUIRE(fd2 >= 0, error);
    BOOST_TEST(::close(fd2) == 0);
    BOOST_TEST(mode_of(q) == 0600u); // 0666 & ~077
}

BOOST_AUTO_TEST_CASE(an_existing_file_keeps_its_mode_and_is_truncated) {
    std::string error;
    std::string warning;
    const std::string shared = path("shared.ndjson");
    write_text(shared, "old contents\n", 0644);
    {
        std::string buffer = "new\n";
        auto f = output_file::create(shared, file_secrecy::may_hold_secrets, error, warning);
        BOOST_TEST_REQUIRE(f.is_open(), error);
        BOOST_TEST(f.flush(buffer));
    }
    BOOST_TEST(mode_of(shared) == 0644u);
    BOOST_TEST(read_text(shared) == "new\n");
    // The user is told that the passwords are readable by others.
    BOOST_TEST(warning.find("'" + shared + "' already exists with mode 0644") != std::string::npos,
               warning);

    const std::string narrow = path("narrow.ndjson");
    write_text(narrow, "x", 0600);
    warning.clear();
    {
        auto f = output_file::create(narrow, file_secrecy::none, error, warning);
        BOOST_TEST_REQUIRE(f.is_open(), error);
    }
    BOOST_TEST(mode_of(narrow) == 0600u);
    BOOST_TEST(read_text(narrow).empty());
    BOOST_TEST(warning.empty());

    const std::string owner_only = path("owner-only.ndjson");
    write_text(owner_only, "x", 0600);
    {
        auto f = output_file::create(owner_only, file_secrecy::may_hold_secrets, error, warning);
        BOOST_TEST_REQUIRE(f.is_open(), error);
    }
    BOOST_TEST(mode_of(owner_only) == 0600u);
    BOOST_TEST(warning.empty()); // nothing to warn about
}

BOOST_AUTO_TEST_CASE(an_existing_file_of_another_user_is_reported) {
    if (::geteuid() != 0) {
        // Only root can write to a file another user owns with mode 0600.
        BOOST_TEST_MESSAGE("not root: a file of another user cannot be prepared");
        return;
    }
    const std::string theirs = path("theirs.ndjson");
    write_text(theirs, "x", 0600);
    constexpr uid_t nobody = 65534;
    BOOST_TEST_REQUIRE(::chown(theirs.c_str(), nobody, nobody) == 0);
    std::string error;
    std::string warning;
    {
        auto f = output_file::create(theirs, file_secrecy::may_hold_secrets, error, warning);
        BOOST_TEST_REQUIRE(f.is_open(), error);
    }
    BOOST_TEST(warning.find("belongs to another user (uid 65534)") != std::string::npos, warning);
}

BOOST_AUTO_TEST_CASE(a_file_that_cannot_be_opened_names_the_path_and_the_reason) {
    std::string error;
    std::string warning;
    const std::string p = path("no/such/dir/out.ndjson");
    const auto f = output_file::create(p, file_secrecy::may_hold_secrets, error, warning);
    BOOST_TEST(!f.is_open());
    BOOST_TEST(error == "cannot open '" + p + "': No such file or directory");
}

BOOST_AUTO_TEST_SUITE_END()
