#!/usr/bin/env bash
# Task monitoring cost (issue 6): a fresh mgisd (release build) with DEVICES registered trackers
# assigned round-robin to UNITS units, TASKS active area_patrol tasks with polygon areas (10-50
# vertices, 5-80 km across, in the box the simulated cars drive in) dispatched round-robin to
# those units, then mgis-load udp at a fixed rate. Run it with TASKS=1000 and TASKS=0 (same
# units and assignments, no tasks) and compare. Usage:
#   Load/bench/tasks.sh TASKS RATE [SECONDS] [DEVICES] [UNITS] [mgis-load udp options...]
#   e.g. Load/bench/tasks.sh 1000 40000 30 1000 100
# Prints the set-up summary, mgis-load's JSON summary, and the server's CPU time (user+system,
# from /proc/PID/stat) spent during the udp run, per 1,000 acknowledged fixes: the fairest
# measure on a noisy machine. Needs a release build and python3:
#   swift build -c release --scratch-path .build-release
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.."
TASKS=${1:?number of active tasks (0 for the baseline)}
RATE=${2:?rate in fixes/s}
SECONDS_=${3:-30}
DEVICES=${4:-1000}
UNITS=${5:-100}
BIN=${BIN:-.build-release/release}
DIR=$(mktemp -d /tmp/mgis-tasks-XXXX)
UDP=${UDP_PORT:-35057}
HTTP=${HTTP_PORT:-38083}
sysctl -qw net.core.rmem_max=33554432 net.core.wmem_max=33554432 2>/dev/null || true
"$BIN/mgis-load" fleet --devices "$DEVICES" --out "$DIR/fleet.csv" >/dev/null 2>&1
"$BIN/mgisctl" device import --data "$DIR/data" "$DIR/fleet.csv" >/dev/null
"$BIN/mgisctl" user add --data "$DIR/data" bench --role admin --role dispatcher >/dev/null
TOKEN=$("$BIN/mgisctl" user token --data "$DIR/data" bench --label tasks-bench | tail -n 1)
start_mgisd --host 127.0.0.1 --udp-port "$UDP" --http-port "$HTTP" --teltonika-port 0 --log-level warning
python3 Load/bench/tasks_setup.py "http://127.0.0.1:$HTTP" "$TOKEN" "$DIR/fleet.csv" "$UNITS" "$TASKS"
ACTIVE=$(curl -fsS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$HTTP/api/v1/tasks?state=dispatched" \
  | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
echo "active (dispatched) tasks on the server: $ACTIVE"
sleep 3   # device assignments reach the ingest path within ~2 s
cpu() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
TICK=$(getconf CLK_TCK)
CPU0=$(cpu)
"$BIN/mgis-load" udp --keys "$DIR/fleet.csv" --to "127.0.0.1:$UDP" --rate "$RATE" \
  --duration "$SECONDS_" --json --quiet "${@:6}" | tee "$DIR/run.json"
CPU1=$(cpu)
python3 - "$DIR/run.json" "$CPU0" "$CPU1" "$TICK" <<'EOF'
import json, sys
run = json.load(open(sys.argv[1]))
cpu = (int(sys.argv[3]) - int(sys.argv[2])) / int(sys.argv[4])
fixes = run["achieved_fixes_per_s"] * run["duration_s"]
print(f"server CPU during the run: {cpu:.2f} s; {1000 * cpu / max(fixes, 1) * 1000:.1f} ms per 1,000 fixes")
EOF
# Did the monitors see the fixes? Units with distance driven, and units inside their area now.
if [ "$TASKS" -gt 0 ]; then
  curl -fsS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$HTTP/api/v1/tasks?state=dispatched" | jq -r \
    '[.items[].monitoring.units[]?] | "monitoring: \(map(select(.distanceMeters > 0)) | length) of \(length) task units with distance driven, \(map(select(.firstArrival != null)) | length) arrived in their area"'
fi
echo "server: $(ps -o rss= -p $PID | awk '{printf "%.0f MiB RSS", $1/1024}')"
grep -iE "error|warn" "$DIR/mgisd.log" | head -5 || true
