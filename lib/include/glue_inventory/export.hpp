// GLUE_INVENTORY_API: what the library exports when it is built as a shared library.
//
// The library is compiled with hidden visibility (CXX_VISIBILITY_PRESET hidden,
// VISIBILITY_INLINES_HIDDEN), so only what is marked here is part of its ABI: the functions and
// classes of the public headers. Everything under lib/src stays private to the .so, which keeps
// its symbol table small and lets the internals change without breaking consumers. In a static
// build the attribute has no effect.
#pragma once

#if defined(_WIN32) || defined(__CYGWIN__)
// Windows is not a supported platform (the library uses POSIX calls); the macro is left empty
// rather than half-supporting __declspec(dllexport/dllimport).
#define GLUE_INVENTORY_API
#else
#define GLUE_INVENTORY_API __attribute__((visibility("default")))
#endif
