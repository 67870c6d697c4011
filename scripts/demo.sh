#!/usr/bin/env bash
# The main job on a fresh machine: installs what is missing, builds the release, runs the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target glue-inventory glue-sim
build/release/apps/glue-inventory/glue-inventory demo
