// The side panel for what was clicked on the map (#cell-violations): a grid or
// hot-spot cell, a DBSCAN cluster or a single violation, with the list of its
// violations (GET /api/v1/violations with the cell as `area` plus the filters),
// and "Plan a task here" (#plan-task) for a hot cell.

import { HOTSPOT_BINS } from './colours.js';
import { areaParam } from './violations-api.js';
import { WEEKDAYS } from './heat-matrix.js';

const LIST_LIMIT = 500;
const eur = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const fmt = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const LAYER_NAMES = { grid: 'Grid cell', density: 'Density cell', hotspots: 'Hot-spot cell', effort: 'Patrol-effort cell' };

function inRing(lat, lon, ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if ((a.lat > lat) !== (b.lat > lat) && lon < ((b.lon - a.lon) * (lat - a.lat)) / (b.lat - a.lat) + a.lon) inside = !inside;
  }
  return inside;
}

function ringCentre(ring) {
  const pts = ring.length > 3 && ring[0].lat === ring[ring.length - 1].lat && ring[0].lon === ring[ring.length - 1].lon ? ring.slice(0, -1) : ring;
  return {
    lat: pts.reduce((a, p) => a + p.lat, 0) / pts.length,
    lon: pts.reduce((a, p) => a + p.lon, 0) / pts.length,
  };
}

const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
};

export class SelectionPanel {
  /**
   * root: #cell-violations. options: list(params, signal) -> {items, total};
   * get(id) -> Violation; plan(body) -> {task, plan}; filters() -> current filters;
   * filterParams(filters); typeInfo(code); formatTime(iso, tz); map; describe(err, context).
   */
  constructor(root, options) {
    this.root = root;
    this.o = options;
    this.title = root.querySelector('#selection-title');
    this.summary = root.querySelector('#selection-summary');
    this.list = root.querySelector('#violation-list');
    this.planBox = root.querySelector('#plan-box');
    this.planButton = root.querySelector('#plan-task');
    this.planNote = root.querySelector('#plan-note');
    this.planResult = root.querySelector('#plan-result');
    this.ctrl = null;
    this.detail = null;
    this.highlight = window.L.layerGroup().addTo(options.map);
    this.planned = window.L.layerGroup().addTo(options.map);
    this.planButton.addEventListener('click', () => this.#plan());
    root.querySelector('#selection-close').addEventListener('click', () => this.clear());
    this.clear();
  }

  clear() {
    this.ctrl?.abort();
    this.detail = null;
    this.root.dataset.state = 'empty';
    this.root.dataset.count = '0';
    this.title.textContent = 'Nothing selected';
    this.summary.textContent = 'Click a grid or hot-spot cell, a cluster or a violation on the map to list its violations.';
    this.list.replaceChildren();
    this.planBox.hidden = true;
    this.highlight.clearLayers();
    this.o.onClear?.();
  }

  /** Filters changed: the list is re-read for the same selection. */
  refresh() {
    if (this.detail) this.show(this.detail);
  }

  async show(detail) {
    this.ctrl?.abort();
    const ctrl = new AbortController();
    this.ctrl = ctrl;
    this.detail = detail;
    this.root.dataset.state = 'loading';
    this.root.dataset.kind = detail.kind;
    this.root.hidden = false;
    this.list.replaceChildren(el('li', 'dim', 'Loading…'));
    this.planResult.replaceChildren();
    this.#heading(detail);
    this.#planControls(detail);
    const filters = this.o.filters();
    try {
      let items;
      let total;
      if (detail.kind === 'violation') {
        items = [detail.violation];
        total = 1;
      } else if (detail.kind === 'violationId') {
        items = [await this.o.get(detail.id)];
        total = 1;
      } else {
        const ring = detail.kind === 'cell' ? detail.ring : this.#bbox(detail.members);
        const params = { ...this.o.filterParams(filters), area: areaParam(ring), limit: LIST_LIMIT };
        ({ items, total } = await this.o.list(params, ctrl.signal));
        // The cell/cluster box replaced a drawn area in the query; apply that here.
        if (filters.area) items = items.filter((v) => inRing(v.location.lat, v.location.lon, filters.area));
        if (detail.kind === 'cluster') {
          const ids = new Set(detail.members.map((m) => m.id));
          items = items.filter((v) => ids.has(v.id));
          total = items.length;
        }
      }
      if (ctrl.signal.aborted) return;
      items.sort((a, b) => String(b.observed).localeCompare(String(a.observed)));
      this.#render(items, total, filters);
    } catch (err) {
      if (ctrl.signal.aborted || err?.code === 'aborted') return;
      this.root.dataset.state = 'error';
      const text = this.o.describe(err);
      this.list.replaceChildren(el('li', 'bad', text || 'Could not load the violations.'));
    }
  }

  #bbox(members) {
    const lats = members.map((m) => m.lat);
    const lons = members.map((m) => m.lon);
    const pad = 0.0002; // ~20 m, so points on the box's edge are inside
    const s = Math.min(...lats) - pad;
    const n = Math.max(...lats) + pad;
    const w = Math.min(...lons) - pad;
    const e = Math.max(...lons) + pad;
    return [{ lat: s, lon: w }, { lat: s, lon: e }, { lat: n, lon: e }, { lat: n, lon: w }];
  }

