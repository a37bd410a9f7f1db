// WebSocket client for /api/v1/live: connects, parses frames and reconnects.
// Deliberately free of DOM access so the reconnect logic can be reasoned about
// (and tested) on its own; the page wires its callbacks to the UI.

export const CLOSE_TOKEN_REJECTED = 4001;
// The user's roles no longer allow the feed (changed by an admin while connected):
// like a rejected token, the page must sign in again rather than retry.
export const CLOSE_FORBIDDEN = 4003;
export const CLOSE_TOO_SLOW = 4008;

const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
// A rejected token will not fix itself quickly; probe rarely so a wall of
// screens with an old token does not hammer the server.
const REJECTED_RETRY_MS = 60_000;
// Browsers can sit in CONNECTING for minutes on a dead network; give up sooner.
const CONNECT_TIMEOUT_MS = 15_000;
// Only a connection that stayed up this long resets the backoff; otherwise a
// server that accepts and soon drops us (e.g. 4008) would get a 1 s reconnect loop.
const STABLE_AFTER_MS = 30_000;

/** ws:/wss: URL of the live feed on the same host as the page. */
export function liveUrl(location, token) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/v1/live?token=${encodeURIComponent(token)}`;
}

/**
 * Asks the REST API whether the token is still accepted. Needed because mgisd
 * refuses the WebSocket upgrade itself with HTTP 401 for an unknown, expired
 * or revoked token, and browsers report every failed handshake only as close
 * code 1006; 4001 is sent only when a token dies while connected.
 * Resolves true only for a definite 401; network trouble resolves false.
 */
export async function tokenRejectedByApi(token, fetchImpl = globalThis.fetch) {
  try {
    const res = await fetchImpl('/api/v1/me', {
      headers: { Authorization: `Bearer ${token}` },
      cache: 'no-store',
    });
    return res.status === 401;
  } catch {
    return false;
  }
}

/**
 * Exponential backoff with jitter, kept inside [1 s, 30 s]. Jitter (70-100 % of
 * the step) spreads reconnects of many screens after a server restart.
 */
export function backoffDelay(failures, random = Math.random) {
  const step = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.max(0, failures));
  return Math.max(BACKOFF_MIN_MS, Math.round(step * (0.7 + 0.3 * random())));
}

/**
 * Callbacks (all optional):
 *   onFrame(count)        every received frame, including ignored types
 *   onSnapshot(message)   {"type":"snapshot", time, units}
 *   onPositions(items)    array of POSITION objects
 *   checkToken()          async, true if the token is definitely rejected; asked
 *                         after a failed handshake (see tokenRejectedByApi)
 *   onState(s)            s = {state: "connecting"|"connected"|"reconnecting"|"rejected",
 *                              ("connected" from the first snapshot on a socket)
 *                              retryAt: epoch ms or null, closeCode: number or null}
 */
export class LiveFeed {
  constructor(url, callbacks = {}, { WebSocketImpl = globalThis.WebSocket, random = Math.random } = {}) {
    this.url = url;
    this.cb = callbacks;
    this.WebSocketImpl = WebSocketImpl;
    this.random = random;
    this.ws = null;
    this.failures = 0;      // consecutive connections that failed or did not last
    this.liveSince = null;  // when the current socket delivered its snapshot
    this.frames = 0;
    this.retryTimer = null;
    this.connectTimer = null;
    this.stopped = true;
  }

  start() {
    this.stopped = false;
    this.#connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.connectTimer);
    const ws = this.ws;
    this.ws = null;
    if (ws) ws.close(1000, 'page closed');
  }

  #emit(state, retryAt = null, closeCode = null) {
    this.cb.onState?.({ state, retryAt, closeCode });
  }

  #connect() {
    if (this.stopped) return;
    this.#emit('connecting');
    let ws;
    try {
      ws = new this.WebSocketImpl(this.url);
    } catch (err) {
      // Only a malformed URL throws here; treat it like a failed attempt.
      console.warn('live feed: cannot create WebSocket', err);
      this.#scheduleRetry(null);
      return;
    }
    this.ws = ws;
    this.connectTimer = setTimeout(() => {
      if (this.ws === ws && ws.readyState === 0) ws.close(); // -> onclose -> retry
    }, CONNECT_TIMEOUT_MS);

    // Every handler checks `this.ws === ws` so events of an abandoned socket
    // can never schedule a second, parallel reconnect loop.
    let opened = false;
    ws.onopen = () => {
      if (this.ws !== ws) return;
      opened = true;
      clearTimeout(this.connectTimer);
      // Not "connected" yet: we report that once data flows, i.e. with the
      // snapshot, so a socket that is closed right away never flashes green.
    };
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      this.frames += 1;
      this.cb.onFrame?.(this.frames);
      this.#dispatch(ev.data);
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      clearTimeout(this.connectTimer);
      this.ws = null;
      if (this.liveSince != null && Date.now() - this.liveSince >= STABLE_AFTER_MS) this.failures = 0;
      this.liveSince = null;
      if (!opened && ev.code !== CLOSE_TOKEN_REJECTED && this.cb.checkToken) {
        // Handshake failed: find out whether it was the token (HTTP 401).
        this.#checkThenRetry(ev.code);
      } else {
        this.#scheduleRetry(ev.code);
      }
    };
    // onerror is always followed by onclose, which does the work.
    ws.onerror = () => {};
  }

  #dispatch(data) {
    if (typeof data !== 'string') return; // the protocol is JSON text only
    let msg;
    try {
      msg = JSON.parse(data);
    } catch {
      console.warn('live feed: ignoring non-JSON frame');
      return;
    }
    if (msg?.type === 'snapshot') {
      this.liveSince ??= Date.now();
      this.#emit('connected');
      this.cb.onSnapshot?.({ time: msg.time, units: Array.isArray(msg.units) ? msg.units : [] });
    } else if (msg?.type === 'positions') {
      if (Array.isArray(msg.items)) this.cb.onPositions?.(msg.items);
    }
    // Other types (task, alert, ...) are for other pages: ignore.
  }

  async #checkThenRetry(code) {
    let rejected = false;
    try {
      rejected = await this.cb.checkToken();
    } catch {
      rejected = false;
    }
    // stop() or another attempt may have happened while we waited.
    if (this.stopped || this.ws) return;
    this.#scheduleRetry(rejected ? CLOSE_TOKEN_REJECTED : code);
  }

  #scheduleRetry(code) {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    let delay;
    let state;
    if (code === CLOSE_TOKEN_REJECTED || code === CLOSE_FORBIDDEN) {
      delay = REJECTED_RETRY_MS;
      state = 'rejected';
    } else {
      // 4008 (too slow), 1006 (network), server restarts...: plain backoff.
      delay = backoffDelay(this.failures, this.random);
      this.failures += 1;
      state = 'reconnecting';
    }
    this.#emit(state, Date.now() + delay, code);
    this.retryTimer = setTimeout(() => this.#connect(), delay);
  }
}
