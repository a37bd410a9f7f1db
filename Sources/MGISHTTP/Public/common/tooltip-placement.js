// A task area's tooltip follows the mouse over the area, where the units are: drawn on
// one side of the pointer it covered the very car the dispatcher was looking for. This
// moves it to the first side of the pointer (above, below, right, left) where it covers
// no unit symbol and stays inside the map; else one that covers no car even if the map's
// edge cuts it; else the side where it covers the fewest.

const SIDES = [['top', [0, -14]], ['bottom', [0, 14]], ['right', [14, 0]], ['left', [-14, 0]]];
const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const inside = (a, box) => a.left >= box.left && a.right <= box.right && a.top >= box.top && a.bottom <= box.bottom;
const COVERED = 1000; // per car covered: worse than a tooltip cut by the map's edge

export function keepOffMarkers(tooltip, map) {
  const el = tooltip?.getElement?.();
  if (!el || !tooltip.isOpen()) return;
  const symbols = [...map.getContainer().querySelectorAll('.unit-marker .unit-glyph')].map((g) => g.getBoundingClientRect());
  const box = map.getContainer().getBoundingClientRect();
  let best = null;
  for (const [direction, offset] of SIDES) {
    const hits = place(tooltip, el, direction, offset, symbols, box);
    if (hits === 0) return;
    if (!best || hits < best.hits) best = { direction, offset, hits };
  }
  place(tooltip, el, best.direction, best.offset, symbols, box);
}

/** Puts the tooltip on `direction`; returns how bad that is: COVERED per car covered, 1 if it leaves the map. */
function place(tooltip, el, direction, offset, symbols, box) {
  tooltip.options.direction = direction;
  tooltip.options.offset = offset;
  tooltip.update();
  const r = el.getBoundingClientRect();
  return symbols.filter((s) => overlaps(r, s)).length * COVERED + (inside(r, box) ? 0 : 1);
}
