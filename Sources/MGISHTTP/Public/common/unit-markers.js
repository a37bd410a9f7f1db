// One Leaflet marker per unit with a position: a heading arrow (or a dot when
// standing/heading unknown) plus a label "CALLSIGN  12 s", to the right of the symbol
// or, where that overlaps, to the left or hidden (label-declutter.js); symbols never hide. State that tests and CSS rely on
// lives on the marker element itself:
//   <div class="leaflet-marker-icon unit-marker [stale] [alarm] [nofix] [still] [label-left] [label-hidden]" data-unit="7">

import { formatAge } from './clock.js';
import { declutterLabels } from './label-declutter.js';

export const STALE_AFTER_MS = 120_000;
export const FLAGS = { FIX: 1, IGNITION: 2, ALARM: 4, TAMPER: 8, EXT_POWER: 16, MOVING: 32 };
const ANIMATE_MS = 800;
const MIN_MOVING_SPEED = 1; // m/s; below this the heading is GPS noise

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Last fix older than STALE_AFTER_MS? `now` is already server-clock corrected. */
export function isStale(position, now) {
  return now - Date.parse(position.time) > STALE_AFTER_MS;
}

/** Heading in degrees when it is meaningful, else null (draw a dot). */
function shownHeading(p) {
  if (p.heading == null || !Number.isFinite(p.heading)) return null;
  if (p.speed != null && p.speed < MIN_MOVING_SPEED) return null;
  return p.heading;
}

/** Builds the marker's inner DOM once; later updates only touch attributes/text. */
function buildIconContent() {
  const root = document.createElement('div');
  root.className = 'unit-body';

  const glyph = document.createElement('div');
  glyph.className = 'unit-glyph';
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '-16 -16 32 32');
  svg.setAttribute('aria-hidden', 'true');
  const arrow = document.createElementNS(SVG_NS, 'path');
  arrow.setAttribute('class', 'unit-arrow');
  arrow.setAttribute('d', 'M0,-14 L10,11 L0,5 L-10,11 Z'); // points north at 0°
  const dot = document.createElementNS(SVG_NS, 'circle');
  dot.setAttribute('class', 'unit-dot');
  dot.setAttribute('r', '8');
  svg.append(arrow, dot);
  glyph.append(svg);

  const label = document.createElement('div');
  label.className = 'unit-label';
  const call = document.createElement('span');
  call.className = 'unit-call';
  const age = document.createElement('span');
  age.className = 'unit-age';
  label.append(call, age);

  root.append(glyph, label);
  return { root, svg, call, age };
}

export class UnitMarkers {
  constructor(map) {
    this.map = map;
    this.records = new Map(); // unit id -> {marker, parts, unit, anim}
    this.animating = new Set();
    this.frame = null;
    this.step = this.step.bind(this);
    this.declutterQueued = false;
    this.declutter = this.declutter.bind(this);
    map.on('zoomend moveend resize', this.declutter);
  }

  /** Hides the labels that would overlap, now. */
  declutter() {
    this.declutterQueued = false;
    const items = [];
    for (const [id, rec] of this.records) {
      const el = rec.marker.getElement();
      if (!el) continue;
      const alarm = el.classList.contains('alarm');
      const stale = el.classList.contains('stale');
      items.push({ id, el, priority: alarm ? 0 : stale ? 2 : 1 });
    }
    declutterLabels(items, this.map.getContainer().getBoundingClientRect());
  }

  /**
   * Once after the current task (many upserts in a row cost one pass); a microtask, so
   * no frame is ever painted with the new positions and the old label choice.
   */
  queueDeclutter() {
    if (this.declutterQueued) return;
    this.declutterQueued = true;
    queueMicrotask(this.declutter);
  }

  /** Makes the markers match `units` (Map id -> unit) exactly, e.g. after a snapshot. */
  syncAll(units, now) {
    for (const id of [...this.records.keys()]) {
      const u = units.get(id);
      if (!u || !u.position) this.remove(id);
    }
    for (const u of units.values()) this.upsert(u, now);
  }

