#!/usr/bin/env bash
# Isolation scenario (issue 12): does valid MTP/1 ingest keep its ACKs while others attack or load
# the server? A fresh mgisd with DEVICES registered trackers and VIOLATIONS seeded violations;
# `mgis-load udp` drives RATE datagrams/s (1 fix each) from DEVICES trackers for D seconds, first
# undisturbed (the baseline), then once beside each disturbance, in turn (CASES, default "a b c d"):
#   a  FLOOD_RATE/s well-formed MTP/1 datagrams with wrong tags for the same device ids
#      (the independent C fleet ../shared/bench/mtp_fleet.c, built here with gcc, with a wrong key)
#   b  ANALYSTS analysts asking in a loop for the heaviest hotspot analysis the server admits:
#      ANALYSIS first, then each of ANALYSIS_FALLBACK in turn while the server refuses with 422/400
#   c  IDLE_CONNECTIONS idle TCP connections to the HTTP port plus waves of WRONG_LOGINS
#      simultaneous logins with wrong passwords
#   d  SUBSCRIBERS live-feed WebSocket clients (a display token each, or LIVE_TOKENS shared)
#      reconnecting in a loop (connect, read 2 frames, close)
# Each disturbance starts LEAD s before the ingest run and stops when it ends; before each run
# the script waits (at most SETTLE_MAX s) for the server to go idle, and notes it when it does not.
# Prints per case: valid datagrams sent, lost, ACK p50/p99/max, p99 / baseline p99, the server's
# counters that moved, new warnings in its log, a GET /healthz probe run beside each case; then a
# Markdown table for BENCHMARKS.md.
# Exit status: 0, or 1 when a valid datagram was lost or a case's ACK p99 exceeds RATIO_MAX (2) x
# the baseline's (or P99_FLOOR_MS, if larger), 2 when a run gave no summary or mgisd died.
#
# Usage:  Load/bench/isolation.sh                  (release build in .build/release, full rates)
#         BIN=.build/debug RATE=2000 D=5 FLOOD_RATE=10000 Load/bench/isolation.sh   (a smoke test)
# Every setting is an environment variable (defaults below). Needs python3, gcc and libssl-dev
# (case a), curl. Never builds: build first, e.g. `swift build -c release`.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.."

if [ -z "${BIN:-}" ]; then
  BIN=.build/release
  [ -x "$BIN/mgisd" ] || [ ! -x .build-release/release/mgisd ] || BIN=.build-release/release
