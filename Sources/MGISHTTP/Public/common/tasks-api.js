// REST calls of the dispatcher console and the patrol page. Built on the audit
// page's fetch wrapper (bearer token, timeout, every failure an ApiError), so
// both pages handle errors exactly like the audit page does.

import { request, json, describeFailure, ApiError, login, logout, me } from './api.js';
import { RetryKeys, withRetryKey } from './retry-keys.js';

export { ApiError, login, logout, me };

const actionKeys = new RetryKeys();

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

/**
 * POST /api/v1/tasks/{id}/actions; body is {action, ...} as in the contract. A step retried after
 * its answer was lost (a result filed from a patrol car) carries the same Idempotency-Key.
 */
export async function taskAction(token, id, body) {
  return withRetryKey(actionKeys, `task ${id}`, body, async (idempotencyKey) =>
    json(await request(`/api/v1/tasks/${encodeURIComponent(id)}/actions`, { method: 'POST', token, body, idempotencyKey })));
}

/**
 * taskAction, and on 409/412 (our copy of the task was old) the task as it is
 * now handed to `refresh` in the background; the error is still thrown.
 */
export async function taskActionOrRefresh(token, id, body, refresh) {
  try {
    return await taskAction(token, id, body);
  } catch (err) {
    if (err?.status === 409 || err?.status === 412) getTask(token, id).then(refresh, () => {});
    throw err;
  }
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
  return describeFailure(err, context, ({ status, message }) => ({
    403: role ? `Not allowed: this needs an account with the ${role} role.` : `Not allowed: ${message}`,
    404: `Not found: ${message}`,
    409: `Not possible now: ${message} (someone else may have changed the task; it is shown as it is now).`,
    412: `The task changed meanwhile: ${message}`,
    400: `The server refused the data: ${message}`,
  })[status]);
}
