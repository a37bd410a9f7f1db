// Analyst page: sign-in, then the map with the analysis layers, the filter
// panel, the hour × weekday matrix, the trend chart and the selection panel.
// DOM contract used by automated tests:
//   #login-form (#username, #password), #message, #map, #filters,
//   #layer-points/-grid/-density/-hotspots/-clusters/-effort (checkboxes; the
//   label's data-state is off|loading|ready|error), paths/markers of a layer
//   carry .layer-<key>, #heat-matrix rect.cell[data-weekday][data-hour][data-count],
//   #trend-chart, #cell-violations[data-state][data-count] .violation-item,
//   #plan-task, #plan-result .plan-created[data-task-id],
//   body[data-ready="1"] once the login form or the first analyses are shown,
//   window.mgisAnalysis = {filters, layers, matrix, trends, map}.

import * as api from './violations-api.js';
import { pageSession } from '/common/session.js';
import { $, markReady, showMessage, showSignedIn, showSignInForm } from '/common/page.js';
import { signInFlow } from '/common/sign-in.js';
import { loadMapConfig, addBasemap } from '/common/basemap.js';
import { AnalysisLayers, LAYER_DEFS } from './map-layers.js';
import { FilterPanel } from './filters.js';
import { HeatMatrix } from './heat-matrix.js';
import { TrendChart } from './trend-chart.js';
import { SelectionPanel } from './selection-panel.js';
import { categorical } from './colours.js';

const ROLE = 'analyst';
const LITHUANIA = [[53.8, 20.9], [56.5, 26.9]];
const DEFAULT_LAYERS = ['points', 'hotspots'];

const state = {
  session: null,
  filters: null,
  types: [],
  layers: {},        // key -> {state, info}
  matrix: null,
  trends: null,
  exportLayer: null,
  map: null,
};
window.mgisAnalysis = state;

let ui = null;
let timeCtrl = null;

// ---- helpers ------------------------------------------------------------------------

const describe = (err, context = '') => api.describeError(err, { role: ROLE, context });

const { start, handleError } = signInFlow({
  role: ROLE,
  wrongRole: { person: 'an analyst', account: 'an analyst account' },
  session: pageSession('mgis.analysis'),
  api,
  describe,
  describeLogin: (err) => describe(err, 'login'),
  current: () => state.session,
  showLogin,
  startApp,
});

const typeIndex = new Map();
function typeInfo(code) {
  let i = typeIndex.get(code);
  if (i == null) {
    // A type the catalogue does not list (yet): a stable colour from its name.
    let h = 0;
    for (const ch of String(code)) h = (h * 31 + ch.charCodeAt(0)) | 0;
    i = state.types.length + Math.abs(h);
  }
  const known = state.types[i];
  return { label: known?.label || String(code ?? '?'), colour: categorical(i) };
}

const timeFormats = new Map();
function formatTime(iso, tz = state.filters?.tz) {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return String(iso ?? '');
  const key = tz || '';
  if (!timeFormats.has(key)) {
    try {
      timeFormats.set(key, new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: tz || undefined }));
    } catch {
      timeFormats.set(key, new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }));
    }
  }
  return timeFormats.get(key).format(t);
}

function updateLoadState() {
  const busy = Object.entries(state.layers).filter(([, l]) => l.state === 'loading').map(([k]) => k);
  const time = timeCtrl ? ['time analyses'] : [];
  const all = [...busy, ...time];
  $('load-state').textContent = all.length ? `Loading ${all.join(', ')}…` : '';
  document.body.dataset.loading = all.length ? '1' : '0';
}

// ---- layers -----------------------------------------------------------------------------

function onLayerState(key, st, info) {
  state.layers[key] = { state: st, info: info ?? null };
  const label = document.querySelector(`label[data-layer="${key}"]`);
  const box = $(`layer-${key}`);
  if (label) {
    label.dataset.state = st;
    const badge = label.querySelector('.layer-badge');
    badge.textContent = st === 'loading' ? '…' : st === 'error' ? '!' : st === 'off' ? '' : layerCount(key, info);
  }
  if (box) box.checked = st !== 'off';
  if (st !== 'off' && st !== 'ready') { /* keep */ }
  if (st === 'off' && state.exportLayer === key) setExportLayer(ui.layers.activeKeys().at(-1) ?? null);
  updateLoadState();
}

function layerCount(key, info) {
  if (!info) return '';
  switch (key) {
    case 'points': return String(info.total ?? info.count ?? '');
    case 'grid': case 'density': return String(info.cells ?? '');
    case 'hotspots': return String(info.hot ?? '');
    case 'clusters': return String(info.clusters ?? '');
    case 'effort': return String(info.cells ?? '');
    default: return '';
  }
}

