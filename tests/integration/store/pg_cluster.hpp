// A real PostgreSQL server for a test: initdb into a fresh temporary folder, `postgres` listening
// only on a unix socket in that folder (no TCP port, so nothing to collide with and nothing
// reachable from elsewhere), stopped and removed by the destructor -- also when the test fails.
//
// PostgreSQL refuses to run as root, and CI runs as root: then the folder is given to `nobody`
// (or GLUE_TEST_PG_USER) and initdb and postgres run in a child that drops to that user with
// setgroups/setgid/setuid before exec -- no su, runuser or sudo, whose presence and PAM set-up
// vary; the user needs no shell and no home. The binaries come from PG_BIN, else pg_config
// --bindir, else Debian's /usr/lib/postgresql/<version>/bin.
#pragma once

#include <string>
#include <sys/types.h>

namespace glue_test {

class pg_cluster {
public:
    /// Starts the server; throws std::runtime_error (with initdb's or postgres's log) when it
    /// cannot.
    pg_cluster();
    ~pg_cluster();
    pg_cluster(const pg_cluster&) = delete;
    pg_cluster& operator=(const pg_cluster&) = delete;

    /// "postgresql:///glue?host=<folder>&user=glue": the database `glue`, created empty.
    std::string url(const std::string& database = "glue") const;
    /// Runs `sql` with psql (as the server's user); returns its output (unaligned, no headers).
    std::string psql(const std::string& sql, const std::string& database = "glue") const;
    /// Creates another empty database.
    void create_database(const std::string& name) const;
    /// Immediate shutdown (SIGQUIT): every connection dies at once, as in a crash.
    void kill();
    bool running() const { return pid_ > 0; }

private:
    std::string dir_;
    std::string bin_;
    pid_t pid_ = -1;
};

} // namespace glue_test
