// Patrol page: sign-in, the unit's tasks, one task with its status buttons and
// the result report, and a violation reported on the spot without a task.
// Views follow the URL hash (#task-12, #report), so the phone's back button
// returns to the list.
// DOM contract used by automated tests:
//   #login-form, #message, #my-tasks .task-item[data-task-id][data-state],
//   #task-view[data-task-id][data-state] with button[data-action=...],
//   #result-form, #result-submit, body[data-ready="1"], body[data-view=list|task|report|login],
//   #report-violation (on the list), #violation-form, #violation-submit, #violation-message,
//   window.mgisPatrol = {tasks: Map, unit, position}.

import * as api from '/common/tasks-api.js';
import { pageSession } from '/common/session.js';
import { $, markReady, showMessage, showSignedIn, showSignInForm } from '/common/page.js';
import { signInFlow } from '/common/sign-in.js';
import { startTaskFeed } from '/common/task-feed.js';
import { FINAL_STATES, withAllowedActions } from '/common/task-format.js';
import { everySecond } from '/common/clock.js';
import { renderMyTasks } from './my-tasks.js';
import { TaskView } from './task-view.js';
import { ResultForm } from './result-form.js';
import { OwnPosition } from './position.js';
import { ViolationReport } from './violation-report.js';
import { reportViolation, violationTypes } from './violations-api.js';

const ROLE = 'patrol';
const session = pageSession('mgis.patrol');

const state = {
  session: null,
  unit: null,           // our unit id (string)
  unitInfo: null,       // {id, name, callSign, position}
  tasks: new Map(),
  clockOffsetMs: 0,
  position: new OwnPosition(),
};
window.mgisPatrol = state;

let feed = null;
let view = null;
let report = null;
let violationForm = null;

const describe = (err) => api.describeError(err, { role: ROLE });

const { start, handleError, onFeedState } = signInFlow({
  role: ROLE,
  wrongRole: { person: 'a patrol officer', account: 'a patrol account' },
  session,
  api,
  describe,
  describeLogin: (err) => api.describeError(err, { context: 'login' }),
  current: () => state.session,
  showLogin,
  startApp,
});

function unitName(id) {
  if (state.unitInfo && String(id) === state.unit) return state.unitInfo.callSign || state.unitInfo.name || `unit ${id}`;
  return `unit ${id}`;
}

// ---- tasks -----------------------------------------------------------------------

function acceptTask(incoming) {
  if (!incoming || incoming.id == null) return;
  const task = withAllowedActions(incoming, { role: ROLE, unit: state.unit });
  const id = String(task.id);
  const old = state.tasks.get(id);
  if (old && Number(old.version) > Number(task.version)) return;
  // A task newly sent to us: make the phone buzz once.
  if (task.state === 'dispatched' && old?.state !== 'dispatched') navigator.vibrate?.([200, 100, 200]);
  // Redispatched to another unit: it is no longer ours.
  if (state.unit && Array.isArray(task.units) && !task.units.map(String).includes(state.unit)) state.tasks.delete(id);
  else state.tasks.set(id, task);
  render();
}

async function reloadTasks() {
  try {
    const tasks = await api.listTasks(state.session.token);
    state.tasks.clear();
    for (const t of tasks) state.tasks.set(String(t.id), t);
    render();
  } catch (err) {
    if (!handleError(err)) showMessage(`Tasks could not be loaded: ${describe(err)}`);
  }
}

async function performAction(task, body) {
  try {
    const updated = await api.taskActionOrRefresh(state.session.token, task.id, body, acceptTask);
    acceptTask(updated);
    return updated;
  } catch (err) {
    if (handleError(err)) throw new Error('');
    // 400: the raw message names the fields; the report form places it.
    if (err?.status === 400) throw err;
    throw Object.assign(new Error(describe(err)), { status: err?.status });
  }
}

// ---- views -----------------------------------------------------------------------

function currentTaskId() {
  const m = /^#task-(\d+)$/.exec(location.hash);
  return m ? m[1] : null;
}

const REPORT_HASH = '#report';

function render() {
  if (!state.session) return;
  renderMyTasks($('my-tasks'), [...state.tasks.values()]);
  const reporting = location.hash === REPORT_HASH;
  $('violation-form').hidden = !reporting;
  if (reporting) {
    document.body.dataset.view = 'report';
    $('list-view').hidden = true;
    $('task-view').hidden = true;
    $('result-form').hidden = true;
    violationForm.open();
    return;
  }
  violationForm.close();
  const id = currentTaskId();
  const task = id ? state.tasks.get(id) : null;
  document.body.dataset.view = task ? 'task' : 'list';
  $('list-view').hidden = !!task;
  $('task-view').hidden = !task;
  if (!task) {
    $('result-form').hidden = true;
    return;
  }
  view.show(task, state.unit);
  const canComplete = (task.allowedActions ?? []).includes('complete');
  if (!canComplete || FINAL_STATES.has(task.state)) $('result-form').hidden = true;
  if (report.taskId !== String(task.id)) { report.reset(task); $('result-form').hidden = true; }
  $('tv-result').hidden = !task.result;
  if (task.result) $('tv-result').textContent = `Report sent: ${task.result.outcome.replace(/_/g, ' ')}, `
    + `${task.result.vehiclesChecked} vehicles, ${task.result.personsChecked} persons, ${task.result.violations?.length ?? 0} violation(s).`;
}

