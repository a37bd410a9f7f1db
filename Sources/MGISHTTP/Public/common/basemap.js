// Basemap: either the raster tiles named in /map-config.json, or (tiles: null,
// the default for offline/air-gapped sites) the bundled Natural Earth country
// outlines, a self-drawn graticule and the GeoNames place names. Every map gets a
// metric scale bar: distances drawn on it must be readable.

import { PlaceLabels } from './places.js';

const OUTLINES_URL = '/data/europe-110m.geojson';
const DEFAULT_CONFIG = { tiles: null, attribution: '', maxZoom: 18 };

/** Reads a colour from theme.css so the map and the page share one palette. */
function cssVar(name, fallback) {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

/** Fetches /map-config.json; any failure falls back to the offline outlines. */
export async function loadMapConfig(url = '/map-config.json') {
  try {
    const res = await fetch(url, { cache: 'no-store' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return { ...DEFAULT_CONFIG, ...(await res.json()) };
  } catch (err) {
    console.warn('map-config.json unavailable, using country outlines', err);
    return { ...DEFAULT_CONFIG };
  }
}

/** Adds the basemap described by config to map. Returns a promise (outlines load async). */
export async function addBasemap(map, config) {
  const L = window.L;
  if (Number.isFinite(config.maxZoom)) map.setMaxZoom(config.maxZoom);
  L.control.scale({ metric: true, imperial: false, maxWidth: 140, position: 'bottomleft' }).addTo(map);

  if (typeof config.tiles === 'string' && config.tiles) {
    map.getContainer().classList.add('basemap-tiles');
    L.tileLayer(config.tiles, {
      attribution: config.attribution || '',
      maxZoom: Number.isFinite(config.maxZoom) ? config.maxZoom : 18,
    }).addTo(map);
    return;
  }

  map.getContainer().classList.add('basemap-outlines');
  new Graticule().addTo(map);
  // A tile source carries its own names; the outlines have none, so we draw them.
  PlaceLabels.load().then((places) => {
    if (!places) return;
    places.labels.addTo(map);
    map.attributionControl?.addAttribution(places.attribution);
  });
  try {
    const res = await fetch(OUTLINES_URL);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    L.geoJSON(await res.json(), {
      interactive: false,
      style: {
        color: cssVar('--land-line', '#5a7189'),
        weight: 1,
        fillColor: cssVar('--land', '#2a3a4b'),
        fillOpacity: 1,
      },
      attribution: 'Natural Earth',
    }).addTo(map);
  } catch (err) {
    // The units are still useful on the graticule alone; don't block the page.
    console.warn('country outlines failed to load', err);
  }
}

/**
 * Lines of latitude/longitude every 5° (every 1° from zoom 7), redrawn for the
 * visible area on every move/zoom. Drawn in its own pane above the land fills
 * (faint) but below the unit markers.
 */
export class Graticule {
  addTo(map) {
    const L = window.L;
    this.map = map;
    if (!map.getPane('graticule')) {
      const pane = map.createPane('graticule');
      pane.style.zIndex = 410; // overlayPane is 400, markerPane 600
      pane.style.pointerEvents = 'none';
    }
    this.layer = L.layerGroup().addTo(map);
    this.style = {
      pane: 'graticule',
      interactive: false,
      color: cssVar('--text-dim', '#9fb0c0'),
      weight: 1,
      opacity: 0.18,
    };
    this.redraw = this.redraw.bind(this);
    map.on('moveend zoomend', this.redraw);
    map.whenReady(this.redraw);
    return this;
  }

  redraw() {
    const L = window.L;
    const map = this.map;
    const step = map.getZoom() >= 7 ? 1 : 5;
    const b = map.getBounds().pad(0.2); // margin so panning doesn't show gaps
    const south = Math.max(-85, Math.floor(b.getSouth() / step) * step);
    const north = Math.min(85, Math.ceil(b.getNorth() / step) * step);
    const west = Math.floor(b.getWest() / step) * step;
    const east = Math.ceil(b.getEast() / step) * step;

    this.layer.clearLayers();
    // In Web Mercator both parallels and meridians are straight lines, so two
    // points per line are enough.
    for (let lat = south; lat <= north; lat += step) {
      this.layer.addLayer(L.polyline([[lat, west], [lat, east]], this.style));
    }
    for (let lon = west; lon <= east; lon += step) {
      this.layer.addLayer(L.polyline([[south, lon], [north, lon]], this.style));
    }
  }
}
