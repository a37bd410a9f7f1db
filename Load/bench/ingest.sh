#!/usr/bin/env bash
# Ingest benchmark: a fresh mgisd (release build) with DEVICES registered trackers, driven by
# mgis-load udp on the same machine. Usage:
#   Load/bench/ingest.sh RATE FIXES_PER_DATAGRAM [SECONDS] [DEVICES]
# Prints mgis-load's JSON summary, the server's CPU time during the run and its memory. Needs a release build:
#   swift build -c release --scratch-path .build-release
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${1:?rate in fixes/s}
FPD=${2:-1}
SECONDS_=${3:-60}
DEVICES=${4:-1000}
BIN=${BIN:-.build-release/release}
DIR=$(mktemp -d /tmp/mgis-bench-XXXX)
UDP=${UDP_PORT:-35055}
HTTP=${HTTP_PORT:-38080}
# A large socket buffer so bursts wait in the kernel rather than being dropped there.
sysctl -qw net.core.rmem_max=33554432 net.core.wmem_max=33554432 2>/dev/null || true
"$BIN/mgis-load" fleet --devices "$DEVICES" --out "$DIR/fleet.csv" >/dev/null
"$BIN/mgisctl" device import --data "$DIR/data" "$DIR/fleet.csv" >/dev/null
"$BIN/mgisd" serve --data "$DIR/data" --host 127.0.0.1 --udp-port "$UDP" --http-port "$HTTP" --log-level warning >"$DIR/mgisd.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DIR"' EXIT
sleep 2
CPU0=$(awk '{print $14 + $15}' "/proc/$PID/stat")
"$BIN/mgis-load" udp --keys "$DIR/fleet.csv" --to "127.0.0.1:$UDP" --rate "$RATE" \
  --fixes-per-datagram "$FPD" --duration "$SECONDS_" --json --quiet "${@:5}"
# Server CPU (user+system) spent during the run, from /proc/PID/stat.
CPU1=$(awk '{print $14 + $15}' "/proc/$PID/stat")
echo "server CPU during the run: $(awk -v t="$(getconf CLK_TCK)" -v a="$CPU0" -v b="$CPU1" 'BEGIN{printf "%.2f s", (b-a)/t}')"
echo "server: $(ps -o rss= -p $PID | awk '{printf "%.0f MiB RSS", $1/1024}')"
