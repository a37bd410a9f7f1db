// The analysis layers on the map. Each is a Leaflet layer group that the layer
// control (and the #layer-* checkboxes) switch; a layer fetches its data only
// when it is on, and again when the filters it depends on change. Rendered
// paths/markers carry the class "layer-<key>" so the DOM shows what is drawn.
// Tooltips, icons and the legend are DOM nodes built with textContent and
// element.style: no HTML strings, so no user text is parsed as HTML and a strict
// Content-Security-Policy (no inline style attributes) holds.

import * as api from './violations-api.js';
import { heat, effort, scaled, hotspotColour, HOTSPOT_BINS, categorical, gradient } from './colours.js';
import { h, lines, swatch } from '/common/dom.js';
import { addHotspotRings } from './hotspot-rings.js';

export const LAYER_DEFS = [
  { key: 'points', label: 'Violations' },
  { key: 'grid', label: 'Grid counts' },
  { key: 'density', label: 'Kernel density' },
  { key: 'hotspots', label: 'Hot spots (Gi*)' },
  { key: 'clusters', label: 'DBSCAN clusters' },
  { key: 'effort', label: 'Patrol effort' },
];

const POINT_LIMIT = 10000;
const MAX_EMPTY_EFFORT_CELLS = 4000; // beyond this, unpatrolled empty cells are not drawn

const fmt = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const fmt2 = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const eur = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const strong = (text) => h('strong', {}, text);
const dim = (text) => h('div', { className: 'dim' }, text);
/** A p-value as a reader takes it: "p = 0.0" said "certain", which no test is. */
const pValue = (p) => (!Number.isFinite(p) ? 'p unknown' : p < 0.001 ? 'p < 0.001' : `p = ${Number(p.toPrecision(2))}`);
/** Patrol time: minutes while under an hour (a legend of "0 … 0 hours" said nothing). */
const duration = (hours) => (hours < 1 ? `${Math.round(hours * 60)} min` : `${fmt.format(hours)} h`);

/** Summed value of a grid cell (the API names it value_sum_eur; the contract draft said value_eur). */
const cellValue = (f) => Number(f.properties?.value_sum_eur ?? f.properties?.value_eur) || 0;
/** Cluster point properties: {violation_id|id, cluster, role: core|border|noise | core: bool}. */
const clusterId = (p) => p?.violation_id ?? p?.id;
const isCore = (p) => p?.role === 'core' || p?.core === true;

/** What a layer's request depends on; equal params = no reload. */
function requestParams(key, f) {
  const base = api.filterParams(f);
  switch (key) {
    case 'points': return { kind: null, params: { ...base, limit: POINT_LIMIT } };
    case 'grid': return { kind: 'grid', params: { ...base, cell: f.cell } };
    case 'density': return { kind: 'density', params: { ...base, cell: f.cell, bandwidth: f.bandwidth ?? undefined } };
    case 'hotspots': return { kind: 'hotspots', params: { ...base, cell: f.cell } };
    case 'clusters': return { kind: 'clusters', params: { ...base, eps: f.eps, minPoints: f.minPoints } };
    case 'effort': return { kind: 'effort', params: { ...base, cell: f.cell } };
    default: throw new Error(`unknown layer ${key}`);
  }
}

/** A GeoJSON polygon feature's outer ring as [{lat, lon}]. */
export function featureRing(feature) {
  const g = feature?.geometry;
  const ring = g?.type === 'Polygon' ? g.coordinates[0] : g?.type === 'MultiPolygon' ? g.coordinates[0][0] : null;
  return ring ? ring.map(([lon, lat]) => ({ lat, lon })) : null;
}

