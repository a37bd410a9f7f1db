// Words, colours and geometry shared by the console and the patrol page, so a
// task looks the same on both screens.

import { formatLocal, formatClock, parseTime, zoneLabel } from './format.js';

export { formatLocal, formatClock, parseTime };

export const STATES = ['draft', 'dispatched', 'acknowledged', 'en_route', 'on_scene', 'completed', 'failed', 'cancelled'];
export const FINAL_STATES = new Set(['completed', 'failed', 'cancelled']);

export const STATE_LABELS = {
  draft: 'Draft',
  dispatched: 'Dispatched',
  acknowledged: 'Acknowledged',
  en_route: 'En route',
  on_scene: 'On scene',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const ACTION_LABELS = {
  dispatch: 'Dispatch',
  acknowledge: 'Acknowledge',
  en_route: 'En route',
  on_scene: 'On scene',
  complete: 'Complete',
  fail: 'Fail',
  cancel: 'Cancel',
  redispatch: 'Re-dispatch',
  edit: 'Edit',
};

export const TYPE_LABELS = {
  area_patrol: 'Area patrol',
  checkpoint: 'Checkpoint',
  escort: 'Escort',
  inspection: 'Inspection',
  surveillance: 'Surveillance',
  other: 'Other',
};

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'];

export const OUTCOME_LABELS = {
  no_findings: 'No findings',
  violations_found: 'Violations found',
  not_performed: 'Not performed',
  other: 'Other',
};

export const VIOLATION_TYPES = ['cigarettes', 'alcohol', 'fuel', 'drugs', 'cash', 'counterfeit_goods', 'weapons', 'undeclared_goods', 'other'];

/** "counterfeit_goods" -> "Counterfeit goods". */
export function humanize(code) {
  const s = String(code ?? '').replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Theme colour of a state; read from theme.css custom properties so map and cards agree. */
export function stateColor(state) {
  const css = (name, fallback) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
  switch (state) {
    case 'draft': return css('--muted', '#7d8a97');
    case 'dispatched': return css('--warn', '#ffb300');
    case 'acknowledged':
    case 'en_route': return css('--accent', '#4fc3f7');
    case 'on_scene': return css('--ok', '#3ddc84');
    case 'completed': return '#8bc34a';
    case 'failed': return css('--bad', '#ff3b30');
    default: return css('--muted', '#7d8a97');
  }
}

/** Leaflet layer for a task area (circle or polygon with holes). */
export function areaLayer(area, style = {}) {
  const L = window.L;
  if (area?.type === 'circle' && area.center) {
    return L.circle([area.center.lat, area.center.lon], { radius: area.radiusMeters, ...style });
  }
  if (area?.type === 'polygon' && Array.isArray(area.rings)) {
    return L.polygon(area.rings.map((ring) => ring.map((p) => [p.lat, p.lon])), style);
  }
  return null;
}

/** "12 s", "4 min", "1 h 05 min". */
export function formatSeconds(sec) {
  if (!Number.isFinite(sec)) return '–';
  const s = Math.max(0, Math.round(sec));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}

/** "2026-11-30 08:00 – 12:00 EET" (end date only when it differs; the service's zone, named). */
export function formatWindow(window) {
  const a = parseTime(window?.start);
  const b = parseTime(window?.end);
  if (a == null || b == null) return '';
  const start = formatLocal(a).slice(0, 16);
  const end = formatLocal(b).slice(0, 16);
  return `${start} – ${start.slice(0, 10) === end.slice(0, 10) ? end.slice(11) : end} ${zoneLabel(a)}`;
}

/** One line per unit: "DEMO-01: inside, 4 min on scene". `names` maps unit id -> call sign. */
export function monitoringLines(task, names = new Map()) {
  const units = task?.monitoring?.units;
  if (!Array.isArray(units)) return [];
  return units.map((m) => {
    const who = names.get(String(m.unit)) || `unit ${m.unit}`;
    const where = m.inside ? 'inside area' : (m.firstArrival ? 'left area' : 'not arrived');
    const time = m.timeOnSceneSeconds > 0 ? `, ${formatSeconds(m.timeOnSceneSeconds)} on scene` : '';
    return { unit: String(m.unit), inside: !!m.inside, text: `${who}: ${where}${time}` };
  });
}

/** Element helper: h('div', {class: 'x', dataset: {a: 1}}, 'text', child). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/**
 * Task frames on the live feed are shared by all subscribers, so instead of the
 * caller's `allowedActions` (which REST answers carry) they hold
 * `allowedActionsByRole`, worked out by the server from its lifecycle rules.
 * Picks the viewer's ({role: "dispatcher"} or {role: "patrol", unit: "7"}), so
 * the buttons follow a live state change at once; a patrol not assigned gets none.
 */
export function withAllowedActions(task, viewer) {
  if (!task || Array.isArray(task.allowedActions)) return task;
  const own = viewer.role === 'dispatcher' || (task.units ?? []).map(String).includes(String(viewer.unit));
  const byRole = task.allowedActionsByRole ?? {};
  const allowedActions = own && Array.isArray(byRole[viewer.role]) ? byRole[viewer.role] : [];
  return { ...task, allowedActions };
}
