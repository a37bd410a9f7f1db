// Building DOM from data. Names, titles, notes and call signs come from users of the
// system, so elements are built and filled with textContent, never by pasting strings
// into innerHTML; Leaflet tooltips and icons get these nodes too (Leaflet inserts a
// string as HTML).

/** h('td', {className: 'x', dataset: {id: 1}}, 'text', child) -> element. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'on') for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
    else if (key in el) el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/**
 * Tooltip content for Leaflet: each argument one line (a string, shown as text, or a
 * node), empty ones left out. Returns an element, so Leaflet appends it instead of
 * parsing HTML.
 */
export function lines(...parts) {
  const kept = parts.filter((p) => p !== null && p !== undefined && p !== false && p !== '');
  const out = [];
  kept.forEach((p, i) => {
    if (i > 0) out.push(document.createElement('br'));
    out.push(p);
  });
  return h('span', {}, out);
}

/** A coloured swatch (element.style, which a strict Content-Security-Policy allows). */
export function swatch(className, colour, title = null) {
  const el = h('span', { className, title });
  el.style.background = colour;
  return el;
}
