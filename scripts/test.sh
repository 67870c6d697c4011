#!/usr/bin/env bash
# Runs every test:
#  1. installs what is missing (scripts/install-deps.sh);
#  2. builds everything with warnings as errors (preset "ci") and runs the whole ctest suite:
#     unit tests, integration tests against glue-sim, boto3 interop, the CLI end to end;
#  3. installs the library and builds the embedding example against the installed package
#     (find_package(glue_inventory)), then runs it against glue-sim;
#  4. builds again with AddressSanitizer + UndefinedBehaviorSanitizer (preset "ci-sanitize") what
#     the integration tests run (target integration_tests), and runs them under the sanitizers;
#  5. builds the fuzz targets (preset "fuzz": Clang 14, libFuzzer, ASan + UBSan) and runs each
#     on its corpus plus a fixed number of inputs from a fixed seed (scripts/fuzz-smoke.sh), so a
#     regression on a known input fails;
#  6. builds with Clang 14, warnings as errors (preset "ci-clang"), what the unit tests run (target
#     unit_tests: the library, the CLI's core, glue-sim's core and the tests), and runs them: the
#     code must not depend on GCC.
# Extra arguments go to the first ctest run (e.g. -R unit_sigv4).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci --parallel 2 "$@"

rm -rf build/ci-install build/ci-consumer
cmake --install build/ci --prefix build/ci-install >/dev/null
cmake -S examples/embedding -B build/ci-consumer -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="$PWD/build/ci-install" >/dev/null
cmake --build build/ci-consumer -j2
tests/integration/embedding/run_embedded_scan.sh build/ci/apps/glue-sim/glue-sim \
    build/ci-consumer/embedded-scan

cmake --preset ci-sanitize >/dev/null
cmake --build --preset ci-sanitize --target integration_tests
ctest --preset ci-sanitize --parallel 2 -L integration

# A fixed seed and number of inputs: the same commit always runs the same inputs (a campaign,
# tests/fuzz/campaign.sh, is where new inputs are searched for).
FUZZ_RUNS=20000 FUZZ_SECONDS=60 scripts/fuzz-smoke.sh

cmake --preset ci-clang >/dev/null
cmake --build --preset ci-clang --target unit_tests
ctest --preset ci-clang --parallel 2 -L unit
