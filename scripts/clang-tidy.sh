#!/usr/bin/env bash
# clang-tidy-14 with the repository's .clang-tidy on every translation unit of lib/ and apps/
# (the library's components and the two apps; not the tests, the benchmarks, the generated
# sources or Asio's asio_impl.cpp). Exits 1 on any warning, printing them.
#
#   scripts/clang-tidy.sh [JOBS]     (JOBS defaults to 2: the build machine's cores are shared)
#
# It only configures the clang-tidy preset, for its compile_commands.json (Clang's flags), and
# runs run-clang-tidy-14 on it: nothing is compiled. `cmake --build --preset clang-tidy` does
# the same through CMAKE_CXX_CLANG_TIDY while compiling, for a developer who wants both.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jobs=${1:-2}

cmake --preset clang-tidy >/dev/null
log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s)
# The files regex: our sources only (a component folder of lib/src, or apps/).
run-clang-tidy-14 -p build/clang-tidy -j "$jobs" -quiet \
    "^${root}/(lib/src/[a-z_0-9]+|apps)/.*\.cpp$" >"$log" 2>&1 || true
end=$(date +%s)
if grep -qE '(warning|error):' "$log"; then
    grep -E -A3 '(warning|error):' "$log"
    echo "clang-tidy: $(grep -cE '(warning|error):' "$log") diagnostics ($((end - start)) s)" >&2
    exit 1
fi
echo "clang-tidy: no warning in lib/ and apps/ ($((end - start)) s, -j ${jobs})"
