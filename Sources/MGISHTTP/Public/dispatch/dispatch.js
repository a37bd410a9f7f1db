// Dispatcher console: wires sign-in, the live map, the task board, the create
// form, the alert panel and the track replay together.
// DOM contract used by automated tests:
//   #login-form (#username, #password), #message, #map, #task-form, #draw-polygon,
//   #draw-circle, #task-board .task-card[data-task-id][data-state], #alert-panel
//   .alert-item[data-alert-id], #track-replay, #conn-state[data-state],
//   body[data-ready="1"] once the board (or the login form) is on screen,
//   window.mgisDispatch = {tasks: Map, alerts, units, frames, map}.

import * as api from '/common/tasks-api.js';
import { pageSession } from '/common/session.js';
import { $, markReady, showMessage, showSignedIn, showSignInForm } from '/common/page.js';
import { signInFlow } from '/common/sign-in.js';
import { startTaskFeed } from '/common/task-feed.js';
import { withAllowedActions } from '/common/task-format.js';
import { TaskAreas } from '/common/task-areas.js';
import { TaskBoard } from './task-board.js';
import { TaskForm } from './task-form.js';
import { AlertPanel } from './alert-panel.js';
import { TrackReplay } from './track-replay.js';
import { loadMapConfig, addBasemap } from '/common/basemap.js';
import { UnitMarkers } from '/common/unit-markers.js';
import { everySecond } from '/common/clock.js';

const ROLE = 'dispatcher';
const LITHUANIA = [[53.8, 20.9], [56.5, 26.9]];
// Labels hang to the right of the symbols: more room on that side.
const FIT_UNITS = { paddingTopLeft: [30, 30], paddingBottomRight: [110, 30], maxZoom: 12 };

// Shared with tests; mutated in place so references stay valid.
const state = {
  session: null,
  tasks: new Map(),   // id -> Task (newest version seen)
  units: new Map(),   // id -> {id, name, callSign, position}
  clockOffsetMs: 0,
  conn: 'reconnecting',
};
window.mgisDispatch = state;

let ui = null;   // map and widgets, built once on the first sign-in
let feed = null;

const describe = (err) => api.describeError(err, { role: ROLE });

const { start, handleError, onFeedState } = signInFlow({
  role: ROLE,
  wrongRole: { person: 'a dispatcher', account: 'a dispatcher account' },
  session: pageSession('mgis.dispatch'),
  api,
  describe,
  describeLogin: (err) => api.describeError(err, { context: 'login' }),
  current: () => state.session,
  showLogin,
  startApp,
});

/** For widgets: an Error whose message is already the text to show. */
function asShown(err) {
  if (handleError(err)) return new Error('');
  const e = new Error(describe(err));
  e.status = err?.status;
  return e;
}

// ---- units --------------------------------------------------------------------

function unitName(id) {
  const u = state.units.get(String(id));
  return u?.callSign || u?.name || `unit ${id}`;
}

function unitChoices() {
  return [...state.units.values()]
    .sort((a, b) => (a.callSign || a.name || a.id).localeCompare(b.callSign || b.name || b.id, undefined, { numeric: true }))
    .map((u) => ({ id: u.id, label: u.callSign && u.name ? `${u.callSign} — ${u.name}` : (u.callSign || u.name || u.id) }));
}

function mergeUnits(list) {
  for (const u of list) {
    if (!u || u.id == null) continue;
    const id = String(u.id);
    const old = state.units.get(id);
    state.units.set(id, { id, name: u.name ?? old?.name ?? '', callSign: u.callSign ?? old?.callSign ?? '', position: old?.position ?? null });
  }
  ui.form.setUnits(unitChoices());
  ui.replay.setUnits(unitChoices());
  ui.board.refresh();
}

// ---- tasks ----------------------------------------------------------------------

/** Keeps the newest version: a frame and a REST answer may arrive in either order. */
function acceptTask(incoming) {
  if (!incoming || incoming.id == null) return;
  const task = withAllowedActions(incoming, { role: ROLE });
  const id = String(task.id);
  const old = state.tasks.get(id);
  if (old && Number(old.version) > Number(task.version)) return;
  state.tasks.set(id, task);
  ui.board.upsert(task);
  ui.areas.upsert(task);
}

async function reloadTasks() {
  try {
    const tasks = await api.listTasks(state.session.token);
    state.tasks.clear();
    for (const t of tasks) state.tasks.set(String(t.id), t);
    ui.board.sync(tasks);
    ui.areas.sync(tasks);
    document.body.dataset.tasks = String(tasks.length);
  } catch (err) {
    if (!handleError(err)) showMessage(`Tasks could not be loaded: ${describe(err)}`);
  }
}

async function reloadAlerts() {
  try {
    ui.alerts.sync(await api.listAlerts(state.session.token, { open: true }));
  } catch (err) {
    if (!handleError(err)) showMessage(`Alerts could not be loaded: ${describe(err)}`);
  }
}

async function performAction(task, body) {
  try {
    const updated = await api.taskActionOrRefresh(state.session.token, task.id, body, acceptTask);
    acceptTask(updated);
    return updated;
  } catch (err) {
    throw asShown(err);
  }
}

async function createTask(draft, { dispatch }) {
  let task;
  try {
    task = await api.createTask(state.session.token, draft);
  } catch (err) {
    if (handleError(err)) throw new Error('');
    throw err; // the form shows 400s next to the fields
  }
  acceptTask(task);
  if (dispatch) task = await performAction(task, { action: 'dispatch', units: draft.units });
  ui.areas.focus(task.id);
  return task;
}

// ---- live feed ------------------------------------------------------------------

function validPosition(p) {
  return p && p.unit != null && Number.isFinite(p.lat) && Number.isFinite(p.lon) && Number.isFinite(Date.parse(p.time));
}

