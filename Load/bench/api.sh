#!/usr/bin/env bash
# What the audit trail costs per API request: wrk against the same in-process server with request
# auditing on, then off. Usage: Load/bench/api.sh [SECONDS] [CONNECTIONS] [PATH]
# Needs wrk (apt-get install wrk) and a release build (swift build -c release --scratch-path .build-release).
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_=${1:-20}
CONNECTIONS=${2:-32}
URLPATH=${3:-/api/v1/units}
BIN=${BIN:-.build-release/release}
for mode in on off on off; do
  "$BIN/mgis-load" api-server --audit "$mode" --port 38090 > /tmp/api-server.out 2>&1 &
  PID=$!
  for _ in $(seq 50); do grep -q '^token ' /tmp/api-server.out && break; sleep 0.1; done
  TOKEN=$(awk '/^token /{print $2}' /tmp/api-server.out)
  sleep 1
  RATE=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_}s" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:38090$URLPATH" | awk '/Requests\/sec/{print $2}')
  echo "audit $mode: $RATE requests/s ($URLPATH, $CONNECTIONS connections, ${SECONDS_}s)"
  kill $PID; wait $PID 2>/dev/null || true
done
