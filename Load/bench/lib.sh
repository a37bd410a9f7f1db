# Shared by the benchmark scripts (source it): start a fresh mgisd, and measure a UDP run.
# Expects BIN (the built binaries) and DIR (a scratch directory holding the data) to be set.

# Background helpers a script started (load generators, clients), stopped on exit before mgisd:
# add each with `bench_track PID`.
BENCH_PIDS=()
bench_track() { BENCH_PIDS+=("$@"); }
# The script's stderr, for bench_cleanup's messages even when the exit trap fires inside a
# redirected command.
exec {BENCH_STDERR}>&2

# bench_cleanup: the exit trap of start_mgisd. Stops the tracked helpers (SIGTERM, SIGKILL after
# 5 s), then mgisd (SIGTERM: it commits what is pending; SIGKILL after 60 s), and removes DIR
# unless KEEP_DIR is set.
bench_cleanup() {
  local p
  exec 2>&"$BENCH_STDERR"
  for p in ${BENCH_PIDS[@]+"${BENCH_PIDS[@]}"} ${SSPID:-}; do kill "$p" 2>/dev/null || true; done
  for p in ${BENCH_PIDS[@]+"${BENCH_PIDS[@]}"} ${SSPID:-}; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  if kill -0 "$PID" 2>/dev/null; then   # (if it did not start, start_mgisd showed its log)
    kill "$PID" 2>/dev/null || true
    # A server stuck in work it cannot cancel gets a minute to stop, then SIGKILL.
    local waited=0 rc=0
    while kill -0 "$PID" 2>/dev/null && [ "$waited" -lt 600 ]; do sleep 0.1; waited=$((waited + 1)); done
    if kill -0 "$PID" 2>/dev/null; then echo "mgisd did not stop within 60 s of SIGTERM: killed" >&2; kill -9 "$PID" 2>/dev/null || true
    elif [ "$waited" -ge 50 ]; then echo "note: mgisd took $((waited / 10)) s to stop after SIGTERM" >&2; fi
    wait "$PID" 2>/dev/null || rc=$?
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 143 ]; then
      echo "mgisd exited with status $rc after SIGTERM; from its log:" >&2
      grep -m 5 -iE 'fatal|crash|error' "$DIR/mgisd.log" | cut -c1-300 >&2 || true
    fi
  fi
  if [ -n "${KEEP_DIR:-}" ]; then echo "kept $DIR" >&2; else rm -rf "$DIR"; fi
}

# start_mgisd ARGS...: `mgisd serve --data $DIR/data ARGS...` in the background; sets PID, stops
# it (and the helpers given to bench_track) and removes DIR on exit, and gives up with its log if
# it is not running 2 s later.
start_mgisd() {
  "$BIN/mgisd" serve --data "$DIR/data" "$@" >"$DIR/mgisd.log" 2>&1 &
  PID=$!
  trap bench_cleanup EXIT
  sleep 2
  if ! kill -0 $PID 2>/dev/null; then
    echo "mgisd did not start (a port taken? the scripts take UDP_PORT, HTTP_PORT, TELTONIKA_PORT):" >&2
    cat "$DIR/mgisd.log" >&2
    exit 1
  fi
}

# udp_run_begin PORT: notes the server's CPU time and page faults and the kernel's UDP counters,
# and samples the queue of the socket listening on PORT every 0.2 s (ss: r = bytes queued,
# rb = receive buffer, d = drops) until udp_run_end.
udp_run_begin() {
  CPU0=$(awk '{print $14 + $15}' "/proc/$PID/stat")
  FLT0=$(awk '{print $10}' "/proc/$PID/stat")
  SNMP0=$(awk '/^Udp: [0-9]/{print $4, $6}' /proc/net/snmp)
  ( while kill -0 $PID 2>/dev/null; do ss -u -a -m -n -H "sport = :$1" | tr -d '\n'; echo; sleep 0.2; done ) >"$DIR/ss.log" 2>/dev/null &
  SSPID=$!
}

# udp_run_end TOKEN: prints what changed since udp_run_begin (kernel UDP errors, the largest
# queue seen, the server's page faults and CPU time), its refusal and commit metrics (read
# with the admin TOKEN) and its memory.
udp_run_end() {
  kill $SSPID 2>/dev/null || true
  SNMP1=$(awk '/^Udp: [0-9]/{print $4, $6}' /proc/net/snmp)
  echo "kernel Udp InErrors/RcvbufErrors during the run: $(awk -v a="$SNMP0" -v b="$SNMP1" 'BEGIN{split(a,x," ");split(b,y," ");printf "+%d / +%d", y[1]-x[1], y[2]-x[2]}')"
  echo "listening socket: $(tail -n 1 "$DIR/ss.log" | grep -o 'skmem:([^)]*)'); largest queue seen: $(grep -o 'skmem:(r[0-9]*' "$DIR/ss.log" | tr -dc '0-9\n' | sort -n | tail -n 1) bytes"
  # Server CPU (user+system) spent during the run, from /proc/PID/stat.
  CPU1=$(awk '{print $14 + $15}' "/proc/$PID/stat")
  echo "server minor page faults during the run: $(( $(awk '{print $10}' "/proc/$PID/stat") - FLT0 ))"
  echo "server CPU during the run: $(awk -v t="$(getconf CLK_TCK)" -v a="$CPU0" -v b="$CPU1" 'BEGIN{printf "%.2f s", (b-a)/t}')"
  echo "server metrics:"; curl -s --max-time 10 -H "Authorization: Bearer $1" "http://127.0.0.1:$HTTP/metrics" |
    grep -E '^mgis_(ingest_refused|teltonika_refused|store_commit_seconds|ingest_received|teltonika_received)' | grep -v ' 0$' | sed 's/^/  /' || true
  echo "server: $(ps -o rss= -p $PID | awk '{printf "%.0f MiB RSS", $1/1024}')"
}
