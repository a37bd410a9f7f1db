#!/usr/bin/env bash
# The fuzzing CI runs (.ci/run): each libFuzzer target for FUZZ_SECONDS (30) on its seeds, then
# schemathesis with every role, 10 examples an operation, without its coverage phase (about 40 s a
# run; Fuzz/schemathesis.sh runs it in full). A crash, a sanitizer report, a 5xx or an answer off
# the OpenAPI document fails. Logs go to ci-artifacts/fuzz/.
#
# teltonika-tcp and api-json link the whole server stack (NIO, Hummingbird, GRDB, NIOSSL) and their
# release build with sanitizers takes longer than CI's budget for fuzzing: FUZZ_HEAVY=1 adds them.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-30}
logs=ci-artifacts/fuzz
mkdir -p "$logs"
targets=(mtp teltonika-udp violations-csv violations-geojson gpx trace)
[ -n "${FUZZ_HEAVY:-}" ] && targets+=(teltonika-tcp api-json)

for target in "${targets[@]}"; do
    start=$SECONDS
    if Fuzz/run.sh "$target" "$seconds" >"$logs/$target.log" 2>&1; then
        echo "fuzz $target: $(grep -E '^Done' "$logs/$target.log") ($((SECONDS - start)) s with its build)"
    else
        echo "fuzz $target FAILED; the input is in Fuzz/crashes/$target/ (make it a regression test):"
        grep -vE '^#[0-9]+|NEW_FUNC|^INFO' "$logs/$target.log" | tail -60
        exit 1
    fi
done

OUT=$logs/schemathesis PHASES=examples,fuzzing Fuzz/schemathesis.sh 10 >"$logs/schemathesis.log" 2>&1 || {
    echo "schemathesis FAILED:"
    grep -vE '^\s*$' "$logs/schemathesis.log" | tail -120
    exit 1
}
echo "schemathesis: $(grep -cE '^=== [a-z]' "$logs/schemathesis.log") runs, $(grep -hoE '[0-9]+ generated' "$logs/schemathesis.log" | awk '{n += $1} END {print n + 0}') requests generated, no failure"