fi
RATE=${RATE:-20000}                  # valid datagrams/s (1 fix each) across the fleet
DEVICES=${DEVICES:-1000}             # registered trackers, all of them sending
D=${D:-10}                           # seconds of each ingest run
CASES=${CASES:-a b c d}              # disturbances to run, in this order, after the baseline
RATIO_MAX=${RATIO_MAX:-2}            # a case fails when its ACK p99 > RATIO_MAX x baseline p99 ...
P99_FLOOR_MS=${P99_FLOOR_MS:-0}      # ... and > P99_FLOOR_MS (for noisy, very low baselines)
LEAD=${LEAD:-2}                      # seconds a disturbance runs before ingest starts
# The disturbing clients' nice value: 0 runs them as equals of mgisd and the sender on this
# machine's two cores; 19 stands for clients on other machines (their own CPU cost then mostly
# yields to the server and the valid sender, while what they make mgisd do still counts).
CLIENT_NICE=${CLIENT_NICE:-0}
SETTLE_MAX=${SETTLE_MAX:-30}         # wait at most this long for the server to go idle between cases
SETTLE_CPU=${SETTLE_CPU:-25}         # "idle": below this % of one core over a second
FLOOD_RATE=${FLOOD_RATE:-100000}     # a: wrong-tag datagrams/s
FLEET_C=${FLEET_C:-../shared/bench/mtp_fleet.c}
ANALYSTS=${ANALYSTS:-2}              # b: parallel analysts
ANALYSIS=${ANALYSIS:-cell=50&band=20000&format=csv}
# Lighter and lighter (cost ~ area x band^2 / cell^4), tried in turn while the server refuses with 422.
ANALYSIS_FALLBACK=${ANALYSIS_FALLBACK:-cell=50&band=5000&format=csv cell=50&band=2000&format=csv cell=100&band=5000&format=csv cell=50&band=1000&format=csv cell=100&band=2000&format=csv cell=250&band=10000&format=csv cell=100&band=1000&format=csv cell=250&band=5000&format=csv cell=500&band=5000&format=csv cell=500&format=csv}
RETRY_CAP=${RETRY_CAP:-1}            # b: longest Retry-After honoured, seconds
VIOLATIONS=${VIOLATIONS:-3000}       # b: violations seeded before the runs ...
VIOLATION_BOX=${VIOLATION_BOX:-54.45,24.9,54.95,25.8}   # ... over this box (minLat,minLon,maxLat,maxLon)
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-2000}   # c
WRONG_LOGINS=${WRONG_LOGINS:-200}            # c: simultaneous wrong logins per wave
SUBSCRIBERS=${SUBSCRIBERS:-50}               # d
LIVE_TOKENS=${LIVE_TOKENS:-$SUBSCRIBERS}     # d: display tokens they share (one each: 50 screens)
# Below the kernel's ephemeral range (32768-60999): thousands of client connections could
# otherwise hold the port number as their own local port when the next run binds it.
UDP=${UDP_PORT:-25059}
HTTP=${HTTP_PORT:-28085}
# Not 0: mgisd would then bind its Teltonika TCP listener to the number its UDP socket got from
# the ephemeral range, which a client connection of the previous run may still hold.
TELTONIKA=${TELTONIKA_PORT:-25027}
OUT=${OUT:-}                         # also write the Markdown table to this file

# The command as given (the settings from the environment), for the report.
COMMAND="$( (env | grep -E '^(BIN|RATE|DEVICES|D|CASES|LEAD|FLOOD_RATE|ANALYSTS|ANALYSIS|ANALYSIS_FALLBACK|VIOLATIONS|VIOLATION_BOX|IDLE_CONNECTIONS|WRONG_LOGINS|SUBSCRIBERS|LIVE_TOKENS|RATIO_MAX|P99_FLOOR_MS|CLIENT_NICE)=' || true) |
  sort | sed -E "s/=(.*[ &;].*)$/='\1'/" | tr '\n' ' ')Load/bench/isolation.sh"

for tool in mgisd mgisctl mgis-load; do
  if [ ! -x "$BIN/$tool" ]; then
    echo "no $BIN/$tool: build first (this script never builds), or set BIN" >&2
    exit 2
  fi
done
command -v python3 >/dev/null && command -v curl >/dev/null || { echo "needs python3 and curl" >&2; exit 2; }
CLIENTS="$(pwd)/Load/bench/isolation_clients.py"
DIR=$(mktemp -d /tmp/mgis-isolation-XXXX)
trap 'rm -rf "$DIR"' EXIT           # replaced by start_mgisd's trap (bench_cleanup)
# Run copies, so that a build relinking the binaries meanwhile cannot break the run.
mkdir "$DIR/bin"
cp "$BIN/mgisd" "$BIN/mgisctl" "$BIN/mgis-load" "$DIR/bin/"
BUILT_BIN=$BIN
BIN="$DIR/bin"
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ " $CASES " == *" a "* ]]; then
  if [ ! -f "$FLEET_C" ]; then echo "case a needs $FLEET_C (set FLEET_C)" >&2; exit 2; fi
  gcc -O2 -o "$DIR/mtp_fleet" "$FLEET_C" -lssl -lcrypto -lpthread ||
    { echo "building $FLEET_C failed (apt-get install gcc libssl-dev)" >&2; exit 2; }
fi
# 2,000 idle connections in the client, as many in the server (which inherits this limit).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((IDLE_CONNECTIONS + 1000)) ]; then
  echo "warning: ulimit -n is $(ulimit -n), too low for $IDLE_CONNECTIONS idle connections" >&2
fi
sysctl -qw net.core.rmem_max=33554432 net.core.wmem_max=33554432 2>/dev/null || true

