#!/usr/bin/env bash
# Runs every test: installs what is missing, builds with warnings as errors (preset "ci"),
# then runs the whole ctest suite (unit, integration against glue-sim, interop with boto3).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci "$@"