export class AnalysisLayers {
  /**
   * options: token() -> bearer token; typeInfo(code) -> {label, colour};
   * onSelect({kind, ...}) for clicks; onState(key, state, info) for the UI;
   * onData(key, bounds) after a load with data; onError(key, err).
   */
  constructor(map, options) {
    this.map = map;
    this.o = options;
    this.filters = null;
    this.entries = new Map();
    this.selected = null;
    const L = window.L;
    const clustering = typeof L.markerClusterGroup === 'function';
    for (const def of LAYER_DEFS) {
      const group = def.key === 'points' && clustering
        ? L.markerClusterGroup({
          chunkedLoading: true,
          showCoverageOnHover: false,
          maxClusterRadius: 50,
          iconCreateFunction: (c) => this.#clusterIcon(c),
        })
        : L.featureGroup();
      const entry = { def, group, stamp: null, ctrl: null, info: null, state: 'off', data: null };
      group.on('add', () => { this.#setState(entry, 'on'); this.#ensure(entry); });
      group.on('remove', () => { entry.ctrl?.abort(); this.#setState(entry, 'off'); this.o.onLegend?.(); });
      this.entries.set(def.key, entry);
    }
    this.clustering = clustering;
  }

  /**
   * {label: layer} for L.control.layers, labels with a swatch for the layer. Leaflet
   * inserts these names as HTML: they are the constant LAYER_DEFS, never user text.
   */
  overlays() {
    const out = {};
    for (const e of this.entries.values()) out[`<span class="ctl-label ctl-${e.def.key}">${e.def.label}</span>`] = e.group;
    return out;
  }

  isOn(key) { return this.map.hasLayer(this.entries.get(key).group); }

  toggle(key, on) {
    const e = this.entries.get(key);
    if (on && !this.map.hasLayer(e.group)) e.group.addTo(this.map);
    if (!on && this.map.hasLayer(e.group)) this.map.removeLayer(e.group);
  }

  activeKeys() { return LAYER_DEFS.map((d) => d.key).filter((k) => this.isOn(k)); }

  /** New filters: active layers whose request changed reload now, the others when switched on. */
  setFilters(filters) {
    this.filters = filters;
    for (const e of this.entries.values()) if (this.isOn(e.def.key)) this.#ensure(e);
  }

  /** Request of a layer for the current filters (for exports): {kind, params}. */
  request(key) { return this.filters ? requestParams(key, this.filters) : null; }

  data(key) { return this.entries.get(key)?.data ?? null; }

  info(key) { return this.entries.get(key)?.info ?? null; }

  reloadAll() {
    for (const e of this.entries.values()) e.stamp = null;
    if (this.filters) this.setFilters(this.filters);
  }

  #setState(entry, state, info) {
    entry.state = state;
    this.o.onState?.(entry.def.key, state, info ?? entry.info);
  }

  async #ensure(entry) {
    if (!this.filters) return;
    const { kind, params } = requestParams(entry.def.key, this.filters);
    const stamp = JSON.stringify([kind, params, entry.def.key === 'effort' ? this.filters.effortBy : null]);
    if (entry.stamp === stamp) { this.#setState(entry, 'ready'); return; }
    entry.ctrl?.abort();
    const ctrl = new AbortController();
    entry.ctrl = ctrl;
    entry.stamp = stamp;
    this.#setState(entry, 'loading');
    try {
      const token = this.o.token();
      let result;
      if (kind) {
        try {
          result = await api.analysis(token, kind, params, ctrl.signal);
        } catch (err) {
          // 404 no_data: nothing matches the filters, an empty layer rather than an error.
          if (err?.status !== 404 || err?.code !== 'no_data') throw err;
          result = { data: { type: 'FeatureCollection', features: [] }, headers: new Headers() };
        }
      } else {
        result = { data: await api.listViolations(token, params, ctrl.signal), headers: new Headers() };
      }
      if (ctrl.signal.aborted || entry.ctrl !== ctrl) return;
      entry.data = result.data;
      entry.group.clearLayers();
      if (this.selected?.source === entry.def.key) this.selected = null;
      entry.info = this[`render_${entry.def.key}`](entry, result.data, result.headers);
      this.#setState(entry, 'ready', entry.info);
      this.o.onLegend?.();
      const bounds = entry.group.getBounds?.();
      if (bounds?.isValid()) this.o.onData?.(entry.def.key, bounds);
    } catch (err) {
      if (entry.ctrl !== ctrl) return;           // superseded
      entry.stamp = null;                         // try again next time
      if (err?.code === 'aborted') return;
      this.#setState(entry, 'error');
      this.o.onError?.(entry.def.key, err);
    }
  }

  // ---- selection ----------------------------------------------------------------

  #select(layer, detail) {
    if (this.selected?.layer && this.selected.layer !== layer) {
      this.selected.layer.getElement?.()?.classList.remove('selected');
    }
    this.selected = { ...detail, layer };
    layer.getElement?.()?.classList.add('selected');
    layer.bringToFront?.();
    this.o.onSelect?.(detail);
  }

  /** Zooms in to a clicked cell with its neighbours around it; never zooms out. */
  #zoomTo(bounds) {
    const around = bounds.pad(2);
    const zoom = Math.min(16, this.map.getBoundsZoom(around));
    if (zoom > this.map.getZoom()) this.map.fitBounds(around, { maxZoom: 16 });
  }

  clearSelection() {
    this.selected?.layer?.getElement?.()?.classList.remove('selected');
    this.selected = null;
  }

  #cells(entry, features, { style, tooltip, detail }) {
    const L = window.L;
    const layer = L.geoJSON({ type: 'FeatureCollection', features }, {
      style: (f) => ({ weight: 0.6, opacity: 0.8, fillOpacity: 0.7, className: `layer-${entry.def.key} analysis-cell`, ...style(f) }),
      onEachFeature: (f, l) => {
        l.bindTooltip(() => tooltip(f), { sticky: true, className: 'cell-tooltip' });
        l.on('click', (e) => {
          L.DomEvent.stopPropagation(e);
          this.#select(l, { kind: 'cell', source: entry.def.key, feature: f, ring: featureRing(f), latlng: e.latlng, ...detail?.(f) });
          this.#zoomTo(l.getBounds());
        });
      },
    });
    entry.group.addLayer(layer);
    // The cell's numbers on its path, for tests and for reading the DOM.
    layer.eachLayer((l) => {
      const el = l.getElement?.();
      const p = l.feature?.properties ?? {};
      if (!el) return;
      for (const k of ['row', 'col', 'count', 'gi_bin', 'hours', 'violations']) {
        if (p[k] != null) el.setAttribute(`data-${k.replace('_', '-')}`, String(p[k]));
      }
    });
    return layer;
  }

