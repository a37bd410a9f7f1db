#!/usr/bin/env bash
# Runs schemathesis against /api/openapi.json of a real `mgisd serve` (the debug build) with a
# token of every role: every response must be documented (status, content type, headers, body
# schema) and none may be a 5xx. Needs `pip install schemathesis` and a built mgisd and mgisctl.
#   Fuzz/schemathesis.sh [EXAMPLES]     examples per operation and phase (default 25)
# PHASES=examples,fuzzing leaves out the coverage phase (about 40 s a run), as CI does. Exits
# non-zero on any failure; the server's log is in $OUT (default .build-fuzz/schemathesis).
set -euo pipefail
cd "$(dirname "$0")/.."

examples=${1:-25}
out=${OUT:-.build-fuzz/schemathesis}
bin=$(swift build --show-bin-path)
data=$(mktemp -d /tmp/mgis-schemathesis.XXXXXX)
mkdir -p "$out"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http=$(free_port) udp=$(free_port) teltonika=$(free_port)
base="http://127.0.0.1:$http"

"$bin/mgisd" serve --data "$data" --host 127.0.0.1 --http-port "$http" --udp-port "$udp" \
    --teltonika-port "$teltonika" >"$out/mgisd.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.2; done
curl -fs "$base/healthz" >/dev/null || { echo "mgisd did not start"; cat "$out/mgisd.log"; exit 1; }

ctl() { "$bin/mgisctl" "$@" --data "$data"; }
token() { ctl user token "$1" --label schemathesis --days 1 | tail -1; }
api() {  # METHOD PATH TOKEN [BODY] -> the response body; fails on an error status
    curl -sS --fail-with-body -X "$1" "$base$2" -H "Authorization: Bearer $3" -H 'Content-Type: application/json' ${4:+--data "$4"}
}
json_id() { python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }

# Something to find for the operations that read one object: a unit, a device, a task, a violation.
admin=$(token admin)
unit=$(api POST /api/v1/units "$admin" '{"name":"Patrol 1","callSign":"P-1"}' | json_id)
api POST /api/v1/devices "$admin" "{\"name\":\"car-1\",\"unit\":\"$unit\"}" >/dev/null
declare -A tokens=([admin]=$admin)
for role in dispatcher patrol analyst auditor display; do
    ctl user add "st-$role" --role "$role" $([ "$role" = patrol ] && echo --unit "$unit") >/dev/null
    tokens[$role]=$(token "st-$role")
done
now=$(date -u +%Y-%m-%dT%H:%M:%SZ) later=$(date -u -d "+7 days" +%Y-%m-%dT%H:%M:%SZ)
api POST /api/v1/tasks "${tokens[dispatcher]}" "{\"type\":\"area_patrol\",\"title\":\"Border\",\"area\":{\"type\":\"circle\",
  \"center\":{\"lat\":54.6,\"lon\":25.2},\"radiusMeters\":500},\"window\":{\"start\":\"$now\",\"end\":\"$later\"},
  \"units\":[\"$unit\"]}" >/dev/null
api POST /api/v1/violations "${tokens[analyst]}" "{\"observed\":\"$now\",\"location\":{\"lat\":54.6,\"lon\":25.2},
  \"type\":\"fuel\",\"goodsDescription\":\"diesel\",\"unit\":\"$unit\"}" >/dev/null

# Operations that end a session or an account (logout; a password, role or disabled flag set on
# a random user id; a revoked token) would turn the rest of a run into 401s: every role's run
# leaves them out, and one last admin run takes them (the other roles get 403 there or, for
# logout, the same code path).
destructive='^/api/v1/(auth/logout|users/\{id\}|tokens/\{id\})$'
run() {  # ROLE [filter...]
    local role=$1
    shift
    schemathesis run "$base/api/openapi.json" --url "$base" \
        -H "Authorization: Bearer ${tokens[$role]}" \
        --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
        --phases "${PHASES:-examples,coverage,fuzzing}" --max-examples "$examples" \
        --workers 1 --seed 1 --suppress-health-check all --request-timeout 30 "$@"
}
status=0
for role in admin dispatcher patrol analyst auditor display; do
    echo "=== $role"
    run "$role" --exclude-path-regex "$destructive" || status=1
done
echo "=== admin (operations that end sessions)"
run admin --include-path-regex "$destructive" || status=1
echo "=== 5xx answers in the server's log"
grep -E '"status":5[0-9][0-9]|status=5[0-9][0-9]' "$out/mgisd.log" | head -20 || true
exit $status