function onSnapshot(msg) {
  const t = Date.parse(msg.time);
  if (Number.isFinite(t)) state.clockOffsetMs = t - Date.now();
  for (const u of msg.units) {
    if (!u || u.id == null) continue;
    const id = String(u.id);
    state.units.set(id, { id, name: u.name ?? '', callSign: u.callSign ?? '', position: validPosition(u.position) ? u.position : null });
  }
  ui.markers.syncAll(state.units, Date.now() + state.clockOffsetMs);
  ui.form.setUnits(unitChoices());
  ui.replay.setUnits(unitChoices());
  if (!ui.fitted) {
    ui.fitted = true;
    fitUnits();
  }
  // (Re)connected: events may have been missed while we were away.
  reloadTasks();
  reloadAlerts();
}

function onPositions(items) {
  const now = Date.now() + state.clockOffsetMs;
  for (const p of items) {
    if (!validPosition(p)) continue;
    const id = String(p.unit);
    const u = state.units.get(id) ?? { id, name: '', callSign: '', position: null };
    if (u.position && Date.parse(u.position.time) > Date.parse(p.time)) continue;
    u.position = p;
    state.units.set(id, u);
    ui.markers.upsert(u, now);
  }
}

/**
 * The first view shows every unit. Also after the layout changes the map's size (the
 * panels fill in after the first fit), until the dispatcher moves the map: a fit made
 * for a wider map cut off the units at its right edge.
 */
function fitUnits() {
  const pts = [...state.units.values()].filter((u) => u.position).map((u) => [u.position.lat, u.position.lon]);
  if (!pts.length) return;
  automatic(() => {
    ui.map.invalidateSize();
    ui.map.fitBounds(pts, FIT_UNITS);
  });
}

/** Runs a map move of the page's own, which does not count as the dispatcher's. */
let moving = false;
function automatic(move) {
  moving = true;
  try { move(); } finally { moving = false; }
}

function renderConn(s) {
  state.conn = s;
  const el = $('conn-state');
  el.dataset.state = s;
  $('conn-text').textContent = {
    connected: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…', rejected: 'Token rejected',
  }[s] ?? s;
}

// ---- views ----------------------------------------------------------------------

function buildUI() {
  const L = window.L;
  const map = L.map('map', { zoomSnap: 0.25 });
  map.attributionControl.setPrefix(false);
  map.fitBounds(LITHUANIA);
  state.map = map;
  loadMapConfig().then((config) => addBasemap(map, config));
  const markers = new UnitMarkers(map);
  const areas = new TaskAreas(map, { onSelect: (id) => focusCard(id) });
  const board = new TaskBoard($('task-board'), {
    onAction: performAction,
    onFocus: (id) => areas.focus(id),
    unitName,
    unitChoices,
  });
  const form = new TaskForm($('task-form'), map, { create: createTask, describe });
  const alerts = new AlertPanel($('alert-list'), $('alert-count'), {
    onAcknowledge: (a) => api.acknowledgeAlert(state.session.token, a.id).catch((err) => { throw asShown(err); }),
    onFocus: (a) => {
      if (a.task != null && areas.bounds(a.task)) { areas.focus(a.task); focusCard(String(a.task)); return; }
      const p = state.units.get(String(a.unit))?.position;
      if (p) map.setView([p.lat, p.lon], Math.max(map.getZoom(), 13));
    },
    unitName,
  });
  const replay = new TrackReplay($('track-replay'), map, {
    loadTrack: (unit, from, to) => api.unitTrack(state.session.token, unit, from, to),
    describe: (err) => (handleError(err) ? '' : describe(err)),
  });
  everySecond((now) => markers.refresh(now + state.clockOffsetMs));
  // The map's container size changes when the layout does (panels, window).
  new ResizeObserver(() => {
    if (ui?.fitted && !ui.userMoved) fitUnits(); else automatic(() => map.invalidateSize());
  }).observe($('map'));
  // Any other move (the dispatcher's drag, zoom or wheel, a task or alert focused, a
  // track replayed) ends the automatic fits. Leaflet starts every move with movestart.
  map.on('movestart', () => { if (ui?.fitted && !moving) ui.userMoved = true; });
  return { map, markers, areas, board, form, alerts, replay, fitted: false, userMoved: false };
}

function focusCard(id) {
  const card = document.querySelector(`.task-card[data-task-id="${CSS.escape(String(id))}"]`);
  if (!card) return;
  card.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  card.classList.add('flash');
  setTimeout(() => card.classList.remove('flash'), 1200);
}

function showLogin(message = '') {
  feed?.stop();
  feed = null;
  state.session = null;
  state.tasks.clear();
  if (ui) { ui.board.sync([]); ui.areas.sync([]); ui.alerts.sync([]); ui.replay.reset(); }
  showSignInForm(message);
}

async function startApp(s) {
  state.session = s;
  showSignedIn(s.user?.name ?? '…');
  ui ??= buildUI();
  ui.map.invalidateSize();
  try {
    mergeUnits(await api.listUnits(s.token));
  } catch (err) {
    if (handleError(err)) return;
    showMessage(`Units could not be loaded: ${describe(err)}`);
  }
  await Promise.all([reloadTasks(), reloadAlerts()]);
  markReady();
  feed = startTaskFeed(s.token, {
    onSnapshot,
    onPositions,
    onTask: acceptTask,
    onAlert: (a) => ui.alerts.upsert(a),
    onState: ({ state: st }) => {
      renderConn(st);
      onFeedState(st);
    },
  });
}

function main() {
  if (!window.L) {
    showMessage('Could not load /vendor/leaflet/leaflet.js. Check the mgisd installation.');
    return;
  }
  start();
}

main();
