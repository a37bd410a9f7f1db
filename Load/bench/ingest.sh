#!/usr/bin/env bash
# Ingest benchmark: a fresh mgisd (release build) with DEVICES registered trackers, driven by
# mgis-load udp on the same machine. Usage:
#   Load/bench/ingest.sh RATE FIXES_PER_DATAGRAM [SECONDS] [DEVICES]
# Prints mgis-load's JSON summary, the server's CPU time during the run and its memory.
# Also the kernel's UDP InErrors/RcvbufErrors over the run, the listening socket's largest receive
# queue (ss, every 0.2 s), the server's minor page faults and its refusal and commit-time metrics. Needs a release build:
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
# An admin token to read /metrics after the run (refusals, e.g. "overload", and commit times).
"$BIN/mgisctl" user add --data "$DIR/data" bench --role admin >/dev/null
TOKEN=$("$BIN/mgisctl" user token --data "$DIR/data" bench --label bench | tail -n 1)
"$BIN/mgisd" serve --data "$DIR/data" --host 127.0.0.1 --udp-port "$UDP" --http-port "$HTTP" --log-level warning >"$DIR/mgisd.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DIR"' EXIT
sleep 2
CPU0=$(awk '{print $14 + $15}' "/proc/$PID/stat")
FLT0=$(awk '{print $10}' "/proc/$PID/stat")
# Kernel UDP counters (all sockets) before the run, and the listening socket's receive queue
# sampled every 0.2 s during it (ss: r = bytes queued, rb = receive buffer, d = drops).
SNMP0=$(awk '/^Udp: [0-9]/{print $4, $6}' /proc/net/snmp)
( while kill -0 $PID 2>/dev/null; do ss -u -a -m -n -H "sport = :$UDP" | tr -d '\n'; echo; sleep 0.2; done ) >"$DIR/ss.log" 2>/dev/null &
SSPID=$!
"$BIN/mgis-load" udp --keys "$DIR/fleet.csv" --to "127.0.0.1:$UDP" --rate "$RATE" \
  --fixes-per-datagram "$FPD" --duration "$SECONDS_" --json --quiet "${@:5}"
kill $SSPID 2>/dev/null || true
SNMP1=$(awk '/^Udp: [0-9]/{print $4, $6}' /proc/net/snmp)
echo "kernel Udp InErrors/RcvbufErrors during the run: $(awk -v a="$SNMP0" -v b="$SNMP1" 'BEGIN{split(a,x," ");split(b,y," ");printf "+%d / +%d", y[1]-x[1], y[2]-x[2]}')"
echo "listening socket: $(tail -n 1 "$DIR/ss.log" | grep -o 'skmem:([^)]*)'); largest queue seen: $(grep -o 'skmem:(r[0-9]*' "$DIR/ss.log" | tr -dc '0-9\n' | sort -n | tail -n 1) bytes"
# Server CPU (user+system) spent during the run, from /proc/PID/stat.
CPU1=$(awk '{print $14 + $15}' "/proc/$PID/stat")
echo "server minor page faults during the run: $(( $(awk '{print $10}' "/proc/$PID/stat") - FLT0 ))"
echo "server CPU during the run: $(awk -v t="$(getconf CLK_TCK)" -v a="$CPU0" -v b="$CPU1" 'BEGIN{printf "%.2f s", (b-a)/t}')"
echo "server metrics:"; curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$HTTP/metrics" |
  grep -E '^mgis_(ingest_refused|teltonika_refused|store_commit_seconds|ingest_received|teltonika_received)' | grep -v ' 0$' | sed 's/^/  /' || true
echo "server: $(ps -o rss= -p $PID | awk '{printf "%.0f MiB RSS", $1/1024}')"
