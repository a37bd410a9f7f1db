# Shared by the benchmark scripts (source it): start a fresh mgisd, and measure a UDP run.
# Expects BIN (the built binaries) and DIR (a scratch directory holding the data) to be set.

# start_mgisd ARGS...: `mgisd serve --data $DIR/data ARGS...` in the background; sets PID, stops
# it and removes DIR on exit, and gives up with its log if it is not running 2 s later.
start_mgisd() {
  "$BIN/mgisd" serve --data "$DIR/data" "$@" >"$DIR/mgisd.log" 2>&1 &
  PID=$!
  trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DIR"' EXIT
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
  echo "server metrics:"; curl -s -H "Authorization: Bearer $1" "http://127.0.0.1:$HTTP/metrics" |
    grep -E '^mgis_(ingest_refused|teltonika_refused|store_commit_seconds|ingest_received|teltonika_received)' | grep -v ' 0$' | sed 's/^/  /' || true
  echo "server: $(ps -o rss= -p $PID | awk '{printf "%.0f MiB RSS", $1/1024}')"
}
