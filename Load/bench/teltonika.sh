#!/usr/bin/env bash
# Teltonika ingest benchmark: a fresh mgisd (release build) with DEVICES registered FMB trackers
# (fleet made with --imei), driven by mgis-load teltonika over UDP or TCP on the same machine.
# Usage:
#   Load/bench/teltonika.sh TRANSPORT RATE [SECONDS] [DEVICES] [mgis-load teltonika options...]
#   e.g. Load/bench/teltonika.sh tcp 20000 60 1000 --records-per-packet 10 --codec 8E
# TRANSPORT is udp or tcp. Prints mgis-load's JSON summary, the server's CPU time during the run
# and its memory.
# Also the kernel's UDP InErrors/RcvbufErrors over the run, the listening socket's largest receive
# queue (ss, every 0.2 s), the server's minor page faults and its refusal and commit-time metrics. Needs a release build: swift build -c release --scratch-path .build-release
set -euo pipefail
cd "$(dirname "$0")/../.."
TRANSPORT=${1:?transport: udp or tcp}
RATE=${2:?rate in fixes/s}
SECONDS_=${3:-60}
DEVICES=${4:-1000}
BIN=${BIN:-.build-release/release}
DIR=$(mktemp -d /tmp/mgis-teltonika-XXXX)
PORT=${TELTONIKA_PORT:-35027}
UDP=${UDP_PORT:-35056}
HTTP=${HTTP_PORT:-38082}
# TCP: one connection per device on each side, plus the server's own files.
ulimit -n $((DEVICES * 2 + 1024)) 2>/dev/null || true
# A large socket buffer so UDP bursts wait in the kernel rather than being dropped there.
sysctl -qw net.core.rmem_max=33554432 net.core.wmem_max=33554432 2>/dev/null || true
"$BIN/mgis-load" fleet --devices "$DEVICES" --imei --out "$DIR/fleet.csv" 2>/dev/null
"$BIN/mgisctl" device import --data "$DIR/data" "$DIR/fleet.csv" >/dev/null
# An admin token to read /metrics after the run (refusals, e.g. "overload", and commit times).
"$BIN/mgisctl" user add --data "$DIR/data" bench --role admin >/dev/null
TOKEN=$("$BIN/mgisctl" user token --data "$DIR/data" bench --label bench | tail -n 1)
"$BIN/mgisd" serve --data "$DIR/data" --host 127.0.0.1 --udp-port "$UDP" --http-port "$HTTP" \
  --teltonika-port "$PORT" --log-level warning >"$DIR/mgisd.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DIR"' EXIT
sleep 2
if ! kill -0 $PID 2>/dev/null; then
  echo "mgisd did not start (ports $PORT, $UDP, $HTTP taken? set TELTONIKA_PORT, UDP_PORT, HTTP_PORT):" >&2
  cat "$DIR/mgisd.log" >&2
  exit 1
fi
CPU0=$(awk '{print $14 + $15}' "/proc/$PID/stat")
FLT0=$(awk '{print $10}' "/proc/$PID/stat")
# Kernel UDP counters (all sockets) before the run, and the listening socket's receive queue
# sampled every 0.2 s during it (ss: r = bytes queued, rb = receive buffer, d = drops).
SNMP0=$(awk '/^Udp: [0-9]/{print $4, $6}' /proc/net/snmp)
( while kill -0 $PID 2>/dev/null; do ss -u -a -m -n -H "sport = :$PORT" | tr -d '\n'; echo; sleep 0.2; done ) >"$DIR/ss.log" 2>/dev/null &
SSPID=$!
"$BIN/mgis-load" teltonika --keys "$DIR/fleet.csv" --to "127.0.0.1:$PORT" --transport "$TRANSPORT" \
  --rate "$RATE" --duration "$SECONDS_" --json --quiet "${@:5}"
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
