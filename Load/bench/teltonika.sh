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
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
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
start_mgisd --host 127.0.0.1 --udp-port "$UDP" --http-port "$HTTP" --teltonika-port "$PORT" --log-level warning
udp_run_begin "$PORT"
"$BIN/mgis-load" teltonika --keys "$DIR/fleet.csv" --to "127.0.0.1:$PORT" --transport "$TRANSPORT" \
  --rate "$RATE" --duration "$SECONDS_" --json --quiet "${@:5}"
udp_run_end "$TOKEN"
