// Task areas on a map, one layer per task, coloured by state. Finished tasks
// are drawn faint (dashed) so the open work stands out.

import { areaLayer, stateColor, STATE_LABELS, FINAL_STATES } from './task-format.js';
import { lines } from './dom.js';
import { keepOffMarkers } from './tooltip-placement.js';

export class TaskAreas {
  constructor(map, { onSelect = null, showFinal = true, tooltips = true } = {}) {
    this.tooltips = tooltips;
    this.map = map;
    this.onSelect = onSelect;
    this.showFinal = showFinal;
    this.group = window.L.featureGroup().addTo(map);
    this.layers = new Map(); // task id -> {layer, state, version}
  }

  /** Adds or redraws one task's area (only when state/version changed). */
  upsert(task) {
    const id = String(task.id);
    const old = this.layers.get(id);
    if (old && old.version === task.version && old.state === task.state) return;
    if (old) old.layer.remove();
    if (!this.showFinal && FINAL_STATES.has(task.state)) {
      this.layers.delete(id);
      return;
    }
    const color = stateColor(task.state);
    const final = FINAL_STATES.has(task.state);
    const layer = areaLayer(task.area, {
      color,
      weight: final ? 1 : 2,
      opacity: final ? 0.5 : 0.9,
      dashArray: final || task.state === 'draft' ? '5 5' : null,
      fillColor: color,
      fillOpacity: final ? 0.04 : 0.15,
    });
    if (!layer) return;
    // A node, not a string: Leaflet would insert a string (the title a dispatcher typed) as HTML.
    if (this.tooltips) {
      layer.bindTooltip(lines(`${task.title} — ${STATE_LABELS[task.state] ?? task.state}`), { sticky: true, direction: 'top', offset: [0, -14] });
      // After Leaflet's own handler has moved it to the pointer: off the unit symbols.
      layer.on('tooltipopen mousemove', () => keepOffMarkers(layer.getTooltip(), this.map));
    }
    if (this.onSelect) layer.on('click', () => this.onSelect(id));
    this.group.addLayer(layer);
    this.layers.set(id, { layer, state: task.state, version: task.version });
  }

  /** Replaces all areas with those of `tasks`. */
  sync(tasks) {
    const keep = new Set(tasks.map((t) => String(t.id)));
    for (const [id, rec] of this.layers) {
      if (!keep.has(id)) { rec.layer.remove(); this.layers.delete(id); }
    }
    for (const t of tasks) this.upsert(t);
  }

  bounds(id) {
    return this.layers.get(String(id))?.layer.getBounds() ?? null;
  }

  focus(id) {
    const b = this.bounds(id);
    if (b?.isValid()) this.map.fitBounds(b, { padding: [40, 40], maxZoom: 16 });
  }
}