function setExportLayer(key) {
  state.exportLayer = key;
  const def = LAYER_DEFS.find((d) => d.key === key);
  $('export-layer').textContent = def ? def.label : '—';
  $('export-csv').disabled = !def;
  $('export-geojson').disabled = !def;
}

function onLayerError(key, err) {
  if (handleError(err)) return;
  const def = LAYER_DEFS.find((d) => d.key === key);
  if (err?.status === 400) {
    const rest = ui.filters.showServerError(err.message);
    showMessage(`${def.label}: ${rest.length ? rest.join('; ') : 'check the marked filters'}`);
    return;
  }
  showMessage(`${def.label} could not be loaded: ${describe(err)}`);
}

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function csvField(v) {
  const s = v == null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The points layer is the list endpoint: exported here from what was loaded. */
function pointsFile(format) {
  const items = ui.layers.data('points')?.items ?? [];
  if (format === 'geojson') {
    const fc = {
      type: 'FeatureCollection',
      features: items.map((v) => {
        const { location, ...props } = v;
        return { type: 'Feature', geometry: { type: 'Point', coordinates: [location.lon, location.lat] }, properties: props };
      }),
    };
    return new Blob([JSON.stringify(fc)], { type: 'application/geo+json' });
  }
  const cols = ['id', 'observed', 'lat', 'lon', 'type', 'goodsDescription', 'quantity', 'quantityUnit', 'estimatedValueEUR',
    'vehiclePlate', 'vehicleCountry', 'roadOrCrossing', 'task', 'unit', 'status'];
  const rows = items.map((v) => cols.map((c) => csvField(c === 'lat' ? v.location?.lat : c === 'lon' ? v.location?.lon : v[c])).join(','));
  return new Blob([`${cols.join(',')}\n${rows.join('\n')}\n`], { type: 'text/csv' });
}

async function exportLayer(format) {
  const key = state.exportLayer;
  if (!key || !state.filters) return;
  const stamp = new Date().toISOString().slice(0, 10);
  const name = `violations-${key}-${stamp}.${format === 'csv' ? 'csv' : 'geojson'}`;
  const button = $(format === 'csv' ? 'export-csv' : 'export-geojson');
  button.disabled = true;
  try {
    if (key === 'points') {
      download(pointsFile(format), name);
    } else {
      const { kind, params } = ui.layers.request(key);
      download(await api.analysisFile(state.session.token, kind, params, format), name);
    }
  } catch (err) {
    if (!handleError(err)) showMessage(`Export failed: ${describe(err)}`);
  } finally {
    button.disabled = false;
  }
}

// ---- time analyses ------------------------------------------------------------------

async function reloadTime() {
  const f = state.filters;
  if (!f) return;
  timeCtrl?.abort();
  const ctrl = new AbortController();
  timeCtrl = ctrl;
  updateLoadState();
  const params = { ...api.filterParams(f), tz: f.tz };
  const period = $('trend-period').value;
  try {
    const [time, trends] = await Promise.all([
      api.analysis(state.session.token, 'time', params, ctrl.signal),
      api.analysis(state.session.token, 'trends', { ...params, period }, ctrl.signal),
    ]);
    if (timeCtrl !== ctrl) return;
    state.matrix = time.data;
    state.trends = trends.data;
    ui.matrix.render(time.data);
    ui.trend.render(trends.data);
  } catch (err) {
    if (timeCtrl !== ctrl || err?.code === 'aborted') return;
    if (handleError(err)) return;
    showMessage(`Time analyses could not be loaded: ${describe(err)}`);
  } finally {
    if (timeCtrl === ctrl) timeCtrl = null;
    updateLoadState();
  }
}

async function reloadTrendsOnly() {
  const f = state.filters;
  if (!f) return;
  try {
    const params = { ...api.filterParams(f), tz: f.tz, period: $('trend-period').value };
    const { data } = await api.analysis(state.session.token, 'trends', params);
    state.trends = data;
    ui.trend.render(data);
  } catch (err) {
    if (!handleError(err)) showMessage(`The trend could not be loaded: ${describe(err)}`);
  }
}

// ---- filters ----------------------------------------------------------------------------

function applyFilters(f) {
  showMessage('');
  state.filters = { ...f, effortBy: $('f-effort-by').value };
  ui.layers.setFilters(state.filters);
  ui.selection.refresh();
  return reloadTime();
}

// ---- views ---------------------------------------------------------------------------------

function buildUI() {
  const L = window.L;
  const map = L.map('map', { zoomSnap: 0.25, preferCanvas: false });
  map.attributionControl.setPrefix(false);
  map.fitBounds(LITHUANIA);
  state.map = map;
  loadMapConfig().then((config) => addBasemap(map, config));

  const legend = $('map-legend');
  let fitted = false;
  const layers = new AnalysisLayers(map, {
    token: () => state.session?.token,
    typeInfo,
    formatTime: (iso) => formatTime(iso),
    onState: onLayerState,
    onError: onLayerError,
    onLegend: () => {
      legend.replaceChildren(...layers.legend());
      legend.hidden = !legend.hasChildNodes();
    },
    onData: (key, bounds) => {
      // Hot spots alone would zoom to the hottest corner; fit to where violations are.
      if (fitted || key === 'hotspots') return;
      fitted = true;
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 13 });
    },
    onSelect: (detail) => ui.selection.show(detail),
  });
  L.control.layers(null, layers.overlays(), { position: 'topright', collapsed: true }).addTo(map);
  map.on('overlayadd', (e) => { const k = LAYER_DEFS.find((d) => layers.entries.get(d.key).group === e.layer)?.key; if (k) setExportLayer(k); });

  for (const def of LAYER_DEFS) {
    $(`layer-${def.key}`).addEventListener('change', (e) => {
      layers.toggle(def.key, e.target.checked);
      if (e.target.checked) setExportLayer(def.key);
    });
  }
  $('export-csv').addEventListener('click', () => exportLayer('csv'));
  $('export-geojson').addEventListener('click', () => exportLayer('geojson'));

  const filters = new FilterPanel($('filters'), map, { onChange: applyFilters });
  $('f-effort-by').closest('.field').dataset.noAuto = '';
  $('f-effort-by').addEventListener('change', () => {
    if (!state.filters) return;
    state.filters = { ...state.filters, effortBy: $('f-effort-by').value };
    layers.setFilters(state.filters);
  });
  $('trend-period').addEventListener('change', reloadTrendsOnly);

  const matrix = new HeatMatrix($('heat-matrix'), $('matrix-caption'));
  const trend = new TrendChart($('trend-chart'), $('trend-summary'), { typeInfo });
  const selection = new SelectionPanel($('cell-violations'), {
    map,
    list: (params, signal) => api.listViolations(state.session.token, params, signal),
    get: (id) => api.getViolation(state.session.token, id),
    plan: (body) => api.planTask(state.session.token, body),
    filters: () => state.filters,
    filterParams: api.filterParams,
    typeInfo,
    formatTime,
    describe: (err, context) => (handleError(err) ? '' : describe(err, context)),
    onClear: () => layers?.clearSelection?.(),
  });
  new ResizeObserver(() => {
    map.invalidateSize();
    $('map').style.setProperty('--map-h', `${$('map').clientHeight}px`);
  }).observe($('map'));
  return { map, layers, filters, matrix, trend, selection, legend };
}

