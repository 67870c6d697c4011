# Script mode: writes OUT, a C++ file defining glue_inventory::data::SYMBOL from IN's bytes.
# Bytes are written as hex so that no character of the input can end a literal early.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hex_len)
math(EXPR size "${hex_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
# Break the initializer into lines of 16 bytes to keep compilers and editors happy.
string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){16})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUT}" "// Generated from ${IN} by cmake/EmbedTextScript.cmake. Do not edit.
#include <string_view>
namespace glue_inventory::data {
namespace {
constexpr char bytes[${size} + 1] = {
${bytes}'\\0'};
} // namespace
extern const std::string_view ${SYMBOL};
const std::string_view ${SYMBOL}{bytes, ${size}};
} // namespace glue_inventory::data
")
