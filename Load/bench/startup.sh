#!/usr/bin/env bash
# Start-up time of mgisd on an existing data directory: from exec to the first ACK of a
# HEARTBEAT (so ingest has restored live state and duplicate windows and is serving).
# Usage: Load/bench/startup.sh DATA_DIR [DEVICES]
# Registers DEVICES trackers (ids 1..N, a known key) first if the store has none.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${1:?data directory}
DEVICES=${2:-1000}
BIN=${BIN:-.build-release/release}
KEY=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
UDP=${UDP_PORT:-35056}
if [ "$("$BIN/mgisctl" device list --data "$DATA" | wc -l)" -le 1 ]; then
  { echo "id,name,key_hex"; for i in $(seq 1 "$DEVICES"); do echo "$i,bench-$i,$KEY"; done; } > /tmp/startup-devices.csv
  "$BIN/mgisctl" device import --data "$DATA" /tmp/startup-devices.csv >/dev/null
fi
start=$(date +%s.%N)
"$BIN/mgisd" serve --data "$DATA" --host 127.0.0.1 --udp-port "$UDP" --http-port 0 --log-level warning >/dev/null 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null' EXIT
python3 - "$UDP" "$KEY" <<'PY'
import hashlib, hmac, socket, struct, sys, time
port, key = int(sys.argv[1]), bytes.fromhex(sys.argv[2])
body = struct.pack(">HBBIIB", 0x4D47, 1, 0x02, 1, int(time.time()), 0)
datagram = body + hmac.new(key, body, hashlib.sha256).digest()[:8]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(0.01)
while True:
    s.sendto(datagram, ("127.0.0.1", port))
    try:
        s.recv(64); break
    except OSError:
        pass
PY
end=$(date +%s.%N)
python3 -c "print(f\"start-up to first ACK: {$end - $start:.3f} s\")"
