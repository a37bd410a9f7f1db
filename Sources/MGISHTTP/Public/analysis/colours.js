// Colour scales shared by the map layers, the heat matrix and the trend chart.
// Chosen to read on the dark theme: sequential scales run from a dark, slightly
// transparent blue-violet to bright yellow, so "more" is always "brighter".

/** Interpolates between evenly spaced hex stops; t in [0, 1]. */
function ramp(stops) {
  const rgb = stops.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
  return (t) => {
    const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (rgb.length - 1);
    const i = Math.min(rgb.length - 2, Math.floor(x));
    const k = x - i;
    const c = rgb[i].map((v, j) => Math.round(v + (rgb[i + 1][j] - v) * k));
    return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  };
}

/** "Inferno"-like: counts, densities, the heat matrix. */
export const heat = ramp(['#1b1045', '#5b1a6e', '#a2326a', '#dd5a43', '#f9a02c', '#fcf08f']);
/** Blue-green: patrol hours. */
export const effort = ramp(['#0c2c45', '#125f7a', '#1b9698', '#5cc98b', '#d5f08a']);

/** Square-root scaling for skewed counts: small values stay visible. */
export function scaled(value, max) {
  if (!(max > 0) || !(value > 0)) return 0;
  return Math.sqrt(value / max);
}

/** Gi* bins: 3/2/1 hot at 99/95/90 %, negative cold; 0 not significant. */
export const HOTSPOT_BINS = [
  { bin: 3, colour: '#d7191c', label: 'Hot spot, 99 %' },
  { bin: 2, colour: '#f46d43', label: 'Hot spot, 95 %' },
  { bin: 1, colour: '#fdae61', label: 'Hot spot, 90 %' },
  { bin: -1, colour: '#abd9e9', label: 'Cold spot, 90 %' },
  { bin: -2, colour: '#74add1', label: 'Cold spot, 95 %' },
  { bin: -3, colour: '#2c7bb6', label: 'Cold spot, 99 %' },
];
export function hotspotColour(bin) {
  return HOTSPOT_BINS.find((b) => b.bin === bin)?.colour ?? null;
}

/** Distinct colours for violation types and clusters (readable on dark blue). */
export const CATEGORICAL = [
  '#4fc3f7', '#ffb300', '#ef5350', '#66bb6a', '#ab47bc', '#ff7043',
  '#26c6da', '#d4e157', '#ec407a', '#8d6e63', '#78909c', '#9ccc65',
];
export function categorical(i) {
  const n = CATEGORICAL.length;
  return CATEGORICAL[((i % n) + n) % n];
}

/** CSS linear-gradient of a scale, for legends. */
export function gradient(scale, steps = 8) {
  const stops = Array.from({ length: steps + 1 }, (_, i) => scale(i / steps));
  return `linear-gradient(to right, ${stops.join(', ')})`;
}
