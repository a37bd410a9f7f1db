#!/usr/bin/env python3
"""HTTP-side disturbances and bookkeeping for Load/bench/isolation.sh (issue 12). Standard library only.

Usage (HOSTPORT is the server's HTTP address, e.g. 127.0.0.1:38085):
  isolation_clients.py seed HOSTPORT TOKEN COUNT [--box MINLAT,MINLON,MAXLAT,MAXLON] [--seed N]
      POST /api/v1/violations/import (text/csv) with COUNT violations over the last 90 days:
      80 % spread uniformly over the box, the rest in two planted hotspots. Prints the answer.
  isolation_clients.py analysts HOSTPORT TOKEN [--clients 2] [--retry-cap 1] QUERY [QUERY...]
      CLIENTS analysts each GET /api/v1/violations/analysis/hotspots?QUERY in a loop, one request
      after the other, until SIGTERM. QUERYs are given heaviest first: a client starts with the
      first and moves to the next one when the server refuses it with 422 (over budget) or 400,
      so the run exercises the heaviest request the server admits. 503 and 429 are normal answers:
      the client waits Retry-After (capped at --retry-cap s) and goes on.
  isolation_clients.py idle-logins HOSTPORT [--idle 2000] [--logins 200] [--username NAME]
      Opens IDLE TCP connections to the HTTP port that never send a byte (reopening any the server
      closes, at most 200/s), and sends waves of LOGINS simultaneous POST /api/v1/auth/login with
      wrong passwords (half for NAME, half for made-up names), a new wave when the last has been
      answered, until SIGTERM. Refused connections, 429s and closes are counted, not errors.
  isolation_clients.py live HOSTPORT TOKENS_FILE [--subscribers 50] [--frames 2]
      SUBSCRIBERS WebSocket clients (client i uses line i mod n of TOKENS_FILE, one token a line)
      each connect to /api/v1/live?token=TOKEN, read FRAMES frames
      (the snapshot and a positions frame; at most 1 s is waited for each frame after the
      snapshot), send a close frame, hang up and reconnect, until SIGTERM.
  isolation_clients.py probe HOSTPORT [--interval 0.5] [--timeout 5]
      GET /healthz every INTERVAL s until SIGTERM: is the API still answering?
  isolation_clients.py metrics HOSTPORT TOKEN OUT
      Saves GET /metrics (admin token, 10 s at most) to OUT; says so when it gets no answer.
  isolation_clients.py metrics-diff BEFORE AFTER
      Prints every counter (`*_total`, `*_count`) that changed between two saved /metrics.
  isolation_clients.py case OUT NAME LABEL LOADJSON [--notes TEXT] [--client-json FILE]...
      Appends one case (mgis-load udp's --json summary, notes, the helpers' summaries) to OUT.
  isolation_clients.py report RESULTS [--ratio-max 2] [--p99-floor-ms 0] [--command TEXT]
      Prints each case against the baseline (the first case) and a Markdown table for
      BENCHMARKS.md; exits 1 when a valid datagram was lost or a case's ACK p99 exceeds
      max(RATIO_MAX x baseline p99, P99_FLOOR_MS), 2 when a run gave no summary.

The disturbance commands print one JSON object on stdout when stopped (SIGTERM or SIGINT), with
a "note" field: a one-line summary for the table.
"""
import argparse
import base64
import collections
import errno
import json
import os
import random
import selectors
import signal
import socket
import sys
import threading
import time
from datetime import datetime, timezone

STOP = threading.Event()


def install_stop_handlers() -> None:
    def handler(_signum, _frame):
        STOP.set()
    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


