// The create-task form: reads the fields into a Draft, lets the dispatcher draw
// the area on the map, and creates (and optionally dispatches) the task.
// DOM: #task-form with data-field="title" etc. on the inputs, #draw-polygon,
// #draw-circle, #draw-finish, #area-status, #task-save, #task-save-dispatch.

import { inputToMillis, millisToInput, formatUTC } from '/common/format.js';
import { AreaDrawer } from '/common/area-draw.js';
import { areaLayer, h } from '/common/task-format.js';
import { showFieldErrors, clearFieldErrors } from '/common/field-errors.js';

const DEFAULT_HOURS = 4;

function describeArea(area) {
  if (!area) return 'No area yet: draw one on the map.';
  if (area.type === 'circle') return `Circle, radius ${area.radiusMeters} m`;
  return `Polygon, ${area.rings[0].length} corners`;
}

export class TaskForm {
  /**
   * create(draft, {dispatch}) -> Promise<Task>; errors are ApiErrors whose
   * message names the field (shown next to it) or are described by describe(err).
   */
  constructor(form, map, { create, describe }) {
    this.form = form;
    this.map = map;
    this.create = create;
    this.describe = describe;
    this.area = null;
    this.preview = window.L.layerGroup().addTo(map);
    this.el = (id) => form.querySelector(`#${id}`);

    this.drawer = new AreaDrawer(map, {
      onDone: (area) => this.setArea(area),
      onChange: (mode, points, radius) => this.#drawing(mode, points, radius),
    });
    this.el('draw-polygon').addEventListener('click', () => this.#startDraw('polygon'));
    this.el('draw-circle').addEventListener('click', () => this.#startDraw('circle'));
    this.el('draw-finish').addEventListener('click', () => this.drawer.finish());
    this.el('draw-cancel').addEventListener('click', () => this.drawer.cancel());
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.#submit(e.submitter?.dataset.dispatch === '1');
    });
    // After the browser has reset the inputs, put the defaults (window, area) back.
    form.addEventListener('reset', () => { if (!this.resetting) setTimeout(() => this.clear(), 0); });
    this.clear();
  }

  setUnits(units) {
    const box = this.el('task-units-list');
    const checked = new Set([...box.querySelectorAll('input:checked')].map((c) => c.value));
    box.replaceChildren(...units.map((u) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'units', value: u.id, checked: checked.has(u.id) }), u.label)));
    if (!units.length) box.append(h('p', { class: 'dim small' }, 'No units.'));
  }

  clear() {
    const now = Date.now();
    const start = Math.ceil(now / 900_000) * 900_000; // next quarter hour
    this.el('task-start').value = millisToInput(start).slice(0, 16);
    this.el('task-end').value = millisToInput(start + DEFAULT_HOURS * 3_600_000).slice(0, 16);
    this.setArea(null);
    clearFieldErrors(this.form);
    this.#message('');
  }

  setArea(area) {
    this.area = area;
    this.preview.clearLayers();
    if (area) {
      const layer = areaLayer(area, { color: '#ffffff', weight: 2, dashArray: '4 4', fillOpacity: 0.1, interactive: false });
      this.preview.addLayer(layer);
    }
    this.form.dataset.area = area ? area.type : '';
    this.el('area-status').textContent = describeArea(area);
    this.#drawButtons(null);
  }

  #startDraw(mode) {
    if (this.drawer.mode === mode) { this.drawer.cancel(); return; }
    this.preview.clearLayers();
    this.drawer.start(mode);
    this.#drawButtons(mode);
  }

  #drawing(mode, points, radius) {
    this.#drawButtons(mode);
    const status = this.el('area-status');
    if (mode === 'polygon') {
      status.textContent = points.length < 3
        ? `Click the corners on the map (${points.length} so far).`
        : `${points.length} corners: double-click, click the first corner or "Finish" to close.`;
      this.el('draw-finish').disabled = points.length < 3;
    } else if (mode === 'circle') {
      status.textContent = points.length
        ? `Radius ${Math.round(radius ?? 0)} m: release or click to set it.`
        : 'Click (or press and drag from) the centre on the map.';
    } else {
      this.setArea(this.area);
    }
  }

  #drawButtons(mode) {
    this.el('draw-polygon').setAttribute('aria-pressed', String(mode === 'polygon'));
    this.el('draw-circle').setAttribute('aria-pressed', String(mode === 'circle'));
    this.el('draw-finish').hidden = mode !== 'polygon';
    this.el('draw-cancel').hidden = !mode;
  }

  #message(text, kind = 'error') {
    const el = this.el('task-form-message');
    el.dataset.kind = kind;
    el.textContent = text;
  }

  /** The Draft as the API wants it. */
  read() {
    const start = inputToMillis(this.el('task-start').value);
    const end = inputToMillis(this.el('task-end').value);
    return {
      type: this.el('task-type').value,
      title: this.el('task-title').value.trim(),
      instructions: this.el('task-instructions').value.trim(),
      priority: this.el('task-priority').value,
      area: this.area,
      window: { start: start == null ? '' : formatUTC(start), end: end == null ? '' : formatUTC(end) },
      units: [...this.form.querySelectorAll('input[name=units]:checked')].map((c) => c.value),
      checklist: this.el('task-checklist').value.split('\n').map((s) => s.trim()).filter(Boolean),
    };
  }

  async #submit(dispatch) {
    clearFieldErrors(this.form);
    this.#message('');
    if (this.drawer.active) this.drawer.finish();
    const draft = this.read();
    // Checked here too, so the common slips need no round trip.
    const local = [];
    if (!draft.title) local.push("field 'title' must not be empty");
    if (!draft.area) local.push("field 'area' must be drawn on the map");
    if (!draft.window.start || !draft.window.end) local.push("field 'window' needs a start and an end");
    else if (draft.window.end <= draft.window.start) local.push("field 'window.end' must be after the start");
    if (dispatch && !draft.units.length) local.push("field 'units' needs at least one unit to dispatch");
    if (local.length) {
      const rest = showFieldErrors(this.form, local.join('; '));
      if (rest.length) this.#message(rest.join('; '));
      return;
    }
    const buttons = this.form.querySelectorAll('button[type=submit]');
    for (const b of buttons) b.disabled = true;
    try {
      const task = await this.create(draft, { dispatch });
      this.resetting = true;
      this.form.reset();
      this.resetting = false;
      this.clear();
      this.#message(`Task #${task.id} "${task.title}" ${dispatch ? 'created and dispatched' : 'saved as a draft'}.`, 'info');
    } catch (err) {
      if (err?.status === 400) {
        const rest = showFieldErrors(this.form, err.message);
        if (rest.length) this.#message(`The server refused the task: ${rest.join('; ')}`);
      } else {
        this.#message(this.describe(err));
      }
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  }
}
