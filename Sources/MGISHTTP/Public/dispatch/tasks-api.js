// REST calls of the dispatcher console and the patrol page. Built on the audit
// page's fetch wrapper (bearer token, timeout, every failure an ApiError), so
// both pages handle errors exactly like the audit page does.

import { request, ApiError, login, logout, me } from '/audit/api.js';

export { ApiError, login, logout, me };

async function json(res) {
  try {
    return await res.json();
  } catch {
    throw new ApiError(res.status, 'bad_response', 'the answer was not valid JSON');
  }
}

const items = (data) => (Array.isArray(data?.items) ? data.items : []);

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** GET /api/v1/tasks -> [Task]; a patrol gets only its own unit's. */
export async function listTasks(token, params = {}) {
  return items(await json(await request(`/api/v1/tasks${query(params)}`, { token })));
}

export async function getTask(token, id) {
  return json(await request(`/api/v1/tasks/${encodeURIComponent(id)}`, { token }));
}

/** POST /api/v1/tasks with a Draft -> the new task (state "draft"). */
export async function createTask(token, draft) {
  return json(await request('/api/v1/tasks', { method: 'POST', token, body: draft }));
}

/** POST /api/v1/tasks/{id}/actions; body is {action, ...} as in the contract. */
export async function taskAction(token, id, body) {
  return json(await request(`/api/v1/tasks/${encodeURIComponent(id)}/actions`, { method: 'POST', token, body }));
}

export async function listUnits(token) {
  return items(await json(await request('/api/v1/units', { token })));
}

export async function listAlerts(token, params = { open: true }) {
  return items(await json(await request(`/api/v1/alerts${query(params)}`, { token })));
}

export async function acknowledgeAlert(token, id) {
  return json(await request(`/api/v1/alerts/${encodeURIComponent(id)}/acknowledge`, { method: 'POST', token }));
}

/** GeoJSON FeatureCollection: a LineString of the track and a Point per fix. */
export async function unitTrack(token, unitId, from, to) {
  const path = `/api/v1/units/${encodeURIComponent(unitId)}/track${query({ from, to })}`;
  return json(await request(path, { token, accept: 'application/geo+json, application/json' }));
}

/**
 * Text for the page's message area. `role` is what the page needs ("dispatcher"
 * or "patrol"), so a 403 tells the user which account to use.
 */
export function describeError(err, { context = '', role = '' } = {}) {
  if (!(err instanceof ApiError)) return `Unexpected error: ${err?.message ?? err}`;
  switch (err.status) {
    case 0:
      return err.code === 'aborted' ? '' : 'Cannot reach mgisd. Check the network and try again.';
    case 401:
      return context === 'login'
        ? 'Wrong user name or password.'
        : 'Your session has ended (expired, revoked or signed out elsewhere). Please sign in again.';
    case 403:
      return role ? `Not allowed: this needs an account with the ${role} role.` : `Not allowed: ${err.message}`;
    case 404:
      return `Not found: ${err.message}`;
    case 409:
      return `Not possible now: ${err.message} (someone else may have changed the task; it is shown as it is now).`;
    case 412:
      return `The task changed meanwhile: ${err.message}`;
    case 400:
      return `The server refused the data: ${err.message}`;
    default:
      return `Server error ${err.status}${err.message ? `: ${err.message}` : ''}`;
  }
}
