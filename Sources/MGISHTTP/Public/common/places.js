// Place names on the offline basemap: towns and villages from GeoNames (CC BY 4.0,
// extracted by Tools/places/extract.py into /data/places.json, most populous first).
// Which places show depends on the zoom (big towns when the whole country is in view,
// villages only when zoomed in), and a label that would overlap one already placed is
// left out, so a town always wins over the village beside it. Names are text nodes,
// never HTML. DOM contract for tests: .place-label[data-population] in the "places" pane.

const PLACES_URL = '/data/places.json';

/** Smallest population drawn at a zoom level (the map of all Lithuania is about zoom 7). */
export function minPopulation(zoom) {
  if (zoom < 6) return 200_000;
  if (zoom < 7) return 50_000;
  if (zoom < 8) return 15_000;
  if (zoom < 9) return 5_000;
  if (zoom < 10) return 2_000;
  if (zoom < 11) return 1_000;
  return 0;
}

/** Label size class by population: a city reads bigger than a village. */
const sizeClass = (population) => (population >= 100_000 ? 'place-city' : population >= 10_000 ? 'place-town' : 'place-village');

const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

export class PlaceLabels {
  /** places: [[name, lat, lon, population], ...], most populous first. */
  constructor(places) {
    this.places = places;
    this.redraw = this.redraw.bind(this);
  }

  /** Fetches the place list; resolves to null (no labels, map still works) when it cannot. */
  static async load(url = PLACES_URL) {
    try {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const doc = await res.json();
      return { labels: new PlaceLabels(doc.places ?? []), attribution: doc.attribution ?? 'GeoNames' };
    } catch (err) {
      console.warn('place names unavailable', err);
      return null;
    }
  }

  addTo(map) {
    this.map = map;
    if (!map.getPane('places')) {
      const pane = map.createPane('places');
      pane.style.zIndex = 450; // above areas and the graticule (400, 410), below markers (600)
      pane.style.pointerEvents = 'none';
      // Leaflet hides this class while a zoom animates: labels would slide off their towns.
      pane.classList.add('leaflet-zoom-hide');
    }
    this.pane = map.getPane('places');
    map.on('zoomend moveend resize', this.redraw);
    map.whenReady(this.redraw);
    return this;
  }

  redraw() {
    const map = this.map;
    const L = window.L;
    const zoom = map.getZoom();
    const floor = minPopulation(zoom);
    const size = map.getSize();
    const view = map.getBounds().pad(0.1);
    const placed = [];
    const nodes = [];
    for (const [name, lat, lon, population] of this.places) {
      if (population < floor) break; // sorted by population: the rest are smaller
      if (!view.contains([lat, lon])) continue;
      const cls = sizeClass(population);
      const p = map.latLngToContainerPoint([lat, lon]);
      const w = textWidth(name, cls);
      const hgt = LINE[cls];
      // The dot sits on the place, the name to its right, centred vertically.
      const box = { left: p.x - 4, right: p.x + 7 + w, top: p.y - hgt / 2, bottom: p.y + hgt / 2 };
      if (box.right < 0 || box.left > size.x || box.bottom < 0 || box.top > size.y) continue;
      if (placed.some((b) => overlaps(b, box))) continue;
      placed.push(box);
      const el = document.createElement('div');
      el.className = `place-label ${cls}`;
      el.dataset.population = String(population);
      el.textContent = name;
      L.DomUtil.setPosition(el, map.latLngToLayerPoint([lat, lon]));
      nodes.push(el);
    }
    this.pane.replaceChildren(...nodes);
  }
}

// Weight and size of the label classes in basemap.css (the family is the page's), for
// measuring a name on a canvas instead of laying out every candidate in the DOM.
const FONT = { 'place-city': '600 14px', 'place-town': '600 12px', 'place-village': '400 11px' };
const LINE = { 'place-city': 18, 'place-town': 16, 'place-village': 14 };
let measure = null;
function textWidth(text, cls) {
  measure ??= document.createElement('canvas').getContext('2d');
  measure.font = `${FONT[cls]} ${getComputedStyle(document.body).fontFamily}`;
  return Math.ceil(measure.measureText(text).width) + 4;
}
