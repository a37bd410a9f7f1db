// REST calls of the audit page. One fetch wrapper adds the bearer token and turns
// every failure (HTTP error, bad JSON, network down, timeout) into an ApiError whose
// message an auditor can act on, so callers only ever handle one kind of error.

const TIMEOUT_MS = 20_000; // a 1000-entry page is small; longer means the server is stuck

export class ApiError extends Error {
  /**
   * status: HTTP status, or 0 when no answer arrived (network, timeout).
   * code: the API's `error` field ("invalid_credentials", ...) or a local one.
   */
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/**
 * Text for a failed call, worded alike on every page for what means the same
 * everywhere: no answer, a rejected password or token (401), a server error.
 * `own(err)` words the statuses a page explains itself (403, 400, ...) and
 * returns undefined for the rest. `context` is "login" on the sign-in form.
 */
export function describeFailure(err, context = '', own = () => undefined) {
  if (!(err instanceof ApiError)) return `Unexpected error: ${err?.message ?? err}`;
  if (err.status === 0) return err.code === 'aborted' ? '' : 'Cannot reach mgisd. Check the network and try again.';
  if (err.status === 401) {
    return context === 'login'
      ? 'Wrong user name or password.'
      : 'Your session has ended (expired, revoked or signed out elsewhere). Please sign in again.';
  }
  return own(err) ?? `Server error ${err.status}${err.message ? `: ${err.message}` : ''}`;
}

/** Text for the #message area; `context` is "login" on the sign-in form. */
export function describeError(err, context = '') {
  return describeFailure(err, context, ({ status, message }) => ({
    403: 'Access denied: this account is not an auditor. Sign in with an auditor account.',
    400: `The server rejected the request: ${message}`,
    503: `Audit store unavailable: ${message}`,
  })[status]);
}

/** Reads `{"error", "message"}` from an error response; tolerates non-JSON bodies (proxies). */
async function errorFrom(res) {
  let code = `http_${res.status}`;
  let message = res.statusText || '';
  try {
    const body = await res.json();
    if (body && typeof body.error === 'string') code = body.error;
    if (body && typeof body.message === 'string') message = body.message;
  } catch { /* not JSON: keep the status text */ }
  return new ApiError(res.status, code, message);
}

/**
 * fetch() with the bearer token, a timeout and error mapping. Resolves to the
 * Response only when it is 2xx. `signal` lets the caller abort a superseded search.
 */
export async function request(path, { method = 'GET', token = null, body, signal, accept = 'application/json', idempotencyKey } = {}) {
  const headers = { Accept: accept };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  const ctrl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; ctrl.abort(); }, TIMEOUT_MS);
  const forward = () => ctrl.abort();
  signal?.addEventListener('abort', forward, { once: true });
  try {
    const res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',          // audit data must never come from a cache
      credentials: 'omit',        // the token is the only credential
      signal: ctrl.signal,
    });
    if (!res.ok) throw await errorFrom(res);
    return res;
  } catch (err) {
    if (err instanceof ApiError) throw err;
    if (err?.name === 'AbortError') {
      throw timedOut ? new ApiError(0, 'timeout', 'no answer in time') : new ApiError(0, 'aborted', 'aborted');
    }
    throw new ApiError(0, 'network', err?.message ?? 'network error');
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forward);
  }
}

/** The body of a 2xx answer; a body that is not JSON is an ApiError like any other failure. */
export async function json(res) {
  try {
    return await res.json();
  } catch {
    throw new ApiError(res.status, 'bad_response', 'the answer was not valid JSON');
  }
}

// ---- endpoints ------------------------------------------------------------------

/** POST /api/v1/auth/login -> {token, expires, user}. */
export async function login(username, password) {
  const res = await request('/api/v1/auth/login', { method: 'POST', body: { username, password } });
  const data = await json(res);
  if (typeof data?.token !== 'string' || !data.token) throw new ApiError(res.status, 'bad_response', 'no token in the answer');
  return data;
}

/** Revokes the token. Never throws: signing out locally must work even offline. */
export async function logout(token) {
  try {
    await request('/api/v1/auth/logout', { method: 'POST', token });
  } catch (err) {
    console.warn('logout failed; the token stays valid until it expires', err);
  }
}

/** GET /api/v1/me -> user, for the name in the header when the token came from the URL. */
export async function me(token) {
  return json(await request('/api/v1/me', { token }));
}

/** GET /api/v1/audit/status -> {entries, healthy, publicKey, checkpoint}. */
export async function auditStatus(token) {
  return json(await request('/api/v1/audit/status', { token }));
}

/** Query string for /api/v1/audit; empty and null values are left out. */
export function auditQueryString(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** GET /api/v1/audit -> {items, next}; `next` normalised to a number or null. */
export async function searchAudit(token, params, signal) {
  const data = await json(await request(`/api/v1/audit${auditQueryString(params)}`, { token, signal }));
  const items = Array.isArray(data?.items) ? data.items : [];
  const next = Number.isFinite(data?.next) ? data.next : null;
  return { items, next };
}

/** The same search as CSV, as a Blob ready for a download link. */
export async function auditCsv(token, params) {
  const res = await request(`/api/v1/audit${auditQueryString({ ...params, format: 'csv' })}`, { token, accept: 'text/csv' });
  return res.blob();
}
