// Drawing a task area with plain Leaflet events (no Leaflet.draw plugin).
//   polygon: click to add corners; double-click, click the first corner or
//            finish() to close; Backspace removes the last corner.
//   circle:  press at the centre and drag to the radius, or click the centre
//            and click again at the radius.
// Escape cancels. The result is an area in the API's shape:
//   {type:"circle", center:{lat,lon}, radiusMeters} | {type:"polygon", rings:[[{lat,lon},...]]}

const SAME_POINT_PX = 6;   // a second click this close is the dblclick's echo, not a corner
const MIN_RADIUS_PX = 4;   // smaller "drags" are clicks

export class AreaDrawer {
  /** onDone(area) when an area is closed; onChange(mode, points) while drawing (for the UI). */
  constructor(map, { color = '#4fc3f7', onDone = () => {}, onChange = () => {} } = {}) {
    this.map = map;
    this.color = color;
    this.onDone = onDone;
    this.onChange = onChange;
    this.mode = null;
    this.layer = window.L.layerGroup().addTo(map);
    this.handlers = {
      click: (e) => this.#click(e),
      dblclick: (e) => this.#dblclick(e),
      mousemove: (e) => this.#move(e),
      mousedown: (e) => this.#down(e),
      mouseup: (e) => this.#up(e),
    };
    this.onKey = (e) => this.#key(e);
  }

  get active() { return this.mode != null; }

  start(mode) {
    this.cancel();
    this.mode = mode;
    this.points = [];
    this.center = null;
    this.radius = 0;
    // Map panning and double-click zoom would eat our clicks and drags.
    this.hadDrag = this.map.dragging.enabled();
    this.hadDblZoom = this.map.doubleClickZoom.enabled();
    this.map.dragging.disable();
    this.map.doubleClickZoom.disable();
    this.map.getContainer().classList.add('drawing');
    this.map.on(this.handlers);
    document.addEventListener('keydown', this.onKey);
    this.#redraw();
  }

  cancel() {
    if (!this.mode) return;
    this.#stop();
    this.onChange(null, []);
  }

  /** Closes the polygon being drawn (the "Finish" button). */
  finish() {
    if (this.mode === 'polygon' && this.points.length >= 3) {
      const ring = this.points.map((p) => ({ lat: p.lat, lon: p.lng }));
      this.#stop();
      this.onDone({ type: 'polygon', rings: [ring] });
    }
  }

  #stop() {
    this.map.off(this.handlers);
    document.removeEventListener('keydown', this.onKey);
    if (this.hadDrag) this.map.dragging.enable();
    if (this.hadDblZoom) this.map.doubleClickZoom.enable();
    this.map.getContainer().classList.remove('drawing');
    this.layer.clearLayers();
    this.mode = null;
  }

  #px(latlng) { return this.map.latLngToContainerPoint(latlng); }

  #click(e) {
    if (this.mode !== 'polygon') return;
    const last = this.points[this.points.length - 1];
    if (last && this.#px(last).distanceTo(e.containerPoint) < SAME_POINT_PX) return;
    const first = this.points[0];
    if (first && this.points.length >= 3 && this.#px(first).distanceTo(e.containerPoint) < SAME_POINT_PX * 2) {
      this.finish();
      return;
    }
    this.points.push(e.latlng);
    this.#redraw();
  }

  #dblclick(e) {
    if (this.mode !== 'polygon') return;
    window.L.DomEvent.stop(e);
    this.finish();
  }

  #down(e) {
    if (this.mode !== 'circle') return;
    if (!this.center) {
      this.center = e.latlng;
      this.pressed = true;
      this.#redraw();
    }
  }

  #up(e) {
    if (this.mode !== 'circle' || !this.center) return;
    const px = this.#px(this.center).distanceTo(e.containerPoint);
    // Releasing after a drag, or the second click: the radius is set.
    if (px >= MIN_RADIUS_PX && (this.pressed || this.radius > 0)) {
      const radius = this.map.distance(this.center, e.latlng);
      const center = { lat: this.center.lat, lon: this.center.lng };
      this.#stop();
      this.onDone({ type: 'circle', center, radiusMeters: Math.round(radius) });
      return;
    }
    this.pressed = false;
  }

  #move(e) {
    this.cursor = e.latlng;
    if (this.mode === 'circle' && this.center) this.radius = this.map.distance(this.center, e.latlng);
    this.#redraw();
  }

  #key(e) {
    if (e.key === 'Escape') this.cancel();
    else if (e.key === 'Enter') this.finish();
    else if (e.key === 'Backspace' && this.mode === 'polygon' && this.points.length && !/INPUT|TEXTAREA|SELECT/.test(document.activeElement?.tagName)) {
      e.preventDefault();
      this.points.pop();
      this.#redraw();
    }
  }

  #redraw() {
    const L = window.L;
    this.layer.clearLayers();
    const style = { color: this.color, weight: 2, dashArray: '6 4', interactive: false };
    if (this.mode === 'polygon') {
      const pts = this.cursor && this.points.length ? [...this.points, this.cursor] : this.points;
      if (pts.length >= 2) this.layer.addLayer(L.polygon(pts, { ...style, fillOpacity: 0.12 }));
      for (const [i, p] of this.points.entries()) {
        this.layer.addLayer(L.circleMarker(p, { radius: i === 0 ? 6 : 4, color: this.color, fillOpacity: 1, interactive: false }));
      }
      this.onChange('polygon', this.points);
    } else if (this.mode === 'circle') {
      if (this.center) {
        this.layer.addLayer(L.circleMarker(this.center, { radius: 4, color: this.color, fillOpacity: 1, interactive: false }));
        if (this.radius > 0) this.layer.addLayer(L.circle(this.center, { ...style, radius: this.radius, fillOpacity: 0.12 }));
      }
      this.onChange('circle', this.center ? [this.center] : [], this.radius);
    }
  }
}
