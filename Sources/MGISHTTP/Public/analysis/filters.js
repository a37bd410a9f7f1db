// The filter panel (#filters): time range, types, unit, value range, a drawn
// area, grid cell size, density bandwidth, DBSCAN eps/minPoints and the time
// zone for the time analyses. Every change (debounced) calls onChange(filters);
// the area is drawn on the map with the dispatcher console's AreaDrawer (plain
// Leaflet clicks).

import { AreaDrawer } from '/common/area-draw.js';
import { showFieldErrors, clearFieldErrors } from '/common/field-errors.js';
import { TIME_ZONE, inputToMillis, millisToInput } from '/common/format.js';

const DEBOUNCE_MS = 350;
const DAY = 86_400_000;

/** "2024-05-01T10:00" in the service's zone, for datetime-local inputs. */
function localInput(ms) {
  return millisToInput(ms).slice(0, 16);
}

function number(input) {
  const v = input.value.trim();
  if (v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : NaN;
}

export class FilterPanel {
  constructor(form, map, { onChange = () => {}, colour = '#ffb300' } = {}) {
    this.form = form;
    this.map = map;
    this.onChange = onChange;
    this.types = [];
    this.area = null;            // [{lat, lon}, ...] or null
    this.timer = null;
    this.el = (name) => form.querySelector(`[name="${name}"]`);
    this.areaLayer = window.L.layerGroup().addTo(map);
    this.colour = colour;
    this.drawer = new AreaDrawer(map, {
      color: colour,
      onDone: (area) => this.#areaDrawn(area),
      onChange: (mode, points) => this.#drawing(mode, points),
    });

    form.addEventListener('submit', (e) => { e.preventDefault(); this.#emit(); });
    form.addEventListener('change', (e) => { if (!e.target.closest('[data-no-auto]')) this.#schedule(); });
    form.querySelector('#draw-area').addEventListener('click', () => {
      if (this.drawer.active) this.drawer.finish(); else this.drawer.start('polygon');
    });
    form.querySelector('#clear-area').addEventListener('click', () => this.setArea(null));
    for (const b of form.querySelectorAll('[data-range]')) {
      b.addEventListener('click', () => this.#quickRange(b.dataset.range));
    }
    form.querySelector('#types-all').addEventListener('click', () => this.#checkAllTypes(true));
    form.querySelector('#types-none').addEventListener('click', () => this.#checkAllTypes(false));
    this.#fillZones();
  }

  #fillZones() {
    const select = this.el('tz');
    const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
    for (const z of [TIME_ZONE, own, 'UTC']) {
      if (!z || [...select.options].some((o) => o.value === z)) continue;
      select.append(new Option(z, z));
    }
    select.value = TIME_ZONE;
  }

  /** [{code, label}] -> one checkbox each, all checked. */
  setTypes(types) {
    this.types = types;
    const box = this.form.querySelector('#f-types-list');
    box.replaceChildren(...types.map((t, i) => {
      const label = document.createElement('label');
      label.className = 'check';
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.name = 'type';
      input.value = t.code;
      input.checked = true;
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = `var(--type-${i}, #888)`;
      label.append(input, swatch, document.createTextNode(` ${t.label || t.code}`));
      return label;
    }));
  }

  /** [{id, label}] for the unit select (first option: all units). */
  setUnits(units) {
    const select = this.el('unit');
    const keep = select.value;
    select.replaceChildren(new Option('All units', ''), ...units.map((u) => new Option(u.label, u.id)));
    select.value = keep;
  }

  #checkAllTypes(on) {
    for (const c of this.form.querySelectorAll('input[name="type"]')) c.checked = on;
    this.#schedule();
  }

  #quickRange(range) {
    const now = Date.now();
    const days = { '30d': 30, '90d': 90, '365d': 365 }[range];
    this.el('from').value = days ? localInput(now - days * DAY) : '';
    this.el('to').value = '';
    this.#schedule();
  }

  #drawing(mode, points) {
    const status = this.form.querySelector('#area-status');
    const button = this.form.querySelector('#draw-area');
    button.setAttribute('aria-pressed', mode ? 'true' : 'false');
    button.textContent = mode ? (points.length >= 3 ? 'Finish area' : 'Drawing…') : 'Draw area';
    if (mode) {
      status.textContent = points.length < 3
        ? `Click the map to add corners (${points.length} so far, at least 3). Esc cancels.`
        : `${points.length} corners. Double-click, click the first corner or "Finish area".`;
    } else {
      status.textContent = this.area ? `Area with ${this.area.length} corners.` : 'Whole study area.';
    }
  }

  #areaDrawn(area) {
    this.setArea(area.rings[0]);
  }

  /** ring: [{lat, lon}] or null (the whole study area). */
  setArea(ring) {
    this.drawer.cancel();
    this.area = ring && ring.length >= 3 ? ring : null;
    this.areaLayer.clearLayers();
    if (this.area) {
      window.L.polygon(this.area.map((p) => [p.lat, p.lon]), {
        color: this.colour, weight: 2, dashArray: '6 4', fill: false, interactive: false, className: 'filter-area',
      }).addTo(this.areaLayer);
    }
    this.form.querySelector('#clear-area').hidden = !this.area;
    this.form.dataset.area = this.area ? 'polygon' : '';
    this.#drawing(null, []);
    this.#schedule(0);
  }

  #schedule(ms = DEBOUNCE_MS) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.#emit(), ms);
  }

  #emit() {
    clearTimeout(this.timer);
    const f = this.value();
    if (f) this.onChange(f);
  }

  /** The filters, or null (with the problems shown at the fields) when invalid. */
  value() {
    clearFieldErrors(this.form);
    const problems = [];
    const at = (name) => {
      const v = this.el(name).value;
      if (!v) return null;
      const ms = inputToMillis(v);
      if (ms == null) { problems.push(`${name}: not a valid date and time`); return null; }
      return new Date(ms).toISOString();
    };
    const from = at('from');
    const to = at('to');
    if (from && to && from >= to) problems.push('to: must be after the start');
    const checked = [...this.form.querySelectorAll('input[name="type"]')].filter((c) => c.checked).map((c) => c.value);
    if (this.types.length && checked.length === 0) problems.push('types: choose at least one type');
    const minValue = number(this.el('minValue'));
    const maxValue = number(this.el('maxValue'));
    if (Number.isNaN(minValue) || minValue < 0) problems.push('minValue: a number of euros, 0 or more');
    if (Number.isNaN(maxValue) || maxValue < 0) problems.push('maxValue: a number of euros, 0 or more');
    if (minValue != null && maxValue != null && minValue > maxValue) problems.push('maxValue: must not be below the minimum');
    const cell = number(this.el('cell'));
    if (!(cell >= 50 && cell <= 50_000)) problems.push('cell: 50 to 50 000 metres');
    const bandwidth = number(this.el('bandwidth'));
    if (Number.isNaN(bandwidth) || (bandwidth != null && bandwidth <= 0)) problems.push('bandwidth: metres above 0, or empty for automatic');
    const eps = number(this.el('eps'));
    if (!(eps > 0)) problems.push('eps: metres above 0');
    const minPoints = number(this.el('minPoints'));
    if (!(Number.isInteger(minPoints) && minPoints >= 1)) problems.push('minPoints: a whole number, 1 or more');
    if (problems.length) {
      showFieldErrors(this.form, problems.join('; '));
      return null;
    }
    return {
      from, to,
      // All types checked = no type filter, so new types need no page reload.
      types: checked.length === this.types.length ? null : checked,
      unit: this.el('unit').value || null,
      minValue, maxValue,
      area: this.area,
      cell, bandwidth, eps, minPoints,
      tz: this.el('tz').value || TIME_ZONE,
    };
  }

  /** Server 400s ("cell: ..."), shown next to the fields; returns what matched none. */
  showServerError(message) {
    return showFieldErrors(this.form, message);
  }
}