async function loadCatalogues(s) {
  try {
    state.types = await api.violationTypes(s.token);
  } catch (err) {
    if (handleError(err)) return false;
    showMessage(`Violation types could not be loaded: ${describe(err)}`);
    state.types = [];
  }
  typeIndex.clear();
  state.types.forEach((t, i) => {
    typeIndex.set(t.code, i);
    document.documentElement.style.setProperty(`--type-${i}`, categorical(i));
  });
  ui.filters.setTypes(state.types);
  try {
    const units = await api.listUnits(s.token);
    ui.filters.setUnits(units.map((u) => ({ id: String(u.id), label: u.callSign && u.name ? `${u.callSign} — ${u.name}` : (u.callSign || u.name || String(u.id)) })));
  } catch (err) {
    // Units are only a convenience for the select; a unit id can still come from elsewhere.
    if (handleError(err)) return false;
  }
  return true;
}

function showLogin(message = '') {
  state.session = null;
  if (ui) {
    for (const def of LAYER_DEFS) ui.layers.toggle(def.key, false);
    ui.selection.clear();
  }
  showSignInForm(message);
}

async function startApp(s) {
  state.session = s;
  showSignedIn(s.user?.name ?? '…');
  const first = !ui;
  ui ??= buildUI();
  ui.map.invalidateSize();
  if (!(await loadCatalogues(s))) return;
  const f = ui.filters.value();
  if (!f) return;
  state.filters = { ...f, effortBy: $('f-effort-by').value };
  ui.layers.setFilters(state.filters);
  // Signed in again (another account): nothing of the old session's data is kept.
  if (!first) ui.layers.reloadAll();
  if (ui.layers.activeKeys().length === 0) {
    for (const key of DEFAULT_LAYERS) ui.layers.toggle(key, true);
    setExportLayer(DEFAULT_LAYERS.at(-1));
  }
  await reloadTime();
  markReady();
}

function main() {
  if (!window.L) {
    showMessage('Could not load /vendor/leaflet/leaflet.js. Check the mgisd installation.');
    return;
  }
  if (typeof window.L.markerClusterGroup !== 'function') {
    console.warn('leaflet.markercluster is missing: violations are drawn without clustering');
  }
  start();
}

main();
