// One task on the officer's screen: what to do, where (small map with the area
// and the unit's own position), and big buttons for the next steps.
// DOM: #task-view[data-task-id][data-state], #task-actions button[data-action],
// #fail-form (reason), #task-map.

import {
  STATE_LABELS, ACTION_LABELS, TYPE_LABELS, formatWindow, monitoringLines, humanize, h, stateColor,
} from '/common/task-format.js';
import { TaskAreas } from '/common/task-areas.js';
import { UnitMarkers } from '/common/unit-markers.js';
import { loadMapConfig, addBasemap } from '/common/basemap.js';

// The order of the buttons follows the job; "fail" is last and styled as a danger.
const PATROL_ACTIONS = ['acknowledge', 'en_route', 'on_scene', 'complete', 'fail'];

export class TaskView {
  /** onAction(action, extra) -> Promise; onComplete() opens the report form. */
  constructor(root, { onAction, onComplete, unitName }) {
    this.root = root;
    this.onAction = onAction;
    this.onComplete = onComplete;
    this.unitName = unitName;
    this.task = null;
    this.map = null;
    root.querySelector('#fail-form').addEventListener('submit', (e) => { e.preventDefault(); this.#fail(); });
    root.querySelector('#fail-back').addEventListener('click', () => this.#showFail(false));
  }

  #ensureMap() {
    if (this.map) return;
    const L = window.L;
    // Small map: no zoom buttons in the way of the thumb; pinch and double tap still zoom.
    // Attribution on: the place names are GeoNames' (CC BY 4.0), which asks for it.
    this.map = L.map(this.root.querySelector('#task-map'), { zoomControl: false, zoomSnap: 0.25 });
    this.map.attributionControl.setPrefix(false);
    this.map.setView([54.7, 25.3], 11);
    loadMapConfig().then((config) => addBasemap(this.map, config));
    // No hover tooltips: on a phone they only pop up after a tap and cover the area.
    this.areas = new TaskAreas(this.map, { tooltips: false });
    this.markers = new UnitMarkers(this.map);
  }

  show(task, ownUnit) {
    const changedTask = this.task?.id !== task.id;
    this.task = task;
    const r = this.root;
    r.dataset.taskId = String(task.id);
    r.dataset.state = task.state;
    r.querySelector('#tv-title').textContent = task.title;
    const badge = r.querySelector('#tv-state');
    badge.textContent = STATE_LABELS[task.state] ?? task.state;
    badge.style.background = stateColor(task.state);
    r.querySelector('#tv-meta').textContent = `${TYPE_LABELS[task.type] ?? humanize(task.type)} · ${humanize(task.priority ?? 'normal')} priority · #${task.id}`;
    r.querySelector('#tv-window').textContent = formatWindow(task.window);
    const instructions = r.querySelector('#tv-instructions');
    instructions.textContent = task.instructions || '';
    instructions.hidden = !task.instructions;
    const checklist = r.querySelector('#tv-checklist');
    checklist.replaceChildren(...(task.checklist ?? []).map((c) => h('li', { class: c.done ? 'done' : '' }, c.text)));
    checklist.hidden = !(task.checklist ?? []).length;
    const mon = monitoringLines(task, { get: (u) => this.unitName(u) }).filter((m) => !ownUnit || m.unit === String(ownUnit));
    r.querySelector('#tv-monitoring').textContent = mon.map((m) => m.text).join(' · ');

    this.#renderActions(task);
    this.#ensureMap();
    // The map's box was hidden until now: Leaflet must measure it again.
    requestAnimationFrame(() => {
      this.map.invalidateSize();
      this.areas.sync([task]);
      if (changedTask) this.#fit();
    });
  }

  /** The unit's own position (from the feed). */
  setOwnPosition(unit, now) {
    if (!this.map) this.#ensureMap();
    this.markers.upsert(unit, now);
  }

  refreshMarkers(now) {
    this.markers?.refresh(now);
  }

  #fit() {
    const b = this.areas.bounds(this.task.id);
    if (!b?.isValid()) return;
    const own = [...this.markers.records.values()][0]?.marker.getLatLng();
    if (own) b.extend(own);
    this.map.fitBounds(b, { padding: [24, 24], maxZoom: 16 });
  }

  #renderActions(task) {
    const bar = this.root.querySelector('#task-actions');
    const allowed = PATROL_ACTIONS.filter((a) => (task.allowedActions ?? []).includes(a));
    bar.replaceChildren(...allowed.map((a) => h('button', {
      type: 'button',
      class: `big-action action-${a}`,
      dataset: { action: a },
      onclick: () => this.#click(a),
    }, a === 'complete' ? 'Complete…' : a === 'fail' ? 'Fail…' : ACTION_LABELS[a])));
    this.root.querySelector('#tv-no-actions').hidden = allowed.length > 0;
    if (!allowed.includes('fail')) this.#showFail(false);
  }

  #showFail(show) {
    this.root.querySelector('#fail-form').hidden = !show;
    if (show) this.root.querySelector('#fail-reason').focus();
  }

  async #click(action) {
    this.error('');
    if (action === 'complete') { this.onComplete(); return; }
    if (action === 'fail') { this.#showFail(true); return; }
    await this.#run({ action });
  }

  async #fail() {
    const reason = this.root.querySelector('#fail-reason').value.trim();
    if (!reason) { this.error('Say why the task could not be done.'); return; }
    if (await this.#run({ action: 'fail', reason })) {
      this.root.querySelector('#fail-reason').value = '';
      this.#showFail(false);
    }
  }

  async #run(body) {
    const buttons = this.root.querySelectorAll('#task-actions button, #fail-form button');
    for (const b of buttons) b.disabled = true;
    try {
      await this.onAction(this.task, body);
      return true;
    } catch (err) {
      this.error(err.message || String(err));
      return false;
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  }

  error(text) {
    this.root.querySelector('#tv-error').textContent = text;
  }
}
