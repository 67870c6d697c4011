// libpq, loaded when a PostgreSQL store is opened instead of linked into the CLI: libpq brings
// about twenty shared libraries (Kerberos, LDAP, SASL, GnuTLS, ...) that every run would
// otherwise map and relocate at start, 3.6 MB of peak RSS on every scan (bench/RESULTS.md),
// for a store most runs do not use. Debian's libpq5 provides libpq.so.5 (libpq-dev, which
// install-deps.sh installs for the headers, depends on it).
#pragma once

#include <libpq-fe.h>

namespace glue_cli::store {

// The libpq functions the PostgreSQL store calls: one place to add one.
#define GLUE_CLI_LIBPQ_FUNCTIONS(X)                                                                \
    X(PQclear)                                                                                     \
    X(PQconnectdb)                                                                                 \
    X(PQerrorMessage)                                                                              \
    X(PQexec)                                                                                      \
    X(PQexecParams)                                                                                \
    X(PQfinish)                                                                                    \
    X(PQgetResult)                                                                                 \
    X(PQgetisnull)                                                                                 \
    X(PQgetlength)                                                                                 \
    X(PQgetvalue)                                                                                  \
    X(PQntuples)                                                                                   \
    X(PQputCopyData)                                                                               \
    X(PQputCopyEnd)                                                                                \
    X(PQresultErrorMessage)                                                                        \
    X(PQresultStatus)                                                                              \
    X(PQsetNoticeProcessor)                                                                        \
    X(PQstatus)

/// Each member points to the libpq function of the same name.
struct libpq_library {
// NOLINTNEXTLINE(bugprone-macro-parentheses): the argument is a member's name, not an expression
#define GLUE_CLI_LIBPQ_MEMBER(name) decltype(&::name) name = nullptr;
    GLUE_CLI_LIBPQ_FUNCTIONS(GLUE_CLI_LIBPQ_MEMBER)
#undef GLUE_CLI_LIBPQ_MEMBER
};

/// The name dlopen is given: the soname of libpq 5 (every PostgreSQL since 8.0).
inline constexpr const char* libpq_soname = "libpq.so.5";

/// libpq, loaded on the first call (thread-safe) and kept loaded. Throws store_error naming
/// the library and what the loader said when it cannot be loaded or lacks a function; a later
/// call tries again.
const libpq_library& libpq();

} // namespace glue_cli::store
