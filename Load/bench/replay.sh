#!/usr/bin/env bash
# Trace replay benchmark (issue 8): generate a patrol fleet's trace (mgis-load trace gen), import
# its key file into a fresh mgisd (release build), and replay it back to back (--speed max, or
# SPEED=N for N times the recorded pace) with fix times shifted to now, writing the HTML report.
# Usage:
#   Load/bench/replay.sh DEVICES HOURS REPORT.html [mgis-load replay options...]
#   e.g. Load/bench/replay.sh 1000 1 docs/bench/replay-1h-1000.html
#        SPEED=200 Load/bench/replay.sh 1000 1 /tmp/replay-x200.html
# Prints the generator's line, mgis-load's JSON summary, the server's CPU time during the replay
# and its memory. Needs a release build: swift build -c release --scratch-path .build-release
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.."
DEVICES=${1:?devices}
HOURS=${2:?hours}
REPORT=${3:?report file (.html)}
BIN=${BIN:-.build-release/release}
DIR=$(mktemp -d /tmp/mgis-replay-XXXX)
UDP=${UDP_PORT:-35058}
HTTP=${HTTP_PORT:-38084}
sysctl -qw net.core.rmem_max=33554432 net.core.wmem_max=33554432 2>/dev/null || true
/usr/bin/time -f "trace gen: %e s, %M KiB max RSS" "$BIN/mgis-load" trace gen --devices "$DEVICES" --hours "$HOURS" \
  --interval 10 --seed 1 --out "$DIR/fleet.trace" --keys "$DIR/fleet-keys.csv"
echo "trace: $(du -h "$DIR/fleet.trace" | cut -f1)"
"$BIN/mgisctl" device import --data "$DIR/data" "$DIR/fleet-keys.csv" >/dev/null
start_mgisd --host 127.0.0.1 --udp-port "$UDP" --http-port "$HTTP" --teltonika-port 0 --log-level warning
CPU0=$(awk '{print $14 + $15}' "/proc/$PID/stat")
"$BIN/mgis-load" replay "$DIR/fleet.trace" --to "127.0.0.1:$UDP" --speed "${SPEED:-max}" --keys "$DIR/fleet-keys.csv" \
  --shift-to-now --report "$REPORT" --json --quiet \
  --label "trace gen --devices $DEVICES --hours $HOURS --interval 10 --seed 1, replayed at speed ${SPEED:-max}" "${@:4}"
CPU1=$(awk '{print $14 + $15}' "/proc/$PID/stat")
echo "server CPU during the replay: $(awk -v t="$(getconf CLK_TCK)" -v a="$CPU0" -v b="$CPU1" 'BEGIN{printf "%.2f s", (b-a)/t}')"
echo "server: $(ps -o rss= -p $PID | awk '{printf "%.0f MiB RSS", $1/1024}')"
echo "report: $REPORT ($(du -k "$REPORT" | cut -f1) KiB)"