def split_hostport(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    return host.strip("[]") or "127.0.0.1", int(port)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def log(message: str) -> None:
    print(f"isolation_clients: {message}", file=sys.stderr, flush=True)


class Stopped(Exception):
    """The run ended (SIGTERM) while a request was in flight."""


class Closed(Exception):
    """The server closed the connection."""


def client_socket() -> socket.socket:
    """A TCP client socket with SO_REUSEADDR: the thousands of local ports these clients take
    from the ephemeral range stay in TIME-WAIT for a minute after closing, and without the flag
    such a remnant keeps a server started next from binding the same number (many of the bench
    scripts' fixed ports lie in that range)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    return sock


class ConnectTimeout(OSError):
    """The server did not accept the connection in time (e.g. its connection cap is reached)."""


CONNECT_TIMEOUT = 5.0


class Conn:
    """A blocking socket read in slices of at most 0.5 s, so a stop is noticed while waiting."""

    def __init__(self, address: tuple[str, int], connect_timeout: float = CONNECT_TIMEOUT):
        self.sock = client_socket()
        self.sock.settimeout(connect_timeout)
        try:
            self.sock.connect(address)
        except socket.timeout:
            self.sock.close()
            raise ConnectTimeout(f"not connected within {connect_timeout:g} s") from None
        except OSError:
            self.sock.close()
            raise
        self.sock.settimeout(0.5)
        self.buffer = b""

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def fill(self, deadline: float) -> None:
        while True:
            if STOP.is_set():
                raise Stopped()
            if time.monotonic() > deadline:
                raise TimeoutError("no answer in time")
            try:
                chunk = self.sock.recv(262144)
            except socket.timeout:
                continue
            if not chunk:
                raise Closed()
            self.buffer += chunk
            return

    def read_exact(self, count: int, deadline: float) -> bytes:
        while len(self.buffer) < count:
            self.fill(deadline)
        data, self.buffer = self.buffer[:count], self.buffer[count:]
        return data

    def read_until(self, marker: bytes, deadline: float, limit: int = 65536) -> bytes:
        while marker not in self.buffer:
            if len(self.buffer) > limit:
                raise ValueError("header too long")
            self.fill(deadline)
        index = self.buffer.index(marker) + len(marker)
        data, self.buffer = self.buffer[:index], self.buffer[index:]
        return data

    def close(self) -> None:
        try:
            self.sock.close()
        except OSError:
            pass


def parse_head(head: bytes) -> tuple[int, dict[str, str]]:
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    return status, headers


def http(address: tuple[str, int], method: str, path: str, headers: dict[str, str] | None = None,
         body: bytes = b"", timeout: float = 60.0) -> tuple[int, dict[str, str], bytes]:
    """One request on a fresh connection (Connection: close). Raises Stopped, Closed, OSError."""
    deadline = time.monotonic() + timeout
    conn = Conn(address)
    try:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {address[0]}:{address[1]}", "Connection: close",
                 f"Content-Length: {len(body)}"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        conn.send(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        status, answer = parse_head(conn.read_until(b"\r\n\r\n", deadline))
        if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
            return status, answer, b""
        if "content-length" in answer:
            return status, answer, conn.read_exact(int(answer["content-length"]), deadline)
        if answer.get("transfer-encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(conn.read_until(b"\r\n", deadline).split(b";")[0].strip(), 16)
                data += conn.read_exact(size + 2, deadline)[:size]
                if size == 0:
                    return status, answer, data
        while True:
            try:
                conn.fill(deadline)
            except Closed:
                return status, answer, conn.buffer
    finally:
        conn.close()


def outcome_of(error: BaseException) -> str:
    """A short name for a failed exchange, for the counts."""
    if isinstance(error, ConnectTimeout):
        return f"connect timed out ({CONNECT_TIMEOUT:g} s)"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, ConnectionResetError):
        return "connection reset"
    if isinstance(error, Closed):
        return "closed by server"
    if isinstance(error, TimeoutError):
        return "no answer in time"
    return f"error {type(error).__name__}"


def retry_after(headers: dict[str, str], cap: float) -> float:
    try:
        return max(0.0, min(cap, float(headers.get("retry-after", "0"))))
    except ValueError:
        return min(cap, 1.0)


def run_until_stopped(threads: list[threading.Thread], on_stop=None) -> None:
    """Starts the threads, waits for SIGTERM or SIGINT, then gives them 3 s to finish."""
    for thread in threads:
        thread.start()
    while not STOP.is_set():
        STOP.wait(0.5)
    if on_stop:
        on_stop()
    for thread in threads:
        thread.join(timeout=3)


def pause(seconds: float) -> None:
    STOP.wait(seconds)


# --- seed ---------------------------------------------------------------------------------------

def cmd_seed(args: argparse.Namespace) -> int:
    min_lat, min_lon, max_lat, max_lon = (float(v) for v in args.box.split(","))
    rng = random.Random(args.seed)
    now = time.time()
    types = ["cigarettes", "alcohol", "fuel", "drugs", "cash", "counterfeit_goods", "undeclared_goods"]
    spots = [(min_lat + 0.3 * (max_lat - min_lat), min_lon + 0.7 * (max_lon - min_lon)),
             (min_lat + 0.6 * (max_lat - min_lat), min_lon + 0.3 * (max_lon - min_lon))]
    rows = ["time,lat,lon,type,goods,quantity,unit,value_eur,plate,country"]
    for index in range(args.count):
        if index % 10 < 8:
            lat, lon = rng.uniform(min_lat, max_lat), rng.uniform(min_lon, max_lon)
        else:
            lat0, lon0 = spots[index % 2]
            lat, lon = lat0 + rng.uniform(-0.005, 0.005), lon0 + rng.uniform(-0.008, 0.008)
        at = datetime.fromtimestamp(now - rng.uniform(3600, 90 * 86400), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        rows.append(f"{at},{lat:.6f},{lon:.6f},{rng.choice(types)},bench seizure,{rng.randint(1, 200)},pcs,"
                    f"{rng.randint(50, 5000)},LT{index:05d},LT")
    body = ("\n".join(rows) + "\n").encode()
    status, _, answer = http(split_hostport(args.hostport), "POST", "/api/v1/violations/import",
                             {"Authorization": f"Bearer {args.token}", "Content-Type": "text/csv"}, body, timeout=300)
    print(f"violations import: {status} {answer[:200].decode(errors='replace')}")
    return 0 if status in (200, 201) else 1


# --- analysts -----------------------------------------------------------------------------------

def cmd_analysts(args: argparse.Namespace) -> int:
    install_stop_handlers()
    address = split_hostport(args.hostport)
    queries = args.queries
    lock = threading.Lock()
    statuses: dict[str, collections.Counter] = {q: collections.Counter() for q in queries}
    durations: dict[str, list[float]] = collections.defaultdict(list)

    def analyst(number: int) -> None:
        level = 0
        while not STOP.is_set():
            query = queries[level]
            path = f"/api/v1/violations/analysis/hotspots?{query}"
            started = time.monotonic()
            try:
                status, headers, body = http(address, "GET", path, {"Authorization": f"Bearer {args.token}"},
                                             timeout=args.timeout)
            except Stopped:
                with lock:
                    statuses[query]["abandoned at stop"] += 1
                return
            except (OSError, Closed, TimeoutError, ValueError) as error:
                with lock:
                    statuses[query][outcome_of(error)] += 1
                pause(0.2)
                continue
            took = time.monotonic() - started
            with lock:
                statuses[query][str(status)] += 1
                durations[f"{query} {status}"].append(took)
            if status in (422, 400):
                if level + 1 < len(queries):
                    log(f"analyst {number}: {status} for {query} ({body[:160].decode(errors='replace')}); trying {queries[level + 1]}")
                    level += 1
                else:
                    pause(0.2)
            elif status in (503, 429):
                pause(retry_after(headers, args.retry_cap))
            elif status >= 400:
                pause(0.2)

    run_until_stopped([threading.Thread(target=analyst, args=(n,), daemon=True) for n in range(args.clients)])
    timings = {key: {"n": len(v), "p50_s": round(percentile(v, 0.5), 3), "max_s": round(max(v), 3)}
               for key, v in durations.items()}
    parts = []
    for query in queries:
        if statuses[query]:
            counts = ", ".join(f"{k}×{v}" for k, v in sorted(statuses[query].items()))
            ok = timings.get(f"{query} 200")
            extra = f", 200 in {ok['p50_s']} s median" if ok else ""
            parts.append(f"`{query}`: {counts}{extra}")
    print(json.dumps({"kind": "analysts", "clients": args.clients,
                      "statuses": {q: dict(c) for q, c in statuses.items()}, "timings": timings,
                      "note": f"{args.clients} analysts, hotspots " + "; ".join(parts)}))
    return 0


# --- idle connections and wrong logins ----------------------------------------------------------

def cmd_idle_logins(args: argparse.Namespace) -> int:
    install_stop_handlers()
    address = split_hostport(args.hostport)
    idle = collections.Counter()
    idle_lifetimes: list[float] = []
    logins = collections.Counter()
    login_times: list[float] = []
    lock = threading.Lock()
    waves = [0]

    def idle_keeper() -> None:
        selector = selectors.DefaultSelector()
        opened: dict[socket.socket, float] = {}
        connecting: dict[socket.socket, float] = {}
        to_open, issued = args.idle, 0
        reopen_budget, budget_at = 200, time.monotonic() + 1.0
        while not STOP.is_set():
            now = time.monotonic()
            if now >= budget_at:
                reopen_budget, budget_at = 200, now + 1.0
            # The first IDLE connects go out at once, in slices of 200; reopenings at most 200/s.
            batch = min(to_open, 200) if issued < args.idle else min(to_open, reopen_budget)
            for _ in range(batch):
                if issued >= args.idle:
                    reopen_budget -= 1
                    idle["reopened"] += 1
                issued += 1
                to_open -= 1
                sock = client_socket()
                sock.setblocking(False)
                code = sock.connect_ex(address)
                if code not in (0, errno.EINPROGRESS):
                    idle[f"connect failed: {os.strerror(code)}"] += 1
                    sock.close()
                    to_open += 1
                    continue
                connecting[sock] = now
                selector.register(sock, selectors.EVENT_WRITE)
            for key, _ in selector.select(timeout=0.1):
                sock = key.fileobj
                if sock in connecting:
                    connecting.pop(sock)
                    code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                    selector.unregister(sock)
                    if code == 0:
                        idle["connected"] += 1
                        opened[sock] = time.monotonic()
                        selector.register(sock, selectors.EVENT_READ)
                    else:
                        idle[f"connect failed: {os.strerror(code)}"] += 1
                        sock.close()
                        to_open += 1
                    continue
                try:
                    data = sock.recv(4096)
                except OSError as error:
                    data = None
                    idle[f"reset: {error.strerror}"] += 1
                if data:
                    idle["answered (" + data.split(b"\r\n", 1)[0].decode(errors="replace")[:40] + ")"] += 1
                elif data == b"":
                    idle["closed by server"] += 1
                idle_lifetimes.append(time.monotonic() - opened.pop(sock))
                selector.unregister(sock)
                sock.close()
                to_open += 1
            now = time.monotonic()
            for sock, started in list(connecting.items()):
                if now - started > 10:
                    idle["connect timed out (10 s)"] += 1
                    connecting.pop(sock)
                    selector.unregister(sock)
                    sock.close()
                    to_open += 1
        idle["open at stop"] = len(opened)
        for sock in list(opened) + list(connecting):
            sock.close()

    barrier = threading.Barrier(args.logins, action=lambda: waves.__setitem__(0, waves[0] + 1)) if args.logins else None

    def login(number: int) -> None:
        rng = random.Random(number)
        while not STOP.is_set():
            try:
                barrier.wait()
            except threading.BrokenBarrierError:
                return
            name = args.username if number % 2 == 0 else f"nobody-{rng.randrange(10**9)}"
            body = json.dumps({"username": name, "password": f"wrong-{rng.randrange(10**12)}"}).encode()
            started = time.monotonic()
            try:
                status, headers, _ = http(address, "POST", "/api/v1/auth/login", {"Content-Type": "application/json"},
                                          body, timeout=120)
                outcome = str(status)
                with lock:
                    login_times.append(time.monotonic() - started)
                if status in (429, 503):
                    pause(retry_after(headers, 1.0))
            except Stopped:
                outcome = "pending at stop"
            except (OSError, Closed, TimeoutError, ValueError) as error:
                outcome = outcome_of(error)
            with lock:
                logins[outcome] += 1

    threads = [threading.Thread(target=idle_keeper, daemon=True)] if args.idle else []
    threads += [threading.Thread(target=login, args=(n,), daemon=True) for n in range(args.logins)]
    run_until_stopped(threads, on_stop=barrier.abort if barrier else None)
    idle_note = ", ".join(f"{k} {v}" for k, v in sorted(idle.items()))
    login_note = ", ".join(f"{k}×{v}" for k, v in sorted(logins.items()))
    lifetime = f"; closed ones lived {percentile(idle_lifetimes, 0.5):.1f} s median" if idle_lifetimes else ""
    answered = f", answered in {percentile(login_times, 0.5):.2f} s median / {max(login_times):.2f} s max" if login_times else ""
    parts = []
    if args.idle:
        parts.append(f"{args.idle} idle conns: {idle_note}{lifetime}")
    if args.logins:
        parts.append(f"{args.logins} parallel wrong logins, {waves[0]} wave(s): {login_note}{answered}")
    print(json.dumps({"kind": "idle-logins", "idle": dict(idle), "logins": dict(logins), "login_waves": waves[0],
                      "login_p50_s": round(percentile(login_times, 0.5), 3),
                      "login_max_s": round(max(login_times), 3) if login_times else 0,
                      "note": "; ".join(parts)}))
    return 0


# --- live subscribers ---------------------------------------------------------------------------

def cmd_live(args: argparse.Namespace) -> int:
    install_stop_handlers()
    address = split_hostport(args.hostport)
    with open(args.tokens_file) as handle:
        tokens = [line.strip() for line in handle if line.strip()]
    counts = collections.Counter()
    first_frame: list[float] = []
    lock = threading.Lock()

    def subscriber(number: int) -> None:
        token = tokens[number % len(tokens)]
        while not STOP.is_set():
            started = time.monotonic()
            deadline = started + args.timeout
            conn = None
            try:
                conn = Conn(address)
                key = base64.b64encode(os.urandom(16)).decode()
                conn.send((f"GET /api/v1/live?token={token} HTTP/1.1\r\nHost: {address[0]}:{address[1]}\r\n"
                           f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                           f"Sec-WebSocket-Version: 13\r\n\r\n").encode())
                status, headers = parse_head(conn.read_until(b"\r\n\r\n", deadline))
                if status != 101:
                    with lock:
                        counts[f"upgrade {status}"] += 1
                    conn.close()
                    pause(retry_after(headers, 1.0) if status in (429, 503) else 0.1)
                    continue
                with lock:
                    counts["connected"] += 1
                messages = 0
                while messages < args.frames:
                    if messages:
                        # Positions frames come only while units move: after the snapshot wait at
                        # most --next-frame-wait s for each further frame, then hang up anyway.
                        deadline = min(deadline, time.monotonic() + args.next_frame_wait)
                    try:
                        head = conn.read_exact(2, deadline)
                    except TimeoutError:
                        if not messages:
                            raise
                        with lock:
                            counts["no further frame in time"] += 1
                        break
                    opcode, length = head[0] & 0x0F, head[1] & 0x7F
                    if length == 126:
                        length = int.from_bytes(conn.read_exact(2, deadline), "big")
                    elif length == 127:
                        length = int.from_bytes(conn.read_exact(8, deadline), "big")
                    if head[1] & 0x80:
                        conn.read_exact(4, deadline)
                    payload = conn.read_exact(length, deadline)
                    if opcode == 8:
                        code = int.from_bytes(payload[:2], "big") if len(payload) >= 2 else 0
                        with lock:
                            counts[f"closed by server ({code})"] += 1
                        break
                    if opcode in (1, 2, 0) and head[0] & 0x80:
                        messages += 1
                        with lock:
                            counts["frames"] += 1
                            counts["bytes"] += length
                            if messages == 1:
                                first_frame.append(time.monotonic() - started)
                # A masked close frame (code 1000), then hang up without waiting for the echo.
                mask = os.urandom(4)
                payload = (1000).to_bytes(2, "big")
                conn.send(bytes([0x88, 0x80 | len(payload)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
                with lock:
                    counts["cycles"] += 1
            except Stopped:
                with lock:
                    counts["in flight at stop"] += 1
            except (OSError, Closed, TimeoutError, ValueError, IndexError) as error:
                with lock:
                    counts[outcome_of(error)] += 1
                pause(0.1)
            finally:
                if conn:
                    conn.close()

    run_until_stopped([threading.Thread(target=subscriber, args=(n,), daemon=True) for n in range(args.subscribers)])
    shown = {k: v for k, v in counts.items() if k not in ("bytes", "frames", "cycles", "connected")}
    extra = "".join(f", {k} {v}" for k, v in sorted(shown.items()))
    print(json.dumps({"kind": "live", "subscribers": args.subscribers, "counts": dict(counts),
                      "first_frame_p50_s": round(percentile(first_frame, 0.5), 3),
                      "first_frame_max_s": round(max(first_frame), 3) if first_frame else 0,
                      "note": f"{args.subscribers} subscribers ({len(tokens)} tokens): {counts['cycles']} connect-read-close cycles, "
                              f"{counts['frames']} frames ({counts['bytes'] / 1e6:.0f} MB), first frame after "
                              f"{percentile(first_frame, 0.5) * 1000:.0f} ms median{extra}"}))
    return 0


# --- API responsiveness -------------------------------------------------------------------------

def cmd_probe(args: argparse.Namespace) -> int:
    install_stop_handlers()
    address = split_hostport(args.hostport)
    times: list[float] = []
    outcomes = collections.Counter()
    while not STOP.is_set():
        started = time.monotonic()
        try:
            status, _, _ = http(address, "GET", "/healthz", timeout=args.timeout)
            times.append(time.monotonic() - started)
            outcomes[str(status)] += 1
        except Stopped:
            outcomes["pending at stop"] += 1
            break
        except (OSError, Closed, TimeoutError, ValueError) as error:
            outcomes[outcome_of(error)] += 1
        pause(max(0.0, args.interval - (time.monotonic() - started)))
    slow = {k: v for k, v in outcomes.items() if k != "200"}
    extra = "".join(f", {k} {v}" for k, v in sorted(slow.items()))
    took = f", {percentile(times, 0.5) * 1000:.0f} ms median / {max(times) * 1000:.0f} ms max" if times else ""
    print(json.dumps({"kind": "probe", "outcomes": dict(outcomes),
                      "p50_ms": round(percentile(times, 0.5) * 1000, 1),
                      "max_ms": round(max(times) * 1000, 1) if times else 0,
                      "note": f"GET /healthz every {args.interval:g} s: {outcomes['200']} answered 200{took}{extra}"}))
    return 0


# --- metrics ------------------------------------------------------------------------------------

def cmd_metrics(args: argparse.Namespace) -> int:
    try:
        status, _, body = http(split_hostport(args.hostport), "GET", "/metrics",
                               {"Authorization": f"Bearer {args.token}"}, timeout=10)
    except (OSError, Closed, TimeoutError, ValueError) as error:
        status, body = 0, f"# unavailable: {error}\n".encode()
    if status != 200:
        body = f"# unavailable: status {status}\n".encode() if status else body
        print(f"GET /metrics: {body.decode().lstrip('# ').strip()}")
    with open(args.out, "wb") as handle:
        handle.write(body)
    return 0


def read_counters(path: str) -> dict[str, float]:
    counters = {}
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            name, _, value = line.rstrip().rpartition(" ")
            metric = name.split("{", 1)[0]
            if metric.endswith("_total") or metric.endswith("_count"):
                try:
                    counters[name] = float(value)
                except ValueError:
                    pass
    return counters


def cmd_metrics_diff(args: argparse.Namespace) -> int:
    for path in (args.before, args.after):
        with open(path, encoding="utf-8", errors="replace") as handle:
            first = handle.readline()
        if first.startswith("# unavailable"):
            print(f"  (no diff: {path} {first[2:].strip()})")
            return 0
    before, after = read_counters(args.before), read_counters(args.after)
    for name in sorted(after):
        delta = after[name] - before.get(name, 0.0)
        if delta:
            print(f"  {name} +{delta:g}")
    return 0


# --- results ------------------------------------------------------------------------------------

def cmd_case(args: argparse.Namespace) -> int:
    try:
        with open(args.loadjson) as handle:
            run = json.loads(handle.read().strip().splitlines()[-1])
    except (OSError, ValueError, IndexError):
        run = None
    clients = []
    for path in args.client_json or []:
        try:
            with open(path) as handle:
                clients.append(json.loads(handle.read().strip().splitlines()[-1]))
        except (OSError, ValueError, IndexError):
            clients.append({"note": f"no summary in {os.path.basename(path)}"})
    notes = [n for n in [args.notes] + [c.get("note") for c in clients] if n]
    with open(args.out, "a") as handle:
        handle.write(json.dumps({"case": args.name, "label": args.label, "run": run, "clients": clients,
                                 "notes": "; ".join(notes)}) + "\n")
    if run:
        lat = run["latency_ms"]
        print(f"{args.name}: valid datagrams sent {run['datagrams_sent']}, lost {run['lost']}, retransmissions "
              f"{run['retransmissions']}, ACK p50 {lat['p50']:.2f} / p99 {lat['p99']:.2f} / max {lat['max']:.2f} ms")
    else:
        print(f"{args.name}: mgis-load gave no summary")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    with open(args.results) as handle:
        cases = [json.loads(line) for line in handle if line.strip()]
    if not cases:
        print("no cases ran")
        return 2
    base = cases[0]["run"]
    base_p99 = base["latency_ms"]["p99"] if base else 0.0
    failures, status = [], 0
    rows = []
    for case in cases:
        run = case["run"]
        if not run:
            failures.append(f"{case['case']}: no mgis-load summary")
            status = max(status, 2)
            rows.append(f"| {case['label']} | – | – | – | – | – | – | no summary; {case['notes']} |")
            continue
        lat = run["latency_ms"]
        ratio = lat["p99"] / base_p99 if base_p99 > 0 else float("inf")
        limit = max(args.ratio_max * base_p99, args.p99_floor_ms)
        verdict = []
        if run["lost"] > 0:
            verdict.append(f"LOST {run['lost']}")
        if lat["p99"] > limit:
            verdict.append(f"p99 over {limit:.2f} ms")
        if verdict:
            failures.append(f"{case['case']}: " + ", ".join(verdict))
            status = max(status, 1)
        mark = " **FAIL**" if verdict else ""
        rows.append(f"| {case['label']} | {run['datagrams_sent']:,} | {run['lost']:,}{mark} | {lat['p50']:.1f} | "
                    f"{lat['p99']:.1f} | {lat['max']:.1f} | {ratio:.2f} | {case['notes'].replace('|', '/')} |")
    print()
    if args.command:
        print(f"`{args.command}`" + (f" ({base['devices']:,} trackers, {base['duration_s']:.0f} s per run)" if base else ""))
        print()
    print("| case | valid sent | lost | ACK p50 ms | ACK p99 ms | ACK max ms | p99 / baseline | notes |")
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(row)
    print()
    limit_text = f"max({args.ratio_max:g} x baseline p99, {args.p99_floor_ms:g} ms)" if args.p99_floor_ms else f"{args.ratio_max:g} x baseline p99"
    if failures:
        print(f"FAILED (target: 0 lost, ACK p99 within {limit_text}): " + "; ".join(failures))
    else:
        print(f"PASSED: 0 valid datagrams lost, every ACK p99 within {limit_text} ({args.ratio_max * base_p99:.2f} ms)")
    return status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("seed")
    p.add_argument("hostport"); p.add_argument("token"); p.add_argument("count", type=int)
    p.add_argument("--box", default="54.45,24.9,54.95,25.8"); p.add_argument("--seed", type=int, default=12)
    p.set_defaults(run=cmd_seed)
    p = sub.add_parser("analysts")
    p.add_argument("hostport"); p.add_argument("token"); p.add_argument("queries", nargs="+")
    p.add_argument("--clients", type=int, default=2); p.add_argument("--retry-cap", type=float, default=1.0)
    p.add_argument("--timeout", type=float, default=600.0)
    p.set_defaults(run=cmd_analysts)
    p = sub.add_parser("idle-logins")
    p.add_argument("hostport"); p.add_argument("--idle", type=int, default=2000)
    p.add_argument("--logins", type=int, default=200); p.add_argument("--username", default="admin")
    p.set_defaults(run=cmd_idle_logins)
    p = sub.add_parser("live")
    p.add_argument("hostport"); p.add_argument("tokens_file"); p.add_argument("--subscribers", type=int, default=50)
    p.add_argument("--frames", type=int, default=2); p.add_argument("--timeout", type=float, default=10.0)
    p.add_argument("--next-frame-wait", type=float, default=1.0)
    p.set_defaults(run=cmd_live)
    p = sub.add_parser("probe")
    p.add_argument("hostport"); p.add_argument("--interval", type=float, default=0.5)
    p.add_argument("--timeout", type=float, default=5.0)
    p.set_defaults(run=cmd_probe)
    p = sub.add_parser("metrics")
    p.add_argument("hostport"); p.add_argument("token"); p.add_argument("out")
    p.set_defaults(run=cmd_metrics)
    p = sub.add_parser("metrics-diff")
    p.add_argument("before"); p.add_argument("after")
    p.set_defaults(run=cmd_metrics_diff)
    p = sub.add_parser("case")
    p.add_argument("out"); p.add_argument("name"); p.add_argument("label"); p.add_argument("loadjson")
    p.add_argument("--notes", default=""); p.add_argument("--client-json", action="append")
    p.set_defaults(run=cmd_case)
    p = sub.add_parser("report")
    p.add_argument("results"); p.add_argument("--ratio-max", type=float, default=2.0)
    p.add_argument("--p99-floor-ms", type=float, default=0.0); p.add_argument("--command", default="")
    p.set_defaults(run=cmd_report)
    args = parser.parse_args()
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
