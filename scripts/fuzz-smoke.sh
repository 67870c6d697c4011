#!/usr/bin/env bash
# Builds the `fuzz` preset (Clang 14, libFuzzer, ASan + UBSan) and runs every fuzz target of
# tests/fuzz for a short bounded time on its seed corpus, with its dictionary. A crash, a
# violated property, a leak, a timeout or an out-of-memory fails the script (non-zero exit).
# The corpus in the source tree is only read: new inputs go to a scratch folder.
#
#   scripts/fuzz-smoke.sh [TARGET...]     (default: every target)
#   FUZZ_SECONDS=15 FUZZ_JOBS=2 scripts/fuzz-smoke.sh
#   FUZZ_RUNS=20000 scripts/fuzz-smoke.sh  (CI: a fixed number of inputs from a fixed seed, so
#                                          the same commit always runs the same inputs; the
#                                          time limit still bounds each target)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${FUZZ_SECONDS:-15}"          # run time of each target
jobs="${FUZZ_JOBS:-2}"                 # targets run side by side
runs="${FUZZ_RUNS:-}"                  # inputs per target (empty: as many as the time allows)
seed="${FUZZ_SEED:-1}"                 # libFuzzer's random seed: runs are reproducible
build="$root/build/fuzz"

cd "$root"
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake --preset fuzz >/dev/null
fi
cmake --build "$build" --target fuzz_all -j2 >/dev/null

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for f in tests/fuzz/fuzz_*.cpp; do
        targets+=("$(basename "$f" .cpp)")
    done
fi

# The dictionary of a target: by what it reads.
dict_of() {
    case "$1" in
        fuzz_sts_xml) echo "$root/tests/fuzz/dict/xml.dict" ;;
        fuzz_ini_profiles) echo "$root/tests/fuzz/dict/ini.dict" ;;
        fuzz_plain_head) echo "$root/tests/fuzz/dict/http.dict" ;;
        fuzz_accounts_file | fuzz_endpoints | fuzz_timestamps | fuzz_ca_bundle) echo "" ;;
        *) echo "$root/tests/fuzz/dict/json.dict" ;;
    esac
}

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

run_one() {
    local t="$1" dict
    dict="$(dict_of "$t")"
    mkdir -p "$scratch/$t/new" "$scratch/$t/artifacts"
    local args=(-max_total_time="$seconds" -seed="$seed" -timeout=5 -rss_limit_mb=1024 -max_len=65536
                -print_final_stats=1 -artifact_prefix="$scratch/$t/artifacts/")
    [ -n "$dict" ] && args+=(-dict="$dict")
    [ -n "$runs" ] && args+=(-runs="$runs")
    if "$build/tests/fuzz/$t" "${args[@]}" "$scratch/$t/new" "$root/tests/fuzz/corpus/$t" \
        >"$scratch/$t/log" 2>&1; then
        local execs cov
        execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$scratch/$t/log" | grep -o '[0-9]*$')"
        cov="$(grep -o 'cov: [0-9]* ft: [0-9]*' "$scratch/$t/log" | tail -1)"
        echo "fuzz-smoke: $t ok: ${execs:-?} executions, ${cov:-no coverage line}"
    else
        echo "fuzz-smoke: $t FAILED; its log:" >&2
        tail -40 "$scratch/$t/log" >&2
        for a in "$scratch/$t/artifacts/"*; do
            [ -f "$a" ] || continue
            mkdir -p "$root/build/fuzz/findings"
            cp "$a" "$root/build/fuzz/findings/$t-$(basename "$a")"
            echo "fuzz-smoke: input kept in build/fuzz/findings/$t-$(basename "$a")" >&2
        done
        return 1
    fi
}

failed=0
pids=()
names=()
for t in "${targets[@]}"; do
    run_one "$t" &
    pids+=($!)
    names+=("$t")
    if [ ${#pids[@]} -ge "$jobs" ]; then
        wait "${pids[0]}" || failed=$((failed + 1))
        pids=("${pids[@]:1}")
        names=("${names[@]:1}")
    fi
done
for p in "${pids[@]}"; do
    wait "$p" || failed=$((failed + 1))
done
passed=$(( ${#targets[@]} - failed ))
echo "fuzz-smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