  // ---- renderers: return the legend info --------------------------------------------

  render_points(entry, data) {
    const L = window.L;
    const markers = data.items.filter((v) => Number.isFinite(v?.location?.lat) && Number.isFinite(v?.location?.lon)).map((v) => {
      const t = this.o.typeInfo(v.type);
      const m = L.marker([v.location.lat, v.location.lon], {
        icon: L.divIcon({
          className: 'layer-points violation-dot',
          html: swatch('', t.colour),
          iconSize: [14, 14],
        }),
        keyboard: false,
      });
      m.bindTooltip(() => lines(
        strong(t.label), this.o.formatTime(v.observed),
        v.estimatedValueEUR != null ? eur.format(v.estimatedValueEUR) : null, v.roadOrCrossing,
      ));
      m.on('click', () => this.#select(m, { kind: 'violation', source: 'points', violation: v, latlng: m.getLatLng() }));
      return m;
    });
    if (this.clustering) entry.group.addLayers(markers); else for (const m of markers) entry.group.addLayer(m);
    const types = [...new Set(data.items.map((v) => v.type))];
    return { count: data.items.length, total: data.total, types };
  }

  #clusterIcon(cluster) {
    const n = cluster.getChildCount();
    const size = n < 10 ? 's' : n < 100 ? 'm' : 'l';
    const px = { s: 30, m: 38, l: 46 }[size];
    return window.L.divIcon({
      html: h('div', {}, h('span', {}, String(n))),
      className: `layer-points point-cluster point-cluster-${size}`,
      iconSize: [px, px],
    });
  }