echo "isolation: BIN=$BUILT_BIN RATE=$RATE DEVICES=$DEVICES D=$D CASES='$CASES' FLOOD_RATE=$FLOOD_RATE ANALYSTS=$ANALYSTS" \
  "IDLE_CONNECTIONS=$IDLE_CONNECTIONS WRONG_LOGINS=$WRONG_LOGINS SUBSCRIBERS=$SUBSCRIBERS RATIO_MAX=$RATIO_MAX"
"$BIN/mgis-load" fleet --devices "$DEVICES" --out "$DIR/fleet.csv" >/dev/null 2>&1
FIRST_ID=$(awk -F, 'NR == 2 {print $1}' "$DIR/fleet.csv")
"$BIN/mgisctl" device import --data "$DIR/data" "$DIR/fleet.csv" >/dev/null
ctl_token() { # NAME ROLE: a user with that role and a long-lived token for it
  "$BIN/mgisctl" user add --data "$DIR/data" "$1" --role "$2" >/dev/null
  "$BIN/mgisctl" user token --data "$DIR/data" "$1" --label isolation | tail -n 1
}
ADMIN=$(ctl_token bench admin)
ANALYST=$(ctl_token analyst1 analyst)
"$BIN/mgisctl" user add --data "$DIR/data" wall --role display >/dev/null
for i in $(seq "$LIVE_TOKENS"); do
  "$BIN/mgisctl" user token --data "$DIR/data" wall --label "screen-$i" | tail -n 1
done >"$DIR/live-tokens.txt"
start_mgisd --host 127.0.0.1 --udp-port "$UDP" --http-port "$HTTP" --teltonika-port "$TELTONIKA" --log-level warning
for _ in $(seq 150); do curl -fs --max-time 2 "http://127.0.0.1:$HTTP/healthz" >/dev/null && break; sleep 0.2; done
if [[ " $CASES " == *" b "* ]]; then
  python3 "$CLIENTS" seed "127.0.0.1:$HTTP" "$ANALYST" "$VIOLATIONS" --box "$VIOLATION_BOX"
fi

cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
# settle: waits until the server uses less than SETTLE_CPU % of a core over a second (at most
# SETTLE_MAX s); sets SETTLED to a note when it had to wait long or gave up.
settle() {
  local start=$SECONDS a b pct
  SETTLED=""
  while :; do
    a=$(cpu_ticks); sleep 1; b=$(cpu_ticks)
    pct=$(( (b - a) * 100 / $(getconf CLK_TCK) ))
    [ "$pct" -lt "$SETTLE_CPU" ] && break
    if [ $((SECONDS - start)) -ge "$SETTLE_MAX" ]; then
      SETTLED="server still busy ($pct % CPU) ${SETTLE_MAX} s after the previous case"
      echo "  $SETTLED" ; return
    fi
  done
  if [ $((SECONDS - start)) -gt 3 ]; then
    SETTLED="server busy for $((SECONDS - start)) s after the previous case"
    echo "  $SETTLED"
  fi
}
refused_total() { # the server's refused MTP/1 datagrams so far
  curl -fs --max-time 5 -H "Authorization: Bearer $ADMIN" "http://127.0.0.1:$HTTP/metrics" |
    awk '/^mgis_ingest_refused_total/ {s += $NF} END {printf "%d\n", s}'
}
stop_helper() { # PID: SIGTERM, 10 s to finish (clients print their summary), then SIGKILL
  kill "$1" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

RESULTS="$DIR/results.jsonl"
STATUS=0
INDEX=0
# run_case KEY LABEL: starts disturbance KEY (none for the baseline), runs the ingest beside it
# with a /healthz probe, stops both, records and prints the case.
run_case() {
  local key=$1 label=$2 helper="" client_json="" notes="" seq rc=0 flood_out="" refused0=0 log0 held
  local loader probe metrics_note rcv cpu warnings flood
  echo
  echo "== $label"
  settle
  metrics_note=$(python3 "$CLIENTS" metrics "127.0.0.1:$HTTP" "$ADMIN" "$DIR/metrics-$key-0.txt")
  log0=$(wc -l <"$DIR/mgisd.log")
  case $key in
    a)
      local wrong total
      wrong=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
      total=$((FLOOD_RATE * (LEAD + D + 3)))
      refused0=$(refused_total)
      flood_out="$DIR/flood.txt"
      nice -n "$CLIENT_NICE" "$DIR/mtp_fleet" 127.0.0.1 "$UDP" "$DEVICES" "$total" 1 "$FLOOD_RATE" "$wrong" "$FIRST_ID" 0 >"$flood_out" 2>&1 &
      helper=$!
      bench_track "$helper"
      # It signs every datagram before sending: wait until the server sees the flood.
      for _ in $(seq 100); do [ "$(refused_total)" -gt "$((refused0 + FLOOD_RATE / 10))" ] 2>/dev/null && break; sleep 0.2; done
      ;;
    b)
      client_json="$DIR/analysts.json"
      # shellcheck disable=SC2086
      nice -n "$CLIENT_NICE" python3 "$CLIENTS" analysts "127.0.0.1:$HTTP" "$ANALYST" --clients "$ANALYSTS" --retry-cap "$RETRY_CAP" \
        "$ANALYSIS" $ANALYSIS_FALLBACK >"$client_json" &
      helper=$!
      ;;
    c)
      client_json="$DIR/idle-logins.json"
      nice -n "$CLIENT_NICE" python3 "$CLIENTS" idle-logins "127.0.0.1:$HTTP" --idle "$IDLE_CONNECTIONS" --logins "$WRONG_LOGINS" \
        --username analyst1 >"$client_json" &
      helper=$!
      ;;
    d)
      client_json="$DIR/live.json"
      nice -n "$CLIENT_NICE" python3 "$CLIENTS" live "127.0.0.1:$HTTP" "$DIR/live-tokens.txt" --subscribers "$SUBSCRIBERS" >"$client_json" &
      helper=$!
      ;;
  esac
  if [ -n "$helper" ]; then
    bench_track "$helper"
    sleep "$LEAD"
  fi
  seq=$((1 + INDEX * 1000000))   # each run starts above the last one's seqs: no factory resets
  INDEX=$((INDEX + 1))
  python3 "$CLIENTS" probe "127.0.0.1:$HTTP" >"$DIR/probe-$key.json" &
  probe=$!
  bench_track "$probe"
  udp_run_begin "$UDP"
  "$BIN/mgis-load" udp --keys "$DIR/fleet.csv" --to "127.0.0.1:$UDP" --devices "$DEVICES" --rate "$RATE" \
    --duration "$D" --first-seq "$seq" --json --quiet >"$DIR/run-$key.json" 2>"$DIR/run-$key.err" &
  loader=$!
  bench_track "$loader"
  wait "$loader" || rc=$?
  stop_helper "$probe"
  udp_run_end "$ADMIN" >"$DIR/sys-$key.txt" 2>&1 || true
  if [ -n "$helper" ]; then
    if [ "$key" = a ]; then   # the flood sender ends by itself about now and prints its summary
      for _ in $(seq 100); do kill -0 "$helper" 2>/dev/null || break; sleep 0.1; done
    fi
    stop_helper "$helper"
    sleep 1   # what the server logs about the hung-up clients belongs to this case
    # Requests the server still holds though their clients have hung up: work not cancelled.
    held=$(ss -tn state close-wait "sport = :$HTTP" 2>/dev/null | tail -n +2 | wc -l)
    [ "$held" -eq 0 ] || notes="$held HTTP connections still held by the server 1 s after their clients closed them (CLOSE-WAIT)"
  fi
  [ "$rc" -eq 0 ] || { notes="${notes:+$notes; }mgis-load exit $rc: $(tail -n 3 "$DIR/run-$key.err" | tr '\n' ' ')"; STATUS=2; }
  if [ "$key" = a ]; then
    flood=$(grep -o 'datagrams [0-9]* .*send_rate [0-9]* dg/s' "$flood_out" | awk '{print $2 " sent at " $(NF-1) "/s"}')
    notes="${notes:+$notes; }$FLOOD_RATE/s wrong-tag flood: ${flood:-sender still running at the end, stopped}; server refused +$(( $(refused_total) - refused0 ))"
  fi
  [ -z "$SETTLED" ] || notes="${notes:+$notes; }$SETTLED"
  metrics_note="$metrics_note $(python3 "$CLIENTS" metrics "127.0.0.1:$HTTP" "$ADMIN" "$DIR/metrics-$key-1.txt")"
  [ -z "${metrics_note// /}" ] || notes="${notes:+$notes; }${metrics_note# }"
  rcv=$(grep -o 'RcvbufErrors during the run: +[0-9]* / +[0-9]*' "$DIR/sys-$key.txt" | awk '{print $NF}')
  cpu=$(grep -o 'server CPU during the run: [0-9.]* s' "$DIR/sys-$key.txt" | awk '{print $(NF-1)}')
  warnings=$(tail -n +"$((log0 + 1))" "$DIR/mgisd.log" | grep -ciE 'warn|error|critical|fatal' || true)
  notes="${notes:+$notes; }server CPU ${cpu:-?} s, kernel UDP rcvbuf drops ${rcv:-?}"
  [ "$warnings" -eq 0 ] || notes="$notes; $warnings warning/error line(s) in the server log"
  python3 "$CLIENTS" case "$RESULTS" "$key" "$label" "$DIR/run-$key.json" --notes "$notes" \
    ${client_json:+--client-json "$client_json"} --client-json "$DIR/probe-$key.json"
  grep -vE '^(server metrics:|  )' "$DIR/sys-$key.txt" | sed 's/^/  /'
  echo "  API: $(cat "$DIR/probe-$key.json" 2>/dev/null)"
  [ -z "$client_json" ] || echo "  disturbance: $(cat "$client_json" 2>/dev/null)"
  [ -z "$flood_out" ] || echo "  flood sender: $(tail -n 1 "$flood_out")"
  echo "  server counters that moved:"
  python3 "$CLIENTS" metrics-diff "$DIR/metrics-$key-0.txt" "$DIR/metrics-$key-1.txt" | sed 's/^/  /'
  if [ "$warnings" -gt 0 ]; then
    echo "  new server log lines (first 5 of $warnings):"
    tail -n +"$((log0 + 1))" "$DIR/mgisd.log" | grep -iE 'warn|error|critical|fatal' | head -n 5 | cut -c1-300 | sed 's/^/    /'
  fi
  if ! kill -0 "$PID" 2>/dev/null; then
    echo "mgisd died during case $key:" >&2; tail -n 20 "$DIR/mgisd.log" >&2
    STATUS=2
    return 1
  fi
}

