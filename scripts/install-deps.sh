#!/usr/bin/env bash
# Installs what glue-inventory needs to build and test, from Debian 12's archive.
# Idempotent and quick: it asks apt only when a package is missing. Needs root (or sudo).
set -euo pipefail

packages=(
    g++ cmake make pkg-config
    clang-14                                 # the ci-clang preset: the code must build with Clang too
    libclang-rt-14-dev                       # the fuzz preset: libFuzzer and the sanitizer runtimes of clang-14
    libboost1.81-dev libboost-test1.81-dev   # Asio 1.26, Beast, Boost.Test
    libssl-dev                               # OpenSSL 3: TLS, SHA-256, HMAC
    libsimdjson-dev                          # the response parser
    libpugixml-dev                           # STS answers are XML
    libcli11-dev                             # the command lines of glue-inventory and glue-sim
    libbenchmark-dev                         # micro benchmarks
    python3 python3-boto3                    # interop tests: the official Python SDK against glue-sim
    openssl                                  # tests read certificates with the CLI
    python3-jsonschema                       # audit tests: SARIF against the OASIS schema
    python3-botocore                         # audit tests: ASFF with botocore's ParamValidator
    python3-yaml                             # docs test: the Kubernetes Job example of docs/shards parses
    chromium                                 # audit tests: the HTML report in a headless browser
    libsqlite3-dev                           # --store sqlite:PATH (the embedded store)
    libpq-dev                                # --store postgresql://... (libpq, COPY)
    postgresql                               # store tests: a real server (initdb, postgres) per test
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
