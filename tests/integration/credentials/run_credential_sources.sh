#!/usr/bin/env bash
# A whole `scan --org --role-name` whose base identity comes from each credential source that
# glue-sim plays on 127.0.0.1 (instance metadata, the container endpoint, web identity, SSO with
# a token refreshed through CreateToken during the scan), compared record for record with the
# same scan from static keys; then the failure cases: a refused container token, a forged web
# identity token, an expired SSO token, IMDS disabled, IMDS unreachable and silent (each a clear
# error in under 2 s); and no secret (keys, tokens, client secret) in any output.
#   run_credential_sources.sh GLUE_SIM GLUE_INVENTORY
set -euo pipefail
sim=$1
cli=$2
dir=$(mktemp -d)
silent_pid=""
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true;
      [ -n "$silent_pid" ] && kill "$silent_pid" 2>/dev/null; rm -rf "$dir"' EXIT
"$sim" --state-dir "$dir/sim" --accounts 3 --regions us-east-1,eu-west-1 --role-name Auditor \
    --threads 1 >"$dir/sim.log" 2>&1 &
pid=$!
for _ in $(seq 1 200); do
    [ -f "$dir/sim/ready.json" ] && break
    sleep 0.05
done
[ -f "$dir/sim/ready.json" ] || { echo "glue-sim did not start"; cat "$dir/sim.log"; exit 1; }
field() { /usr/bin/python3 -c "import json; print(json.load(open('$dir/sim/ready.json'))['$1'])"; }

# Nothing from the caller's own environment or files may leak into the runs.
mkdir -p "$dir/home"
# A chain that falls through to instance metadata asks a closed port here, never 169.254.169.254.
base_env=(env -i PATH="$PATH" HOME="$dir/home" AWS_REGION=us-east-1
          AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:9
          AWS_ENDPOINT_URL="$(field endpoint_url)" AWS_CA_BUNDLE="$(field ca_bundle)")
scan=(scan --org --role-name Auditor --regions us-east-1,eu-west-1 --format ndjson --no-progress)
secret=$(field secret_access_key)
container_token=$(field container_authorization_token)

run() { # NAME ENV... -- runs the scan, keeps stdout/stderr/status/seconds
    local name=$1; shift
    local start end status=0
    start=$(date +%s.%N)
    "${base_env[@]}" "$@" "$cli" "${scan[@]}" >"$dir/$name.out" 2>"$dir/$name.err" || status=$?
    end=$(date +%s.%N)
    echo "$status" >"$dir/$name.status"
    /usr/bin/python3 -c "print($end - $start)" >"$dir/$name.seconds"
}
expect_same_records() {
    if [ "$(cat "$dir/$1.status")" != 0 ]; then
        echo "$1: exit $(cat "$dir/$1.status")"; cat "$dir/$1.err"; exit 1
    fi
    if ! cmp -s <(sort "$dir/static.out") <(sort "$dir/$1.out"); then
        echo "$1: records differ from the static-key scan"; exit 1
    fi
    echo "$1: $(wc -l <"$dir/$1.out") records, identical to the static-key scan"
}
expect_fast_error() { # NAME PATTERN
    local status seconds
    status=$(cat "$dir/$1.status")
    seconds=$(cat "$dir/$1.seconds")
    if [ "$status" = 0 ]; then echo "$1: expected a failure"; exit 1; fi
    grep -q -- "$2" "$dir/$1.err" || { echo "$1: stderr lacks '$2'"; cat "$dir/$1.err"; exit 1; }
    /usr/bin/python3 -c "import sys; sys.exit(0 if $seconds < 2.0 else 1)" ||
        { echo "$1: took $seconds s (limit 2 s)"; exit 1; }
    echo "$1: exit $status in $seconds s: $(head -c 200 "$dir/$1.err" | tr '\n' ' ')"
}

run static AWS_ACCESS_KEY_ID="$(field access_key_id)" AWS_SECRET_ACCESS_KEY="$secret"
[ "$(cat "$dir/static.status")" = 0 ] || { cat "$dir/static.err"; exit 1; }
[ -s "$dir/static.out" ] || { echo "the static-key scan wrote no record"; exit 1; }

run imds AWS_EC2_METADATA_SERVICE_ENDPOINT="$(field metadata_endpoint)"
expect_same_records imds
# The summary names the source of the base identity and its account (IMDS's extended API).
grep -q "^glue-inventory: base identity from EC2 instance metadata, account $(field management_account)\$" \
    "$dir/imds.err" || { echo "imds: no base identity line in the summary"; cat "$dir/imds.err"; exit 1; }
