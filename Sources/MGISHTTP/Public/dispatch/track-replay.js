// Unit track replay: loads GET /api/v1/units/{id}/track for a time range, draws
// the line and moves a marker along the fixes with a slider (or "Play").
// DOM: #track-replay form (#replay-unit, #replay-from, #replay-to), #replay-slider, #replay-info

import { inputToMillis, millisToInput, formatUTC } from '/common/format.js';
import { formatLocal, h } from '/common/task-format.js';

const PLAY_STEP_MS = 120; // one fix per step: a 1 Hz track replays ~8x faster than real time

export class TrackReplay {
  constructor(root, map, { token, loadTrack, describe }) {
    this.root = root;
    this.map = map;
    this.token = token;
    this.loadTrack = loadTrack;
    this.describe = describe;
    this.form = root.querySelector('form');
    this.unit = root.querySelector('#replay-unit');
    this.from = root.querySelector('#replay-from');
    this.to = root.querySelector('#replay-to');
    this.slider = root.querySelector('#replay-slider');
    this.info = root.querySelector('#replay-info');
    this.play = root.querySelector('#replay-play');
    this.clear = root.querySelector('#replay-clear');
    this.fixes = [];
    this.layer = window.L.layerGroup().addTo(map);
    this.timer = null;

    const now = Date.now();
    this.to.value = millisToInput(now);
    this.from.value = millisToInput(now - 3_600_000);
    this.form.addEventListener('submit', (e) => { e.preventDefault(); this.load(); });
    this.slider.addEventListener('input', () => { this.#stopPlay(); this.show(Number(this.slider.value)); });
    this.play.addEventListener('click', () => (this.timer ? this.#stopPlay() : this.#startPlay()));
    this.clear.addEventListener('click', () => this.reset());
    this.reset();
  }

  setUnits(units) {
    const current = this.unit.value;
    this.unit.replaceChildren(...units.map((u) => h('option', { value: u.id }, u.label)));
    if (units.some((u) => u.id === current)) this.unit.value = current;
  }

  reset() {
    this.#stopPlay();
    this.layer.clearLayers();
    this.fixes = [];
    this.slider.value = '0';
    this.slider.max = '0';
    this.slider.disabled = true;
    this.play.disabled = true;
    this.clear.disabled = true;
    this.info.textContent = '';
    this.root.dataset.points = '0';
  }

  async load() {
    const from = inputToMillis(this.from.value);
    const to = inputToMillis(this.to.value);
    if (!this.unit.value || from == null || to == null || from >= to) {
      this.info.textContent = 'Choose a unit and a time range (from before to).';
      return;
    }
    this.reset();
    this.info.textContent = 'Loading…';
    let geo;
    try {
      geo = await this.loadTrack(this.unit.value, formatUTC(from), formatUTC(to));
    } catch (err) {
      this.info.textContent = this.describe(err);
      return;
    }
    const L = window.L;
    this.fixes = (geo?.features ?? [])
      .filter((f) => f?.geometry?.type === 'Point' && f.properties?.kind === 'fix')
      .map((f) => ({ lat: f.geometry.coordinates[1], lon: f.geometry.coordinates[0], ...f.properties }));
    this.root.dataset.points = String(this.fixes.length);
    if (!this.fixes.length) {
      this.info.textContent = 'No positions in this range.';
      return;
    }
    const line = L.polyline(this.fixes.map((p) => [p.lat, p.lon]), { color: '#e040fb', weight: 3, opacity: 0.85, interactive: false });
    this.marker = L.circleMarker([this.fixes[0].lat, this.fixes[0].lon],
      { radius: 8, color: '#fff', weight: 2, fillColor: '#e040fb', fillOpacity: 1, className: 'replay-marker' });
    this.layer.addLayer(line).addLayer(this.marker);
    this.map.fitBounds(line.getBounds().pad(0.1), { maxZoom: 16 });
    this.slider.max = String(this.fixes.length - 1);
    this.slider.disabled = false;
    this.play.disabled = this.fixes.length < 2;
    this.clear.disabled = false;
    this.show(0);
  }

  show(i) {
    const p = this.fixes[i];
    if (!p) return;
    this.slider.value = String(i);
    this.marker.setLatLng([p.lat, p.lon]);
    const t = Date.parse(p.time);
    const speed = Number.isFinite(p.speed) ? `${Math.round(p.speed * 3.6)} km/h` : 'speed –';
    this.info.textContent = `${Number.isFinite(t) ? formatLocal(t) : p.time} · ${speed} · ${i + 1}/${this.fixes.length}`;
    this.slider.setAttribute('aria-valuetext', this.info.textContent);
  }

  #startPlay() {
    if (this.fixes.length < 2) return;
    if (Number(this.slider.value) >= this.fixes.length - 1) this.show(0);
    this.play.textContent = 'Pause';
    this.timer = setInterval(() => {
      const next = Number(this.slider.value) + 1;
      if (next >= this.fixes.length) { this.#stopPlay(); return; }
      this.show(next);
    }, PLAY_STEP_MS);
  }

  #stopPlay() {
    clearInterval(this.timer);
    this.timer = null;
    this.play.textContent = 'Play';
  }
}
