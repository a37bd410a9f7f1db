// At the default view a Gi* cell of a few hundred metres is a speck under the violation
// bubbles: the analyst saw no hot spots at all. Each group of touching significant cells
// (hot with hot, cold with cold) gets a ring around it, above the bubbles, while its cells
// are too small to see; zoomed in, the cells speak for themselves and the ring goes.
// DOM contract: path.hotspot-ring[data-cells][data-visible="1"|"0"].

import { hotspotColour } from './colours.js';

const PANE = 'hotspotRings';
const VISIBLE_BELOW_PX = 48; // a group this wide on screen is seen without a ring

/** Groups of cells adjacent by row/col (queen contiguity) with the same sign. */
function groups(features) {
  const key = (r, c) => `${r},${c}`;
  const byCell = new Map(features.map((f) => [key(f.properties.row, f.properties.col), f]));
  const seen = new Set();
  const out = [];
  for (const f of features) {
    const start = key(f.properties.row, f.properties.col);
    if (seen.has(start)) continue;
    const sign = Math.sign(f.properties.gi_bin);
    const group = [];
    const todo = [f];
    seen.add(start);
    while (todo.length) {
      const g = todo.pop();
      group.push(g);
      for (let dr = -1; dr <= 1; dr += 1) {
        for (let dc = -1; dc <= 1; dc += 1) {
          const k = key(g.properties.row + dr, g.properties.col + dc);
          const n = byCell.get(k);
          if (n && !seen.has(k) && Math.sign(n.properties.gi_bin) === sign) { seen.add(k); todo.push(n); }
        }
      }
    }
    out.push(group);
  }
  return out;
}

/** Adds the rings of `cellsLayer`'s significant cells to `group`; returns a redraw for zoomend. */
export function addHotspotRings(map, group, cellsLayer) {
  const L = window.L;
  if (!map.getPane(PANE)) {
    const pane = map.createPane(PANE);
    pane.style.zIndex = 650; // markerPane is 600: over the violation bubbles
    pane.style.pointerEvents = 'none';
  }
  const bounds = new Map();
  cellsLayer.eachLayer((l) => bounds.set(l.feature, l.getBounds()));
  const rings = groups([...bounds.keys()].filter((f) => Number.isFinite(f.properties?.row))).map((cells) => {
    const b = L.latLngBounds(cells.map((f) => bounds.get(f)));
    const bin = cells.reduce((m, f) => (Math.abs(f.properties.gi_bin) > Math.abs(m) ? f.properties.gi_bin : m), 0);
    const ring = L.circleMarker(b.getCenter(), {
      pane: PANE, interactive: false, fill: false, weight: 3, dashArray: '6 4',
      color: hotspotColour(bin), className: `hotspot-ring ${bin > 0 ? 'hot' : 'cold'}`,
    });
    group.addLayer(ring);
    ring.getElement()?.setAttribute('data-cells', String(cells.length));
    return { ring, bounds: b };
  });
  const redraw = () => {
    for (const { ring, bounds: b } of rings) {
      if (!map.hasLayer(ring)) continue; // the layer was switched off
      const ne = map.latLngToContainerPoint(b.getNorthEast());
      const sw = map.latLngToContainerPoint(b.getSouthWest());
      const size = Math.max(Math.abs(ne.x - sw.x), Math.abs(ne.y - sw.y));
      const visible = size < VISIBLE_BELOW_PX;
      ring.setRadius(Math.max(26, size * 0.75 + 12));
      ring.setStyle({ opacity: visible ? 0.95 : 0 });
      ring.getElement()?.setAttribute('data-visible', visible ? '1' : '0');
    }
  };
  redraw();
  return redraw;
}
