// Wall display: wires the live feed, the map, the markers and the header together.
// DOM contract used by automated tests:
//   .unit-marker[data-unit=ID] (+ .stale / .alarm), #units-total, #units-live,
//   #units-stale, #conn-state[data-state=connected|reconnecting|rejected|no-token],
//   body[data-frames], window.mgisDisplay = {units: Map, frames: n, map}.

import { LiveFeed, liveUrl, tokenRejectedByApi } from '/common/live-feed.js';
import { UnitMarkers, isStale } from '/common/unit-markers.js';
import { loadMapConfig, addBasemap } from '/common/basemap.js';
import { everySecond, renderClock } from '/common/clock.js';
import { h } from '/common/dom.js';

const TOKEN_KEY = 'mgis.display.token';
const LITHUANIA = [[53.8, 20.9], [56.5, 26.9]];
// Extra room on the right: labels hang to the right of each marker.
const FIT_OPTIONS = { paddingTopLeft: [60, 60], paddingBottomRight: [260, 60], maxZoom: 12 };

const $ = (id) => document.getElementById(id);

// Shared with tests; mutated in place so references stay valid.
const state = {
  units: new Map(),   // id -> {id, name, callSign, position}
  frames: 0,
  clockOffsetMs: 0,   // server clock - local clock, from the snapshot time
  fitted: false,
  conn: { state: 'reconnecting', retryAt: null, attempting: true },
};
window.mgisDisplay = state;
document.body.dataset.frames = '0';

/** Server-corrected "now", so ages stay right on a kiosk with a wrong clock. */
const serverNow = () => Date.now() + state.clockOffsetMs;

/**
 * Token from ?token= (then hidden from the address bar, so it is not visible on
 * the wall or in screenshots) or from sessionStorage (survives reloads).
 */
function takeToken() {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try { sessionStorage.setItem(TOKEN_KEY, fromUrl); } catch { /* storage disabled: URL token still works */ }
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try { return sessionStorage.getItem(TOKEN_KEY); } catch { return null; }
}

/** parts: text, or nodes such as code('...'); never an HTML string. */
function showNotice(title, ...parts) {
  $('notice-title').textContent = title;
  $('notice-body').replaceChildren(...parts);
  $('notice').hidden = false;
}

const code = (text) => h('code', {}, text);

function hideNotice() {
  $('notice').hidden = true;
}

// ---- header -------------------------------------------------------------

function renderCounts(now) {
  let live = 0;
  let stale = 0;
  for (const u of state.units.values()) {
    if (!u.position) continue; // never reported: counted only in the total
    if (isStale(u.position, now)) stale += 1; else live += 1;
  }
  $('units-total').textContent = String(state.units.size);
  $('units-live').textContent = String(live);
  $('units-stale').textContent = String(stale);
}

function renderConn() {
  const { state: s, retryAt, attempting } = state.conn;
  const el = $('conn-state');
  el.dataset.state = s;
  const secs = retryAt ? Math.max(0, Math.ceil((retryAt - Date.now()) / 1000)) : 0;
  let text;
  let detail = '';
  switch (s) {
    case 'connected': text = 'Connected'; break;
    case 'rejected':
      text = 'Token rejected';
      detail = attempting ? 'checking again…' : `next check in ${secs} s`;
      break;
    case 'no-token': text = 'No token'; detail = 'add ?token= to the URL'; break;
    default: text = attempting ? 'Connecting…' : `Reconnecting in ${secs} s`;
  }
  $('conn-text').textContent = text;
  $('conn-detail').textContent = detail;
}

// ---- feed handlers --------------------------------------------------------

function validPosition(p) {
  return p && p.unit != null && Number.isFinite(p.lat) && Number.isFinite(p.lon)
    && Number.isFinite(Date.parse(p.time));
}

