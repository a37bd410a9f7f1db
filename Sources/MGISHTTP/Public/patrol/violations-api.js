// The violations register as the patrol page uses it: the type list and a
// violation reported on the spot. Errors are ApiErrors, as in /dispatch/tasks-api.js.

import { request, json } from '/common/api.js';
import { RetryKeys, withRetryKey } from '/common/retry-keys.js';

const reportKeys = new RetryKeys();

/** GET /api/v1/violation-types -> [{code, label}] */
export async function violationTypes(token) {
  const data = await json(await request('/api/v1/violation-types', { token }));
  return Array.isArray(data?.items) ? data.items.filter((t) => typeof t?.code === 'string') : [];
}

/**
 * POST /api/v1/violations -> the new violation (the server sets the patrol's unit and the reporting user).
 * A retry of a report whose answer was lost carries the same Idempotency-Key, so it is recorded once.
 */
export async function reportViolation(token, body) {
  return withRetryKey(reportKeys, 'report', body, async (idempotencyKey) =>
    json(await request('/api/v1/violations', { method: 'POST', token, body, idempotencyKey })));
}
