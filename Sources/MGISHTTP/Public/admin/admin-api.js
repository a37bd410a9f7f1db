// REST calls of the admin page: units, trackers, users and tokens. Built on the
// audit page's fetch wrapper (bearer token, timeout, every failure an ApiError),
// so errors are handled and worded as on the other pages.
//
// Creating a unit sends an Idempotency-Key (/common/retry-keys.js): when the
// answer was lost and the admin presses Create again, the server gives the first
// answer instead of refusing the unit that first press made as a taken call
// sign. The other creates cannot: POST /users carries a password and the answers
// of POST /devices and POST /tokens carry a secret shown once, so the server
// refuses to keep them (README, "Retries"). A PATCH sets values, so sending it
// again does no harm.

import { request, json, describeFailure, ApiError, login, logout, me } from '/common/api.js';
import { RetryKeys, withRetryKey } from '/common/retry-keys.js';

export { ApiError, login, logout, me };

const items = (data) => (Array.isArray(data?.items) ? data.items : []);
const id = (value) => encodeURIComponent(String(value));

const get = async (token, path) => items(await json(await request(path, { token })));
const send = async (token, method, path, body) => json(await request(path, { method, token, body }));

export const listUnits = (token) => get(token, '/api/v1/units');
const unitKeys = new RetryKeys();
/** A retry of a create whose answer was lost carries the same Idempotency-Key, so the unit is created once. */
export const createUnit = (token, body) => withRetryKey(unitKeys, 'unit', body, async (idempotencyKey) =>
  json(await request('/api/v1/units', { method: 'POST', token, body, idempotencyKey })));
export const updateUnit = (token, unitId, patch) => send(token, 'PATCH', `/api/v1/units/${id(unitId)}`, patch);
export async function deleteUnit(token, unitId) {
  await request(`/api/v1/units/${id(unitId)}`, { method: 'DELETE', token });
}

export const listDevices = (token) => get(token, '/api/v1/devices');
/** -> the device; an MTP/1 device's answer holds its `key`, which is never shown again. */
export const createDevice = (token, body) => send(token, 'POST', '/api/v1/devices', body);
export const updateDevice = (token, deviceId, patch) => send(token, 'PATCH', `/api/v1/devices/${id(deviceId)}`, patch);
/** Teltonika IMEIs refused as unregistered (or disabled), most recently seen first. */
export const listUnknownIMEIs = (token) => get(token, '/api/v1/devices/unknown');

export const listUsers = (token) => get(token, '/api/v1/users');
export const createUser = (token, body) => send(token, 'POST', '/api/v1/users', body);
export const updateUser = (token, userId, patch) => send(token, 'PATCH', `/api/v1/users/${id(userId)}`, patch);

/** Newest first, session tokens included (never their values). */
export const listTokens = (token, userId) => get(token, `/api/v1/tokens?user=${id(userId)}`);
/** -> the token record with its value in `token`, shown only this once. */
export const issueToken = (token, body) => send(token, 'POST', '/api/v1/tokens', body);
export async function revokeToken(token, tokenId) {
  await request(`/api/v1/tokens/${id(tokenId)}`, { method: 'DELETE', token });
}

/** Text for a failed call; `context` is "login" on the sign-in form. */
export function describeError(err, context = '') {
  return describeFailure(err, context, ({ status, message }) => ({
    403: 'Not allowed: this page needs an account with the admin role.',
    404: `Not found: ${message}`,
    409: `Already taken: ${message}`,
    400: `The server refused the data: ${message}`,
    503: `Changes are refused while the audit store is unavailable: ${message}`,
  })[status]);
}