function openReport() {
  const form = $('result-form');
  form.hidden = false;
  form.scrollIntoView({ behavior: 'smooth', block: 'start' });
  $('r-vehicles').focus({ preventScroll: true });
}

async function submitReport(result) {
  const task = state.tasks.get(report.taskId);
  if (!task) throw new Error('The task is no longer assigned to your unit.');
  await performAction(task, { action: 'complete', result });
  $('result-form').hidden = true;
  showMessage(`Task "${task.title}" completed. Report sent.`, 'info');
  window.scrollTo({ top: 0 });
}

// ---- a violation on the spot ------------------------------------------------------------

const serverNow = () => Date.now() + state.clockOffsetMs;

function openViolationForm() {
  if ($('message').dataset.kind === 'info') showMessage('');
  location.hash = REPORT_HASH;
}

/** Back to the list without leaving #report in the history (Back must not reopen the form). */
function leaveViolationForm() {
  history.replaceState(history.state, '', location.pathname + location.search);
  render();
  window.scrollTo({ top: 0 });
}

async function sendViolation(body) {
  let created;
  try {
    created = await reportViolation(state.session.token, body);
  } catch (err) {
    if (handleError(err)) return null;
    throw err;
  }
  const type = $('vr-type').querySelector(`option[value="${CSS.escape(created.type ?? '')}"]`)?.textContent ?? created.type;
  showMessage(`Violation #${created.id} recorded: ${type}, ${created.goodsDescription}.`, 'info');
  leaveViolationForm();
  return created;
}

async function loadViolationTypes(token) {
  try {
    const types = await violationTypes(token);
    violationForm.setTypes(types);
    report.setTypes(types);
  } catch (err) {
    handleError(err); // otherwise the built-in list stays; the server names a wrong type on submit
  }
}

// ---- feed -----------------------------------------------------------------------------

function validPosition(p) {
  return p && p.unit != null && Number.isFinite(p.lat) && Number.isFinite(p.lon) && Number.isFinite(Date.parse(p.time));
}

function ownPosition(p) {
  if (!validPosition(p) || String(p.unit) !== state.unit) return;
  state.position.update(p);
  state.unitInfo = { ...(state.unitInfo ?? { id: state.unit, name: '', callSign: '' }), position: state.position.feed };
  view.setOwnPosition(state.unitInfo, Date.now() + state.clockOffsetMs);
}

function onSnapshot(msg) {
  const t = Date.parse(msg.time);
  if (Number.isFinite(t)) state.clockOffsetMs = t - Date.now();
  const mine = msg.units.find((u) => String(u?.id) === state.unit);
  if (mine) {
    state.unitInfo = { id: state.unit, name: mine.name ?? '', callSign: mine.callSign ?? '', position: null };
    $('unit-name').textContent = mine.callSign || mine.name || '';
    ownPosition(mine.position);
  }
  reloadTasks();
}

function renderConn(s) {
  $('conn-state').hidden = false;
  $('conn-state').dataset.state = s;
  $('conn-text').textContent = { connected: 'Live', connecting: 'Connecting…', rejected: 'Token rejected' }[s] ?? 'Offline…';
}

// ---- sign-in -----------------------------------------------------------------------------

function showLogin(message = '') {
  feed?.stop();
  feed = null;
  $('conn-state').hidden = true; // no feed to be offline from
  state.session = null;
  state.tasks.clear();
  document.body.dataset.view = 'login';
  $('list-view').hidden = true;
  $('task-view').hidden = true;
  $('result-form').hidden = true;
  $('violation-form').hidden = true;
  violationForm.close();
  showSignInForm(message, { focus: false });
}

async function startApp(s) {
  if (!s.user?.unit) {
    session.clear();
    showLogin(`${s.user?.name ?? 'This account'} is not assigned to a patrol unit. Ask an administrator.`);
    return;
  }
  state.session = s;
  state.unit = String(s.user.unit);
  showSignedIn(s.user.name);
  render();
  loadViolationTypes(s.token);
  await reloadTasks();
  markReady();
  feed = startTaskFeed(s.token, {
    onSnapshot,
    onPositions: (items) => items.forEach(ownPosition),
    onTask: acceptTask,
    onState: ({ state: st }) => {
      renderConn(st);
      onFeedState(st);
    },
  });
}

function main() {
  if (!window.L) showMessage('Could not load the map library (/vendor/leaflet/leaflet.js).');
  view = new TaskView($('task-view'), { onAction: performAction, onComplete: openReport, unitName });
  report = new ResultForm($('result-form'), { position: state.position, onSubmit: submitReport, describe });
  violationForm = new ViolationReport($('violation-form'), { position: state.position, serverNow, onSubmit: sendViolation, describe });
  $('report-violation').addEventListener('click', openViolationForm);
  $('violation-cancel').addEventListener('click', leaveViolationForm);
  window.addEventListener('hashchange', () => { render(); window.scrollTo({ top: 0 }); });
  everySecond((now) => {
    view.refreshMarkers(now + state.clockOffsetMs);
    violationForm.tick();
  });
  start();
}

main();