function onSnapshot(markers, map, msg) {
  const t = Date.parse(msg.time);
  if (Number.isFinite(t)) state.clockOffsetMs = t - Date.now();

  // A snapshot replaces everything: units may have been removed meanwhile.
  state.units.clear();
  for (const u of msg.units) {
    if (!u || u.id == null) continue;
    const id = String(u.id);
    const position = validPosition(u.position) ? u.position : null;
    state.units.set(id, { id, name: u.name ?? '', callSign: u.callSign ?? '', position });
  }
  const now = serverNow();
  markers.syncAll(state.units, now);
  renderCounts(now);

  // Fit once per page load; afterwards the view stays put (nobody touches a wall screen).
  if (!state.fitted) {
    state.fitted = true;
    const pts = [...state.units.values()].filter((u) => u.position).map((u) => [u.position.lat, u.position.lon]);
    map.fitBounds(pts.length ? pts : LITHUANIA, pts.length ? FIT_OPTIONS : {});
  }
}

function onPositions(markers, items) {
  const now = serverNow();
  for (const p of items) {
    if (!validPosition(p)) continue;
    const id = String(p.unit);
    let u = state.units.get(id);
    if (!u) {
      // Unit created after our snapshot: show it with what we know.
      u = { id, name: '', callSign: '', position: null };
      state.units.set(id, u);
    }
    // Devices upload buffered fixes late; never move a marker back in time.
    if (u.position && Date.parse(u.position.time) > Date.parse(p.time)) continue;
    u.position = p;
    markers.upsert(u, now);
  }
  renderCounts(now);
}

// ---- wake lock --------------------------------------------------------------

// Keep the wall screen from blanking where the browser allows it (secure contexts).
async function keepAwake() {
  if (!('wakeLock' in navigator) || document.hidden) return;
  try { await navigator.wakeLock.request('screen'); } catch { /* not allowed: kiosk config must handle it */ }
}

// ---- startup ----------------------------------------------------------------

async function main() {
  everySecond((now) => renderClock($('clock-time'), $('clock-date'), now));

  if (!window.L) {
    showNotice('Map library missing', 'Could not load ', code('/vendor/leaflet/leaflet.js'), '. Check the mgisd installation.');
    return;
  }

  const map = window.L.map('map', {
    zoomControl: false,
    attributionControl: true,
    zoomSnap: 0.25,          // tighter fit of all units on odd screen sizes
    worldCopyJump: false,
  });
  map.attributionControl.setPrefix(false);
  map.fitBounds(LITHUANIA); // until the first snapshot arrives
  state.map = map;

  const markers = new UnitMarkers(map);
  addBasemap(map, await loadMapConfig());

  everySecond((now) => {
    const sNow = now + state.clockOffsetMs;
    markers.refresh(sNow);
    renderCounts(sNow);
    renderConn();
  });

  keepAwake();
  document.addEventListener('visibilitychange', keepAwake);

  const token = takeToken();
  if (!token) {
    state.conn = { state: 'no-token', retryAt: null, attempting: false };
    renderConn();
    showNotice('Display token needed',
      'Open this page as ', code('/display/?token=TOKEN'), ' with a display token. Create one with ',
      code('mgisctl user token NAME'), ' or on the admin page.');
    return;
  }

  const feed = new LiveFeed(liveUrl(location, token), {
    checkToken: () => tokenRejectedByApi(token),
    onFrame(n) {
      state.frames = n;
      document.body.dataset.frames = String(n);
    },
    onSnapshot: (msg) => onSnapshot(markers, map, msg),
    onPositions: (items) => onPositions(markers, items),
    onState({ state: s, retryAt }) {
      if (s === 'connecting') {
        // Keep showing "rejected" while we re-check the token.
        state.conn = { ...state.conn, attempting: true, retryAt: null };
      } else {
        state.conn = { state: s, retryAt, attempting: false };
      }
      if (s === 'rejected') {
        showNotice('Not authorised',
          'Access token rejected — ask an administrator for a new display token. ' +
          'This screen checks again every minute.');
      } else if (s === 'connected') {
        hideNotice();
      }
      renderConn();
    },
  });
  feed.start();
}

main();
