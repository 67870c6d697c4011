#!/usr/bin/env bash
# A long fuzzing campaign: each target runs SECONDS seconds (with JOBS libFuzzer workers) on its
# committed seeds plus a working corpus kept in build/fuzz/campaign/<target>/corpus, which is
# then minimised (-merge=1: only inputs that add coverage stay) and kept for the next campaign.
# Prints, per target: executions, exec/s, coverage (cov = edges, ft = features), corpus size,
# crashes. Crash inputs are kept in build/fuzz/campaign/findings/: each becomes a regression
# test and an input of tests/fuzz/corpus/<target>/regression-*. --update-source merges the
# campaign's new coverage into tests/fuzz/corpus/ (keep that small: it is committed).
# -e EXECUTIONS repeats rounds of SECONDS (each one resumes from the corpus the last one kept)
# until the target has run that many inputs in this campaign: on a shared machine the rate is
# unknown in advance, so a goal in executions is set as a number of inputs, not a time.
#
#   tests/fuzz/campaign.sh [-s SECONDS] [-j JOBS] [-e EXECUTIONS] [--no-merge] [--update-source]
#                          [TARGET...]
#   nice -n 15 tests/fuzz/campaign.sh -s 120 -j 1        # a shared machine: one core
#   nice -n 19 tests/fuzz/campaign.sh -s 300 -e 10000000 fuzz_audit   # rounds up to 10 M inputs
set -uo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds=600
jobs=1
merge=1
update_source=0
goal=0
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        -s) seconds="$2"; shift 2 ;;
        -j) jobs="$2"; shift 2 ;;
        -e) goal="$2"; shift 2 ;;
        --no-merge) merge=0; shift ;;
        --update-source) update_source=1; shift ;;
        *) targets+=("$1"); shift ;;
    esac
done
build="$root/build/fuzz"
cd "$root"
[ -f "$build/CMakeCache.txt" ] || cmake --preset fuzz >/dev/null
cmake --build "$build" --target fuzz_all -j2 >/dev/null || exit 1
if [ ${#targets[@]} -eq 0 ]; then
    for f in tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$f" .cpp)"); done
fi

dict_of() {
    case "$1" in
        fuzz_sts_xml) echo "-dict=$root/tests/fuzz/dict/xml.dict" ;;
        fuzz_ini_profiles) echo "-dict=$root/tests/fuzz/dict/ini.dict" ;;
        fuzz_accounts_file | fuzz_endpoints | fuzz_timestamps) echo "" ;;
        *) echo "-dict=$root/tests/fuzz/dict/json.dict" ;;
    esac
}

out="$build/campaign"
mkdir -p "$out/findings"
printf '%-22s %12s %9s %7s %7s %7s %8s\n' target executions exec/s cov ft corpus crashes
status=0
for t in "${targets[@]}"; do
  total=0; round=0
  while :; do
    round=$((round + 1))
    work="$out/$t"
    rm -rf "$work/logs"
    mkdir -p "$work/corpus" "$work/logs"
    bin="$build/tests/fuzz/$t"
    # With -jobs, libFuzzer writes fuzz-N.log per worker in the current folder.
    (cd "$work/logs" && "$bin" $(dict_of "$t") -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -jobs="$jobs" -workers="$jobs" \
        -artifact_prefix="$out/findings/$t-" "$work/corpus" "$root/tests/fuzz/corpus/$t" \
        >"$work/logs/main.log" 2>&1)
    # The workers' logs only: with -jobs, main.log repeats each worker's output, final stats
    # included (counting both doubled every figure, the first campaign's too).
    logs=("$work/logs/"fuzz-*.log)
    [ -e "${logs[0]}" ] || logs=("$work/logs/main.log")
    execs=0; rate=0; cov=0; ft=0; crashes=0
    for l in "${logs[@]}"; do
        e=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$l" | grep -o '[0-9]*$' | tail -1)
        r=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$l" | grep -o '[0-9]*$' | tail -1)
        c=$(grep -o 'cov: [0-9]*' "$l" | tail -1 | grep -o '[0-9]*')
        f=$(grep -o 'ft: [0-9]*' "$l" | tail -1 | grep -o '[0-9]*')
        execs=$((execs + ${e:-0})); rate=$((rate + ${r:-0}))
        [ "${c:-0}" -gt "$cov" ] && cov=$c
        [ "${f:-0}" -gt "$ft" ] && ft=$f
        crashes=$((crashes + $(grep -c 'ERROR: libFuzzer\|ERROR: AddressSanitizer\|runtime error:\|property violated' "$l")))
    done
    size=$(ls "$work/corpus" | wc -l)
    printf '%-22s %12d %9d %7d %7d %7d %8d\n' "$t" "$execs" "$rate" "$cov" "$ft" "$size" "$crashes"
    [ "$crashes" -gt 0 ] && status=1
    if [ "$merge" -eq 1 ]; then
        rm -rf "$work/merged" && mkdir -p "$work/merged"
        if "$bin" -merge=1 -max_len=65536 -rss_limit_mb=2048 "$work/merged" "$work/corpus" \
            "$root/tests/fuzz/corpus/$t" >"$work/logs/merge.log" 2>&1; then
            rm -rf "$work/corpus" && mv "$work/merged" "$work/corpus"
        else
            status=1
        fi
    fi
    if [ "$update_source" -eq 1 ]; then
        "$bin" -merge=1 -max_len=65536 -rss_limit_mb=2048 "$root/tests/fuzz/corpus/$t" \
            "$work/corpus" >"$work/logs/update-source.log" 2>&1 || status=1
    fi
    total=$((total + execs))
    # Another round while the goal is not reached, unless this one found a crash or ran nothing.
    if [ "$goal" -gt 0 ] && [ "$total" -lt "$goal" ] && [ "$crashes" -eq 0 ] && [ "$execs" -gt 0 ]
    then
        continue
    fi
    [ "$round" -gt 1 ] && printf '%-22s %12d executions in %d rounds\n' "$t" "$total" "$round"
    break
  done
done
ls "$out/findings" | sed 's/^/finding: /'
exit $status
