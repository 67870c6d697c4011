#!/usr/bin/env bash
# Runs the embedding example (built in-tree, or against the installed package) against glue-sim
# on 127.0.0.1 and checks what it printed: every target complete, the right number of targets.
#   run_embedded_scan.sh GLUE_SIM EMBEDDED_SCAN
set -euo pipefail
sim=$1
scan=$2
dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
"$sim" --state-dir "$dir" --accounts 3 --regions us-east-1,eu-west-1 --role-name Auditor \
    --threads 1 >"$dir/sim.log" 2>&1 &
pid=$!
for _ in $(seq 1 200); do
    [ -f "$dir/ready.json" ] && break
    sleep 0.05
done
[ -f "$dir/ready.json" ] || { echo "glue-sim did not start"; cat "$dir/sim.log"; exit 1; }
field() { /usr/bin/python3 -c "import json,sys; print(json.load(open('$dir/ready.json'))['$1'])"; }
accounts=$(/usr/bin/python3 -c "import json; print(','.join(json.load(open('$dir/ready.json'))['accounts']))")
export AWS_ENDPOINT_URL="$(field endpoint_url)" AWS_CA_BUNDLE="$(field ca_bundle)"
export AWS_ACCESS_KEY_ID="$(field access_key_id)" AWS_SECRET_ACCESS_KEY="$(field secret_access_key)"
export AWS_REGION=us-east-1
unset AWS_PROFILE AWS_SESSION_TOKEN
timeout 60 "$scan" "$accounts" us-east-1,eu-west-1 Auditor >"$dir/out.txt" 2>"$dir/err.txt"
cat "$dir/out.txt"
complete=$(grep -c " connections$" "$dir/out.txt" || true)
if [ "$complete" -ne 6 ]; then
    echo "expected 6 complete targets, got $complete"; cat "$dir/err.txt"; exit 1
fi
grep -q "connections in all" "$dir/out.txt"
grep -q "heartbeat" "$dir/err.txt" || { echo "the service's own work did not run"; exit 1; }
echo "embedded scan: 6 targets complete"
