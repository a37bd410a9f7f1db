#!/usr/bin/env bash
# Live feed latency: UDP send -> WebSocket frame receipt, for M subscribers while mgis-load udp
# drives ingest. Usage: Load/bench/live.sh SUBSCRIBERS FIXES_PER_SECOND [DEVICES] [SECONDS]
# Prints mgis-load live's summary (p50/p99/max, server memory per idle connection) and the
# ingest summary. Needs a release build (swift build -c release --scratch-path .build-release).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.."
SUBS=${1:?subscribers}
RATE=${2:?fixes per second}
DEVICES=${3:-1000}
SECONDS_=${4:-30}
BIN=${BIN:-.build-release/release}
DIR=$(mktemp -d /tmp/mgis-live-XXXX)
UDP=${UDP_PORT:-35057}
HTTP=${HTTP_PORT:-38081}
ulimit -n 65536 || true
"$BIN/mgis-load" fleet --devices "$DEVICES" --out "$DIR/fleet.csv" >/dev/null
"$BIN/mgisctl" device import --data "$DIR/data" "$DIR/fleet.csv" >/dev/null
"$BIN/mgisctl" user add wall --role display --data "$DIR/data" >/dev/null
TOKEN=$("$BIN/mgisctl" user token wall --data "$DIR/data" | tail -1)
start_mgisd --host 127.0.0.1 --udp-port "$UDP" --http-port "$HTTP" --log-level warning
# Subscribers connect first (idle memory is measured then); ingest starts a few seconds later.
"$BIN/mgis-load" live --to "127.0.0.1:$HTTP" --token "$TOKEN" --subscribers "$SUBS" --duration "$((SECONDS_ + 6))" --server-pid "$PID" > "$DIR/live.txt" &
LIVE=$!
sleep 8
"$BIN/mgis-load" udp --keys "$DIR/fleet.csv" --to "127.0.0.1:$UDP" --rate "$RATE" --duration "$SECONDS_" --json --quiet > "$DIR/udp.json" || true
wait $LIVE || true
cat "$DIR/live.txt"
echo "ingest: $(cat "$DIR/udp.json")"
echo "server: $(ps -o rss= -p $PID | awk '{printf "%.0f MiB RSS", $1/1024}')"