  /** Creates or updates the marker of one unit (removes it if it lost its position). */
  upsert(unit, now) {
    const L = window.L;
    const p = unit.position;
    if (!p) {
      this.remove(unit.id);
      return;
    }
    const target = L.latLng(p.lat, p.lon);
    let rec = this.records.get(unit.id);
    if (!rec) {
      const parts = buildIconContent();
      const marker = L.marker(target, {
        icon: L.divIcon({ className: 'unit-marker', html: parts.root, iconSize: [36, 36], iconAnchor: [18, 18] }),
        keyboard: false,
        title: unit.name || '',
      }).addTo(this.map);
      rec = { marker, parts, unit, anim: null, zOffset: 0, rotation: 0 };
      this.records.set(unit.id, rec);
    } else {
      rec.unit = unit;
      this.moveTo(rec, target);
    }
    const h = shownHeading(p);
    if (h != null) {
      // Accumulate the shortest turn so the CSS transition turns 350° -> 10°
      // by +20° instead of spinning back through 340°.
      const delta = ((h - rec.rotation) % 360 + 540) % 360 - 180;
      rec.rotation += delta;
      rec.parts.svg.style.transform = `rotate(${rec.rotation}deg)`;
    }
    rec.parts.call.textContent = unit.callSign || unit.name || unit.id;
    this.render(rec, now);
    this.queueDeclutter();
  }

  remove(id) {
    const rec = this.records.get(id);
    if (!rec) return;
    rec.marker.remove();
    this.animating.delete(rec);
    this.records.delete(id);
    this.queueDeclutter();
  }

  /** Re-renders ages and stale state of all markers (called every second). */
  refresh(now) {
    for (const rec of this.records.values()) this.render(rec, now);
    this.queueDeclutter(); // ages change the labels' widths
  }

  render(rec, now) {
    const el = rec.marker.getElement();
    if (!el) return;
    const p = rec.unit.position;
    const stale = isStale(p, now);
    const alarm = (p.flags & FLAGS.ALARM) !== 0;
    el.dataset.unit = rec.unit.id;
    // The reported position and time, for automated checks and for people inspecting the page.
    el.dataset.lat = String(p.lat);
    el.dataset.lon = String(p.lon);
    el.dataset.time = p.time;
    el.classList.add('unit-marker');
    el.classList.toggle('stale', stale);
    el.classList.toggle('alarm', alarm);
    el.classList.toggle('nofix', (p.flags & FLAGS.FIX) === 0);
    el.classList.toggle('still', shownHeading(p) == null);
    rec.parts.age.textContent = formatAge(now - Date.parse(p.time));
    // Alarms must never hide under other markers; stale ones go to the back.
    const z = alarm ? 10000 : stale ? -1000 : 0;
    if (z !== rec.zOffset) {
      rec.zOffset = z;
      rec.marker.setZIndexOffset(z);
    }
  }

  /** Glides to the new position; jumps when the tab is hidden (rAF is paused there). */
  moveTo(rec, target) {
    const current = rec.marker.getLatLng();
    if (current.equals(target)) return;
    if (document.hidden) {
      rec.anim = null;
      this.animating.delete(rec);
      rec.marker.setLatLng(target);
      return;
    }
    // Start from where the marker is drawn now, so a fix arriving mid-glide
    // does not make it jump back.
    rec.anim = { from: current, to: target, start: performance.now() };
    this.animating.add(rec);
    if (this.frame == null) this.frame = requestAnimationFrame(this.step);
  }

  step(t) {
    this.frame = null;
    for (const rec of this.animating) {
      const { from, to, start } = rec.anim;
      // rAF's timestamp can precede `start` slightly; clamp to avoid a backward twitch.
      const k = Math.min(1, Math.max(0, (t - start) / ANIMATE_MS));
      const e = 1 - (1 - k) ** 3; // ease-out: quick start, gentle arrival
      rec.marker.setLatLng([from.lat + (to.lat - from.lat) * e, from.lng + (to.lng - from.lng) * e]);
      if (k >= 1) {
        rec.anim = null;
        this.animating.delete(rec);
      }
    }
    if (this.animating.size > 0) this.frame = requestAnimationFrame(this.step);
    this.declutter(); // in the same frame as the moves
  }
}
