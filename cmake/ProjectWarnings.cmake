# Warnings and sanitizers as INTERFACE targets, linked PRIVATE to our own targets only:
# consumers of glue_inventory never inherit our flags.
add_library(glue_inventory_warnings INTERFACE)
target_compile_options(glue_inventory_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wdouble-promotion
    -Wformat=2 -Wimplicit-fallthrough -Wmisleading-indentation)
# Warnings only GCC knows: Clang rejects unknown -W flags under -Werror.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(glue_inventory_warnings INTERFACE -Wduplicated-cond -Wlogical-op)
endif()
# GCC 12 reports -Wrestrict and -Wstringop-overflow in libstdc++'s own std::string code at -O2
# (GCC bugs 105329, 105651): false positives that no change of ours can silence.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(glue_inventory_warnings INTERFACE -Wno-restrict -Wno-stringop-overflow)
endif()
if(GLUE_INVENTORY_WARNINGS_AS_ERRORS)
    target_compile_options(glue_inventory_warnings INTERFACE -Werror)
endif()

add_library(glue_inventory_sanitizers INTERFACE)
if(GLUE_INVENTORY_SANITIZE)
    target_compile_options(glue_inventory_sanitizers INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(glue_inventory_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