  render_grid(entry, fc) {
    const features = (fc?.features ?? []).filter((f) => Number(f.properties?.count) > 0);
    const max = Math.max(0, ...features.map((f) => Number(f.properties.count)));
    const cell = this.filters.cell;
    this.#cells(entry, features, {
      style: (f) => ({ color: '#00000055', fillColor: heat(0.15 + 0.85 * scaled(f.properties.count, max)) }),
      tooltip: (f) => lines(
        h('span', {}, strong(String(f.properties.count)), ` violation${f.properties.count === 1 ? '' : 's'}`),
        cellValue(f) ? eur.format(cellValue(f)) : null,
        h('span', { className: 'dim' }, `${cell} m cell, row ${f.properties.row}, col ${f.properties.col}`),
      ),
    });
    return { cells: features.length, max };
  }

  render_density(entry, fc, headers) {
    const all = fc?.features ?? [];
    const max = Math.max(0, ...all.map((f) => Number(f.properties?.density_per_km2) || 0));
    // Cells below 2 % of the peak are left out: they would only veil the map.
    const features = all.filter((f) => (Number(f.properties?.density_per_km2) || 0) > max * 0.02);
    this.#cells(entry, features, {
      style: (f) => ({ stroke: false, fillOpacity: 0.72, fillColor: heat(Math.min(1, f.properties.density_per_km2 / max)) }),
      tooltip: (f) => lines(h('span', {}, strong(fmt2.format(f.properties.density_per_km2)), ' violations per km²')),
    });
    const bw = Number(headers?.get?.('X-Bandwidth-Meters'));
    return { cells: features.length, max, bandwidth: Number.isFinite(bw) && bw > 0 ? bw : null };
  }

  render_hotspots(entry, fc) {
    const all = fc?.features ?? [];
    const features = all.filter((f) => Number(f.properties?.gi_bin) !== 0 && hotspotColour(Number(f.properties?.gi_bin)));
    const bins = {};
    for (const f of features) bins[f.properties.gi_bin] = (bins[f.properties.gi_bin] ?? 0) + 1;
    const cells = this.#cells(entry, features, {
      style: (f) => {
        const bin = Number(f.properties.gi_bin);
        return {
          color: hotspotColour(bin), weight: 0.8, fillColor: hotspotColour(bin), fillOpacity: Math.abs(bin) === 3 ? 0.78 : 0.6,
          className: `layer-hotspots analysis-cell ${bin > 0 ? 'hot' : 'cold'} gi-bin-${bin < 0 ? `m${-bin}` : bin}`,
        };
      },
      tooltip: (f) => {
        const p = f.properties;
        const what = HOTSPOT_BINS.find((b) => b.bin === Number(p.gi_bin))?.label ?? '';
        return lines(
          strong(what), `${p.count} violation${p.count === 1 ? '' : 's'} in the cell`,
          `Gi* z = ${fmt2.format(p.gi_z)}, ${pValue(Number(p.gi_p))}`,
          Number(p.gi_bin) >= 2 ? h('em', {}, 'Click to list and plan a task') : null,
        );
      },
      detail: (f) => ({ giBin: Number(f.properties.gi_bin), count: Number(f.properties.count) }),
    });
    if (entry.rings) this.map.off('zoomend', entry.rings);
    entry.rings = addHotspotRings(this.map, entry.group, cells);
    this.map.on('zoomend', entry.rings);
    return { cells: all.length, bins, hot: features.filter((f) => f.properties.gi_bin > 0).length };
  }

  render_clusters(entry, fc) {
    const L = window.L;
    const features = fc?.features ?? [];
    const members = new Map();
    for (const f of features) {
      const c = Number(f.properties?.cluster);
      if (!members.has(c)) members.set(c, []);
      members.get(c).push(f);
    }
    const order = [...members.keys()].filter((c) => c >= 0).sort((a, b) => a - b);
    for (const f of features) {
      const [lon, lat] = f.geometry?.coordinates ?? [];
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
      const c = Number(f.properties.cluster);
      const noise = c < 0;
      const m = L.circleMarker([lat, lon], {
        radius: noise ? 3 : isCore(f.properties) ? 6 : 4.5,
        color: noise ? '#7d8a97' : '#0b1118',
        weight: noise ? 0 : 1,
        fillColor: noise ? '#7d8a97' : categorical(order.indexOf(c)),
        fillOpacity: noise ? 0.55 : 0.95,
        className: `layer-clusters cluster-point ${noise ? 'noise' : `cluster-${c}`}`,
      });
      m.bindTooltip(lines(noise ? 'Noise (in no cluster)' : `Cluster ${c}: ${members.get(c).length} violations${isCore(f.properties) ? ' (core point)' : ''}`));
      m.on('click', (e) => {
        L.DomEvent.stopPropagation(e);
        if (noise) {
          this.#select(m, { kind: 'violationId', source: 'clusters', id: clusterId(f.properties), latlng: m.getLatLng() });
          return;
        }
        const pts = members.get(c).map((g) => ({ id: clusterId(g.properties), lat: g.geometry.coordinates[1], lon: g.geometry.coordinates[0] }));
        this.#select(m, { kind: 'cluster', source: 'clusters', cluster: c, members: pts, latlng: m.getLatLng() });
      });
      entry.group.addLayer(m);
    }
    const noise = members.get(-1)?.length ?? 0;
    return { clusters: order.length, noise, points: features.length, colours: order.slice(0, 8).map((c, i) => ({ cluster: c, colour: categorical(i), size: members.get(c).length })) };
  }

  render_effort(entry, fc) {
    const all = fc?.features ?? [];
    const by = this.filters.effortBy === 'rate' ? 'rate' : 'hours';
    const patrolled = all.filter((f) => f.properties?.coverage === 'patrolled' && Number(f.properties?.hours) > 0);
    const hotUnpatrolled = all.filter((f) => f.properties?.coverage !== 'patrolled' && Number(f.properties?.violations) > 0);
    const empty = all.filter((f) => f.properties?.coverage !== 'patrolled' && !(Number(f.properties?.violations) > 0));
    const features = [...(empty.length <= MAX_EMPTY_EFFORT_CELLS ? empty : []), ...patrolled, ...hotUnpatrolled];
    const maxHours = Math.max(0, ...patrolled.map((f) => Number(f.properties.hours)));
    const maxRate = Math.max(0, ...patrolled.map((f) => Number(f.properties.violations_per_hour) || 0));
    this.#cells(entry, features, {
      style: (f) => {
        const p = f.properties;
        if (p.coverage !== 'patrolled' || !(Number(p.hours) > 0)) {
          return Number(p.violations) > 0
            ? { color: '#ff3b30', weight: 1, fillColor: 'url(#hatch-unpatrolled)', fillOpacity: 1, className: 'layer-effort analysis-cell unpatrolled with-violations' }
            : { stroke: false, fillColor: '#7d8a97', fillOpacity: 0.16, className: 'layer-effort analysis-cell unpatrolled' };
        }
        const t = by === 'rate' ? scaled(Number(p.violations_per_hour) || 0, maxRate) : scaled(Number(p.hours), maxHours);
        return { color: '#00000055', fillColor: effort(by === 'rate' ? t : 0.1 + 0.9 * t), fillOpacity: 0.7, className: 'layer-effort analysis-cell patrolled' };
      },
      tooltip: (f) => {
        const p = f.properties;
        const patrolledCell = p.coverage === 'patrolled' && Number(p.hours) > 0;
        return lines(
          strong(patrolledCell ? `${duration(Number(p.hours))} of patrol` : 'Not patrolled'),
          `${p.violations} violation${p.violations === 1 ? '' : 's'}`,
          p.violations_per_hour != null ? `${fmt2.format(p.violations_per_hour)} violations per patrol-hour` : null,
        );
      },
    });
    return {
      by, maxHours, maxRate, cells: features.length, patrolled: patrolled.length, unpatrolledWithViolations: hotUnpatrolled.length,
      emptyHidden: empty.length > MAX_EMPTY_EFFORT_CELLS ? empty.length : 0,
    };
  }

  // ---- legend -----------------------------------------------------------------------

  /** The legend for the layers that are on: one <section> per layer. */
  legend() {
    const row = (className, mark, label) => h('div', { className: className ? `legend-row ${className}` : 'legend-row' }, mark, label);
    const bar = (scale, lo, hi, unit) => {
      const el = h('div', { className: 'legend-bar' });
      el.style.background = gradient(scale);
      return [el, h('div', { className: 'legend-scale' }, h('span', {}, String(lo)), h('span', {}, `${hi}${unit ? ` ${unit}` : ''}`))];
    };
    const sections = [];
    for (const e of this.entries.values()) {
      if (!this.isOn(e.def.key)) continue;
      const i = e.info;
      let body = [];
      if (e.state === 'loading') body = [dim('Loading…')];
      else if (e.state === 'error') body = [h('div', { className: 'bad' }, 'Could not load')];
      else if (!i) body = [];
      else switch (e.def.key) {
        case 'points':
          body = [h('div', { className: 'legend-types' }, i.types.slice(0, 12).map((t) => {
            const ti = this.o.typeInfo(t);
            return row('', swatch('legend-dot', ti.colour), ti.label);
          }))];
          if (i.total > i.count) body.push(dim(`${i.count} of ${i.total} shown`));
          break;
        case 'grid':
          body = i.cells ? bar(heat, 1, i.max, 'per cell') : [dim('No violations')];
          break;
        case 'density':
          body = i.cells ? bar(heat, 0, fmt2.format(i.max), '/ km²') : [dim('No violations')];
          if (i.bandwidth) body.push(dim(`Bandwidth ${fmt.format(i.bandwidth)} m`));
          break;
        case 'hotspots':
          // Two columns: hot (99/95/90 %) | cold (90/95/99 %), absent bins dimmed.
          body = [h('div', { className: 'legend-cols' }, [3, -3, 2, -2, 1, -1].map((n) => {
            const b = HOTSPOT_BINS.find((x) => x.bin === n);
            return row(i.bins[b.bin] ? '' : 'none', swatch('legend-swatch', b.colour), b.label.replace(' spot,', ''));
          }))];
          if (!i.hot) body.push(dim('No hot spots for these filters'));
          break;
        case 'clusters':
          body = [
            h('div', {}, `${i.clusters} cluster${i.clusters === 1 ? '' : 's'}, ${i.noise} noise point${i.noise === 1 ? '' : 's'}`),
            h('div', { className: 'legend-dots' },
              i.colours.map((c) => swatch('legend-dot', c.colour, `cluster ${c.cluster}: ${c.size}`)),
              swatch('legend-dot', '#7d8a97', 'noise')),
          ];
          break;
        case 'effort': {
          if (!i.patrolled) body = [dim('No patrol time in this period')];
          else if (i.by === 'rate') body = bar(effort, 0, fmt2.format(i.maxRate), 'viol./h');
          else body = bar(effort, '0', duration(i.maxHours), '');
          const NS = 'http://www.w3.org/2000/svg';
          const hatch = document.createElementNS(NS, 'svg');
          hatch.setAttribute('class', 'legend-swatch');
          hatch.setAttribute('viewBox', '0 0 14 14');
          const rect = document.createElementNS(NS, 'rect');
          for (const [k, v] of [['width', '14'], ['height', '14'], ['fill', 'url(#hatch-unpatrolled)'], ['stroke', '#ff3b30']]) rect.setAttribute(k, v);
          hatch.append(rect);
          body.push(row('', hatch, 'Unpatrolled, with violations'), row('', swatch('legend-swatch', 'rgba(125,138,151,.35)'), 'Unpatrolled'));
          if (i.emptyHidden) body.push(dim(`${i.emptyHidden} empty unpatrolled cells not drawn`));
          break;
        }
        default:
      }
      sections.push(h('section', { className: `legend-${e.def.key}` }, h('h3', {}, e.def.label), body));
    }
    return sections;
  }
}
