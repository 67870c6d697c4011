#!/usr/bin/env bash
# Proves the shared build the Conan recipe offers (shared=True) works: configures the ci-shared
# preset (BUILD_SHARED_LIBS=ON, hidden visibility, GLUE_INVENTORY_API exports), builds
# libglue_inventory.so, the CLI and glue-sim against it, installs it, builds the embedding
# example against the installed package (as scripts/test.sh step 3 does for the static build)
# and runs it against glue-sim. Then runs the CLI linked to the .so: `glue-inventory demo`.
set -euo pipefail
cd "$(dirname "$0")/.."

cmake --preset ci-shared >/dev/null
cmake --build build/ci-shared -j2 --target glue_inventory glue-inventory glue-sim embedded-scan
# The library is a shared object and exports only what GLUE_INVENTORY_API marks (and Asio).
lib=$(ls build/ci-shared/lib/libglue_inventory.so.* | head -1)
if nm -DC --defined-only "$lib" | grep -q 'glue_inventory::protocol::'; then
    echo "libglue_inventory.so exports internal symbols (glue_inventory::protocol::...)" >&2
    exit 1
fi
# (grep without -q: it reads all of ldd's output, so ldd never dies of SIGPIPE under pipefail)
ldd build/ci-shared/apps/glue-inventory/glue-inventory | grep libglue_inventory.so >/dev/null

rm -rf build/ci-shared-install build/ci-shared-consumer
cmake --install build/ci-shared --prefix build/ci-shared-install >/dev/null
cmake -S examples/embedding -B build/ci-shared-consumer -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="$PWD/build/ci-shared-install" >/dev/null
cmake --build build/ci-shared-consumer -j2
ldd build/ci-shared-consumer/embedded-scan | grep 'ci-shared-install/lib/libglue_inventory.so' >/dev/null
tests/integration/embedding/run_embedded_scan.sh build/ci-shared/apps/glue-sim/glue-sim \
    build/ci-shared-consumer/embedded-scan
build/ci-shared/apps/glue-inventory/glue-inventory demo >/dev/null
echo "shared build: libglue_inventory.so, the embedding example and the CLI work"
