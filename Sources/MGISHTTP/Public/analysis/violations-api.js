// REST calls of the analyst page (contract: violations API). Built on the
// audit page's fetch wrapper through /dispatch/tasks-api.js, so errors are
// ApiErrors and are described the same way as on the other pages.

import { request, json, ApiError } from '/common/api.js';
import { login, logout, me, listUnits, describeError as describeTaskError } from '/common/tasks-api.js';

export { ApiError, login, logout, me, listUnits };

const GEOJSON = 'application/geo+json, application/json';

/** Query string; empty values are left out, arrays joined with commas. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    q.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * The filter part of every query: from, to, types, unit, minValue, maxValue, area.
 * `filters` is the panel's state (see filters.js).
 */
export function filterParams(f) {
  return {
    from: f.from ?? undefined,
    to: f.to ?? undefined,
    types: f.types ?? undefined,      // null = all types
    unit: f.unit || undefined,
    minValue: f.minValue ?? undefined,
    maxValue: f.maxValue ?? undefined,
    area: f.area ? areaParam(f.area) : undefined,
  };
}

/** [{lat, lon}, ...] -> "lat,lon;lat,lon;..." (the ring's closing corner left out). */
export function areaParam(ring) {
  const pts = ring.slice();
  const [a, b] = [pts[0], pts[pts.length - 1]];
  if (pts.length > 3 && a.lat === b.lat && a.lon === b.lon) pts.pop();
  return pts.map((p) => `${round(p.lat)},${round(p.lon)}`).join(';');
}

const round = (x) => Math.round(x * 1e6) / 1e6;

export async function violationTypes(token) {
  const data = await json(await request('/api/v1/violation-types', { token }));
  return Array.isArray(data?.items) ? data.items : [];
}

/** GET /api/v1/violations -> {items, total}. */
export async function listViolations(token, params, signal) {
  const data = await json(await request(`/api/v1/violations${query(params)}`, { token, signal }));
  return { items: Array.isArray(data?.items) ? data.items : [], total: Number(data?.total ?? 0) };
}

/** Path of an analysis ("grid", "hotspots", ...) with its query. */
export function analysisPath(kind, params) {
  return `/api/v1/violations/analysis/${kind}${query(params)}`;
}

/** GET an analysis; -> {data, headers}. */
export async function analysis(token, kind, params, signal) {
  const spatial = kind !== 'time' && kind !== 'trends';
  const res = await request(analysisPath(kind, params), { token, signal, accept: spatial ? GEOJSON : 'application/json' });
  return { data: await json(res), headers: res.headers };
}

/** The same analysis as a file (format=csv|geojson) -> Blob. */
export async function analysisFile(token, kind, params, format) {
  const res = await request(analysisPath(kind, { ...params, format }), {
    token, accept: format === 'csv' ? 'text/csv' : GEOJSON,
  });
  return res.blob();
}

/** POST /api/v1/violations/analysis/plan -> {task, plan}. */
export async function planTask(token, body) {
  return json(await request('/api/v1/violations/analysis/plan', { method: 'POST', token, body }));
}

/** Text for the message areas; `role` makes a 403 name the role the page needs. */
export function describeError(err, { context = '', role = 'analyst' } = {}) {
  if (err instanceof ApiError && err.status === 404 && context === 'plan') {
    return `No task planned: ${err.message || 'this is not a hot cell (95 % or more)'}.`;
  }
  if (err instanceof ApiError && (err.status === 409 || err.status === 412)) {
    return `Not possible now: ${err.message}`;
  }
  return describeTaskError(err, { context, role });
}

export async function getViolation(token, id) {
  return json(await request(`/api/v1/violations/${encodeURIComponent(id)}`, { token }));
}