# --verbose says the planned source before scanning; stdout is unchanged.
"${base_env[@]}" AWS_EC2_METADATA_SERVICE_ENDPOINT="$(field metadata_endpoint)" "$cli" \
    "${scan[@]}" --verbose >"$dir/imds_verbose.out" 2>"$dir/imds_verbose.err"
grep -q "^glue-inventory: credentials: EC2 instance metadata\$" "$dir/imds_verbose.err" ||
    { echo "imds --verbose: no credentials line"; cat "$dir/imds_verbose.err"; exit 1; }
cmp -s <(sort "$dir/imds.out") <(sort "$dir/imds_verbose.out") ||
    { echo "imds --verbose: records differ"; exit 1; }
echo "imds: the summary and --verbose name the source and its account"

# No region given or configured anywhere: the instance's own, from IMDS (as the Rust and Java
# SDKs find it); the scan covers that region alone.
imds_region=$(/usr/bin/python3 -c "import json; print(json.load(open('$dir/sim/ready.json'))['regions'][0])")
status=0
env -i PATH="$PATH" HOME="$dir/home" AWS_EC2_METADATA_SERVICE_ENDPOINT="$(field metadata_endpoint)" \
    AWS_ENDPOINT_URL="$(field endpoint_url)" AWS_CA_BUNDLE="$(field ca_bundle)" "$cli" \
    scan --org --role-name Auditor --format ndjson --no-progress \
    >"$dir/imds_region.out" 2>"$dir/imds_region.err" || status=$?
[ "$status" = 0 ] || { echo "imds region: exit $status"; cat "$dir/imds_region.err"; exit 1; }
/usr/bin/python3 - "$dir/static.out" "$dir/imds_region.out" "$imds_region" <<'PY'
import json, sys
static = sorted(l for l in open(sys.argv[1]) if json.loads(l)["Region"] == sys.argv[3])
got = sorted(open(sys.argv[2]))
assert static and got == static, f"{len(got)} records, expected the {len(static)} of {sys.argv[3]}"
print(f"imds region: {len(got)} records of {sys.argv[3]}, the region IMDS gave")
PY

printf '%s' "$container_token" >"$dir/container-token"
run container AWS_CONTAINER_CREDENTIALS_FULL_URI="$(field container_credentials_uri)" \
    AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE="$dir/container-token"
expect_same_records container

run web_identity AWS_WEB_IDENTITY_TOKEN_FILE="$(field web_identity_token_file)" \
    AWS_ROLE_ARN="$(field web_identity_role_arn)" AWS_ROLE_SESSION_NAME=ci-job
expect_same_records web_identity

printf 'e30.e30.forged' >"$dir/forged-token"
run web_identity_forged AWS_WEB_IDENTITY_TOKEN_FILE="$dir/forged-token" \
    AWS_ROLE_ARN="$(field web_identity_role_arn)"
expect_fast_error web_identity_forged "InvalidIdentityToken"

# SSO: the cache `aws sso login` leaves, with a token 5 minutes from expiry: the client must
# refresh it (CreateToken), write it back, then call GetRoleCredentials.
mkdir -p "$dir/home/.aws/sso/cache"
cat >"$dir/home/.aws/config" <<CONFIG
[profile sso]
sso_session = glue-sim
sso_account_id = $(field sso_account_id)
sso_role_name = $(field sso_role_name)

[sso-session glue-sim]
sso_start_url = https://glue-sim.local/start
sso_region = us-east-1
CONFIG
cache="$dir/home/.aws/sso/cache/$(printf '%s' glue-sim | sha1sum | cut -d' ' -f1).json"
iso() { date -u -d "$1" +%Y-%m-%dT%H:%M:%SZ; }
cat >"$cache" <<CACHE
{"accessToken": "$(field sso_access_token)", "expiresAt": "$(iso '+5 minutes')",
 "refreshToken": "$(field sso_refresh_token)", "clientId": "$(field sso_client_id)",
 "clientSecret": "$(field sso_client_secret)", "registrationExpiresAt": "$(iso '+1 day')",
 "region": "us-east-1", "startUrl": "https://glue-sim.local/start"}
CACHE
sso_env=(AWS_PROFILE=sso AWS_ENDPOINT_URL_SSO="$(field endpoint_url)"
         AWS_ENDPOINT_URL_SSO_OIDC="$(field endpoint_url)")
