#include "store/libpq_library.hpp"

#include "store/database.hpp"

#include <dlfcn.h>
#include <string>

namespace glue_cli::store {
namespace {

std::string loader_error() {
    const char* what = dlerror();
    return what != nullptr ? what : "no reason given";
}

libpq_library load_libpq() {
    // RTLD_LOCAL: libpq's symbols (and its dependencies') stay out of the global namespace,
    // where they could interpose on OpenSSL's for the rest of the program.
    void* handle = dlopen(libpq_soname, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        throw store_error(std::string("cannot load ") + libpq_soname +
                          ", PostgreSQL's client library (Debian: libpq5): " + loader_error());
    }
    libpq_library lib;
#define GLUE_CLI_LIBPQ_LOAD(name)                                                                  \
    lib.name = reinterpret_cast<decltype(&::name)>(dlsym(handle, #name));                          \
    if (lib.name == nullptr) {                                                                     \
        const std::string why = loader_error();                                                    \
        dlclose(handle);                                                                           \
        throw store_error(std::string(libpq_soname) + " has no " + #name + ": " + why);            \
    }
    GLUE_CLI_LIBPQ_FUNCTIONS(GLUE_CLI_LIBPQ_LOAD)
#undef GLUE_CLI_LIBPQ_LOAD
    return lib; // the handle stays open for the life of the process, as a linked library would
}

} // namespace

const libpq_library& libpq() {
    static const libpq_library lib = load_libpq();
    return lib;
}

} // namespace glue_cli::store
