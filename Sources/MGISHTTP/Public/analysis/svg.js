// Tiny helpers for drawing SVG charts by hand.

const NS = 'http://www.w3.org/2000/svg';

/** svgEl('rect', {x: 1, class: 'cell'}, 'tooltip text') */
export function svgEl(name, attrs = {}, title = null) {
  const el = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    el.setAttribute(k, String(v));
  }
  if (title != null) {
    const t = document.createElementNS(NS, 'title');
    t.textContent = title;
    el.append(t);
  }
  return el;
}

export function svgText(x, y, text, attrs = {}) {
  const el = svgEl('text', { x, y, ...attrs });
  el.textContent = text;
  return el;
}

/** 1, 2, 5 × 10^n steps so that about `count` ticks cover 0..max. */
export function niceTicks(max, count = 4) {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const top = Math.ceil(max / step) * step;
  const ticks = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Math.round(v * 1e9) / 1e9);
  return ticks;
}