run sso "${sso_env[@]}"
expect_same_records sso
/usr/bin/python3 - "$cache" "$(field sso_access_token)" <<'PY'
import json, sys
cached = json.load(open(sys.argv[1]))
assert cached["accessToken"] != sys.argv[2], "the SSO token was not refreshed and written back"
assert cached["refreshToken"] and cached["clientSecret"], cached.keys()
print("sso: the cached token was refreshed and written back")
PY

cat >"$cache" <<CACHE
{"accessToken": "stale-access-token", "expiresAt": "$(iso '-1 minute')"}
CACHE
run sso_expired "${sso_env[@]}"
expect_fast_error sso_expired "run aws sso login"

run container_refused AWS_CONTAINER_CREDENTIALS_FULL_URI="$(field container_credentials_uri)" \
    AWS_CONTAINER_AUTHORIZATION_TOKEN="wrong-token-value"
expect_fast_error container_refused "401 TokenNotFound"

run imds_disabled AWS_EC2_METADATA_DISABLED=true
expect_fast_error imds_disabled "disabled"

run imds_refused AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:9
expect_fast_error imds_refused "EC2 instance metadata"

# Listed accounts need no request before the scan, yet credentials that cannot be had are a
# configuration error: exit 1 up front, nothing scanned, not exit 2 for every target.
status=0
start=$(date +%s.%N)
"${base_env[@]}" "$cli" scan --accounts 111122223333,444455556666 --regions us-east-1 \
    --format ndjson --no-progress >"$dir/imds_accounts.out" 2>"$dir/imds_accounts.err" || status=$?
seconds=$(/usr/bin/python3 -c "print($(date +%s.%N) - $start)")
[ "$status" = 1 ] || { echo "imds unreachable with --accounts: exit $status, not 1"; cat "$dir/imds_accounts.err"; exit 1; }
[ ! -s "$dir/imds_accounts.out" ] || { echo "imds unreachable with --accounts: records written"; exit 1; }
grep -q "credentials cannot be resolved: .*EC2 instance metadata" "$dir/imds_accounts.err" ||
    { echo "imds unreachable with --accounts: unclear message"; cat "$dir/imds_accounts.err"; exit 1; }
[ "$(grep -c . "$dir/imds_accounts.err")" = 1 ] ||
    { echo "imds unreachable with --accounts: more than one line"; cat "$dir/imds_accounts.err"; exit 1; }
/usr/bin/python3 -c "import sys; sys.exit(0 if $seconds < 2.0 else 1)" ||
    { echo "imds unreachable with --accounts: took $seconds s"; exit 1; }
echo "imds unreachable with --accounts: exit 1 in $seconds s: $(cat "$dir/imds_accounts.err")"

# A listener that accepts and never answers: the 1 s read timeout must end it.
/usr/bin/python3 -c "
import socket, time, sys
s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(16)
print(s.getsockname()[1], flush=True); time.sleep(60)" >"$dir/silent.port" &
silent_pid=$!
for _ in $(seq 1 100); do [ -s "$dir/silent.port" ] && break; sleep 0.05; done
run imds_silent AWS_EC2_METADATA_SERVICE_ENDPOINT="http://127.0.0.1:$(cat "$dir/silent.port")"
expect_fast_error imds_silent "EC2 instance metadata"

for f in "$dir"/*.out "$dir"/*.err; do
    for s in "$secret" "$container_token" "wrong-token-value" "sim-imds-" "SecretAccessKey" \
        "sim-sso-" "stale-access-token" "$(field sso_client_secret)" "e30.e30" \
        "$(cut -c1-40 "$(field web_identity_token_file)")"; do
        if grep -q -- "$s" "$f"; then echo "a secret ($s) appears in $(basename "$f")"; exit 1; fi
    done
done
echo "no secret in any output"

kill -TERM "$pid"; wait "$pid" || true
stats=$(cat "$dir/sim/stats.json")
/usr/bin/python3 - "$stats" <<'PY'
import json, sys
c = json.loads(sys.argv[1])["credential_sources"]
assert c["imds_token"] >= 1 and c["imds_credentials"] >= 1, c
assert c["imds_region"] >= 1, c
assert c["container"] >= 2 and c["refused"] >= 1, c
print("glue-sim credential endpoint calls:", c)
f = json.loads(sys.argv[1])["federation"]
assert f["AssumeRoleWithWebIdentity"] >= 2 and f["CreateToken"] == 1, f
assert f["GetRoleCredentials"] >= 1 and f["refused"] >= 1, f
print("glue-sim federation calls:", f)
PY