ALIVE=1
run_case 0 "0 undisturbed baseline" || ALIVE=0
for key in $CASES; do
  [ "$ALIVE" -eq 1 ] || break
  case $key in
    a) label="a wrong-tag flood $FLOOD_RATE/s" ;;
    b) label="b $ANALYSTS analysts, heaviest admitted hotspots" ;;
    c) label="c $IDLE_CONNECTIONS idle HTTP conns + $WRONG_LOGINS parallel wrong logins" ;;
    d) label="d $SUBSCRIBERS live subscribers reconnecting" ;;
    *) echo "unknown case $key (a, b, c or d)" >&2; exit 2 ;;
  esac
  run_case "$key" "$label" || ALIVE=0
done

echo
echo "server: $(ps -o rss= -p "$PID" 2>/dev/null | awk '{printf "%.0f MiB RSS", $1/1024}') at the end"
REPORT=0
python3 "$CLIENTS" report "$RESULTS" --ratio-max "$RATIO_MAX" --p99-floor-ms "$P99_FLOOR_MS" \
  --command "$COMMAND" >"$DIR/table.md" || REPORT=$?
cat "$DIR/table.md"
[ -z "$OUT" ] || cp "$DIR/table.md" "$OUT"
[ "$REPORT" -le "$STATUS" ] || STATUS=$REPORT
exit "$STATUS"
