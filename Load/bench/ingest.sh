#!/usr/bin/env bash
# Ingest benchmark: a fresh mgisd (release build) with DEVICES registered trackers, driven by
# mgis-load udp on the same machine. Usage:
#   Load/bench/ingest.sh RATE FIXES_PER_DATAGRAM [SECONDS] [DEVICES]
# Prints mgis-load's JSON summary, the server's CPU time during the run and its memory.
# Also the kernel's UDP InErrors/RcvbufErrors over the run, the listening socket's largest receive
# queue (ss, every 0.2 s), the server's minor page faults and its refusal and commit-time metrics. Needs a release build:
#   swift build -c release --scratch-path .build-release
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
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
start_mgisd --host 127.0.0.1 --udp-port "$UDP" --http-port "$HTTP" --log-level warning
udp_run_begin "$UDP"
"$BIN/mgis-load" udp --keys "$DIR/fleet.csv" --to "127.0.0.1:$UDP" --rate "$RATE" \
  --fixes-per-datagram "$FPD" --duration "$SECONDS_" --json --quiet "${@:5}"
udp_run_end "$TOKEN"