  #heading(d) {
    if (d.kind === 'cell') {
      const p = d.feature?.properties ?? {};
      const bin = HOTSPOT_BINS.find((b) => b.bin === d.giBin);
      this.title.textContent = `${LAYER_NAMES[d.source] ?? 'Cell'} (row ${p.row}, col ${p.col})`;
      const bits = [];
      if (bin) bits.push(bin.label);
      if (p.count != null) bits.push(`${p.count} violation${p.count === 1 ? '' : 's'} counted`);
      if (p.gi_z != null) bits.push(`z = ${fmt.format(p.gi_z)}`);
      if (p.hours != null) bits.push(`${fmt.format(p.hours)} patrol hours`);
      if (p.density_per_km2 != null) bits.push(`${fmt.format(p.density_per_km2)} / km²`);
      this.summary.textContent = bits.join(' · ');
      this.highlight.clearLayers();
      if (d.ring) {
        window.L.polygon(d.ring.map((q) => [q.lat, q.lon]), { color: '#ffffff', weight: 2.5, fill: false, interactive: false, className: 'selected-cell' }).addTo(this.highlight);
      }
    } else if (d.kind === 'cluster') {
      this.title.textContent = `DBSCAN cluster ${d.cluster}`;
      this.summary.textContent = `${d.members.length} violations within ${this.o.filters().eps} m of each other (min. ${this.o.filters().minPoints} points).`;
      this.highlight.clearLayers();
    } else {
      this.title.textContent = 'Violation';
      this.summary.textContent = '';
      this.highlight.clearLayers();
    }
  }

  #planControls(d) {
    const cell = d.kind === 'cell';
    this.planBox.hidden = !cell;
    if (!cell) return;
    const hot = d.source !== 'hotspots' || d.giBin >= 2;
    this.planButton.disabled = !hot;
    this.planNote.textContent = hot
      ? 'Suggests a draft patrol task over the hot cells around here, at the busiest hours of the busiest weekday.'
      : 'Only hot cells at 95 % or more can be planned.';
  }

  #render(items, total, filters) {
    this.root.dataset.state = 'ready';
    this.root.dataset.count = String(items.length);
    const rows = items.map((v) => {
      const info = this.o.typeInfo(v.type);
      const li = el('li', 'violation-item');
      li.dataset.id = String(v.id);
      li.tabIndex = 0;
      const head = el('div', 'v-head');
      const dot = el('span', 'legend-dot');
      dot.style.background = info.colour;
      head.append(dot, el('strong', null, info.label), el('span', 'v-time', this.o.formatTime(v.observed, filters.tz)));
      li.append(head);
      const what = [v.goodsDescription, v.quantity != null ? `${v.quantity} ${v.quantityUnit ?? ''}`.trim() : null,
        v.estimatedValueEUR != null ? eur.format(v.estimatedValueEUR) : null].filter(Boolean).join(' · ');
      if (what) li.append(el('div', 'v-what', what));
      const where = [v.roadOrCrossing, v.vehiclePlate ? `${v.vehiclePlate}${v.vehicleCountry ? ` (${v.vehicleCountry})` : ''}` : null,
        v.unit != null ? `unit ${v.unit}` : null, v.status].filter(Boolean).join(' · ');
      if (where) li.append(el('div', 'v-where dim', where));
      const go = () => this.#flash(v);
      li.addEventListener('click', go);
      li.addEventListener('keydown', (e) => { if (e.key === 'Enter') go(); });
      return li;
    });
    if (!rows.length) rows.push(el('li', 'dim', 'No violations here for the current filters.'));
    this.list.replaceChildren(...rows);
    const more = total > items.length ? ` (newest ${items.length} of ${total})` : '';
    const line = el('p', 'list-count', `${items.length} violation${items.length === 1 ? '' : 's'}${more}`);
    this.list.prepend(line);
  }

  #flash(v) {
    const L = window.L;
    const ll = [v.location.lat, v.location.lon];
    this.highlight.eachLayer((l) => { if (l.options?.className === 'flash-point') this.highlight.removeLayer(l); });
    L.circleMarker(ll, { radius: 12, color: '#ffffff', weight: 3, fill: false, interactive: false, className: 'flash-point' }).addTo(this.highlight);
    this.o.map.panTo(ll);
  }

  async #plan() {
    const d = this.detail;
    if (!d || d.kind !== 'cell') return;
    const f = this.o.filters();
    const centre = d.ring ? ringCentre(d.ring) : { lat: d.latlng.lat, lon: d.latlng.lng };
    const body = { lat: centre.lat, lon: centre.lon, cell: f.cell, tz: f.tz };
    if (f.from) body.from = f.from;
    if (f.to) body.to = f.to;
    if (f.types) body.types = f.types;
    this.planButton.disabled = true;
    this.planResult.replaceChildren(el('p', 'dim', 'Planning…'));
    try {
      const { task, plan } = await this.o.plan(body);
      this.#showPlan(task, plan, f.tz);
    } catch (err) {
      const text = this.o.describe(err, 'plan');
      this.planResult.replaceChildren(el('p', 'bad plan-error', text));
    } finally {
      this.planButton.disabled = false;
    }
  }

  #showPlan(task, plan, tz) {
    const box = el('div', 'plan-created');
    box.dataset.taskId = String(task?.id ?? '');
    box.append(el('p', 'plan-ok', `Draft task #${task?.id ?? '?'} created`));
    box.append(el('p', 'plan-title', task?.title || plan?.title || ''));
    const w = task?.window;
    if (w?.start && w?.end) {
      box.append(el('p', 'plan-window', `${this.o.formatTime(w.start, tz)} – ${this.o.formatTime(w.end, tz)}`));
    }
    if (plan) {
      const day = WEEKDAYS[(Number(plan.weekday) || 1) - 1];
      const bits = [`${day}s from ${String(plan.startHour).padStart(2, '0')}:00 for ${plan.windowHours} h`];
      if (plan.violationCount != null) bits.push(`${plan.violationCount} violations in the hot cells`);
      if (plan.maxZ != null) bits.push(`max z ${fmt.format(plan.maxZ)}`);
      box.append(el('p', 'dim small', bits.join(' · ')));
    }
    const link = el('a', 'plan-link', 'Open the dispatcher console to dispatch it →');
    link.href = '/dispatch/';
    link.target = '_blank';
    link.rel = 'noopener';
    box.append(link);
    this.planResult.replaceChildren(box);
    // The suggested area on the map.
    this.planned.clearLayers();
    const area = task?.area;
    const L = window.L;
    const style = { color: '#4fc3f7', weight: 2.5, dashArray: '8 5', fillOpacity: 0.08, interactive: false, className: 'planned-area' };
    if (area?.type === 'polygon' && Array.isArray(area.rings)) {
      L.polygon(area.rings.map((r) => r.map((p) => [p.lat, p.lon])), style).addTo(this.planned);
    } else if (area?.type === 'circle' && area.center) {
      L.circle([area.center.lat, area.center.lon], { ...style, radius: area.radiusMeters }).addTo(this.planned);
    }
  }
}
