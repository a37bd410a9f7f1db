// The search form <-> a "query": the filter object sent to GET /api/v1/audit
// (strings, from/to already RFC 3339 UTC). The same query is mirrored into the
// page URL (without the token) so an auditor can reload or share a search.

import { formatUTC, inputToMillis, millisToInput, parseTime } from '/common/format.js';

/** The actions MGIS records (MGISAudit/AuditAction.swift); others still work via the URL. */
export const ACTIONS = [
  'api.request',
  'auth.login', 'auth.login_failed', 'auth.logout',
  'token.issue', 'token.revoke',
  'live.connect', 'live.disconnect',
  'user.create', 'user.update', 'user.delete',
  'unit.create', 'unit.update', 'unit.delete',
  'device.create', 'device.update', 'device.delete', 'device.key_change',
  'data.export', 'record.read',
  'config.startup',
];
export const OUTCOMES = ['ok', 'denied', 'error'];
export const PAGE_SIZES = [25, 50, 100, 250, 500, 1000];
export const DEFAULT_LIMIT = 100;

/** API parameter names, in URL order. `before` is paging state, not part of a query. */
const KEYS = ['actor', 'action', 'route', 'object', 'status', 'outcome', 'from', 'to', 'limit'];
const TEXT_KEYS = ['actor', 'route', 'object'];

function addOption(select, value, label = value) {
  const opt = document.createElement('option');
  opt.value = value;
  opt.textContent = label;
  select.append(opt);
  return opt;
}

/** Fills the <select>s from the lists above, so the HTML cannot drift from them. */
export function initForm(form) {
  const { action, outcome, limit } = form.elements;
  addOption(action, '', 'any');
  for (const a of ACTIONS) addOption(action, a);
  addOption(outcome, '', 'any');
  for (const o of OUTCOMES) addOption(outcome, o);
  for (const n of PAGE_SIZES) addOption(limit, String(n));
  limit.value = String(DEFAULT_LIMIT);
  // A stale "to before from" complaint must not block the next submit.
  form.elements.from.addEventListener('input', () => form.elements.to.setCustomValidity(''));
  form.elements.to.addEventListener('input', () => form.elements.to.setCustomValidity(''));
}

/**
 * Reads the form into a query, or returns null after showing the browser's own
 * validation bubble (keyboard and screen-reader friendly, no custom code).
 */
export function readForm(form) {
  const el = form.elements;
  const q = {};
  for (const k of TEXT_KEYS) q[k] = el[k].value.trim();
  q.action = el.action.value;
  q.outcome = el.outcome.value;
  q.status = el.status.value.trim();
  q.limit = el.limit.value || String(DEFAULT_LIMIT);

  const from = inputToMillis(el.from.value);
  // The API's `to` is inclusive to the millisecond, while the input shows whole
  // seconds: "to 21:59:59" must also include 21:59:59.750.
  const toInput = inputToMillis(el.to.value);
  const to = toInput == null ? null : toInput + 999;
  el.to.setCustomValidity(from != null && to != null && to < from ? '"To" must not be before "From".' : '');
  if (!form.reportValidity()) return null;

  q.from = from == null ? '' : formatUTC(from);
  q.to = to == null ? '' : formatUTC(to);
  return compact(q);
}

/** Puts a query into the form (after a timeline click or from the URL). */
export function writeForm(form, query) {
  const el = form.elements;
  for (const k of TEXT_KEYS) el[k].value = query[k] ?? '';
  el.status.value = query.status ?? '';
  setSelect(el.action, query.action ?? '');
  setSelect(el.outcome, query.outcome ?? '');
  setSelect(el.limit, query.limit ?? String(DEFAULT_LIMIT));
  const from = parseTime(query.from);
  const to = parseTime(query.to);
  el.from.value = from == null ? '' : millisToInput(from);
  el.to.value = to == null ? '' : millisToInput(to); // drops the .999 added by readForm
  el.to.setCustomValidity('');
}

/** Selects value, adding it first if unknown (an action newer than this page). */
function setSelect(select, value) {
  if (![...select.options].some((o) => o.value === value)) addOption(select, value);
  select.value = value;
}

/** Drops empty fields and the default page size, so URLs stay short. */
function compact(q) {
  const out = {};
  for (const k of KEYS) {
    const v = q[k];
    if (v === undefined || v === null || v === '') continue;
    if (k === 'limit' && String(v) === String(DEFAULT_LIMIT)) continue;
    out[k] = String(v);
  }
  return out;
}

/** Query from the page URL; anything malformed is ignored rather than sent to the API. */
export function queryFromURL(search) {
  const p = new URLSearchParams(search);
  const q = {};
  for (const k of ['actor', 'route', 'object', 'action']) {
    const v = p.get(k)?.trim();
    if (v) q[k] = v;
  }
  const outcome = p.get('outcome');
  if (OUTCOMES.includes(outcome)) q.outcome = outcome;
  const status = p.get('status');
  if (/^\d{3}$/.test(status ?? '')) q.status = status;
  for (const k of ['from', 'to']) {
    const ms = parseTime(p.get(k));
    if (ms != null) q[k] = formatUTC(ms);
  }
  const limit = Number(p.get('limit'));
  if (Number.isInteger(limit) && limit >= 1 && limit <= 1000) q.limit = String(limit);
  return compact(q);
}

/** Page URL for a query: keeps path and hash, replaces the search part. */
export function urlForQuery(loc, query) {
  const s = new URLSearchParams(compact(query)).toString();
  return loc.pathname + (s ? `?${s}` : '') + loc.hash;
}
