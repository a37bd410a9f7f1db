// Where patrol cars bunch up their labels overlap and none can be read. Each label goes
// to the right of its car's symbol, or to the left when the right is taken; a label that
// fits on neither side (it would overlap a label already shown or cover another car's
// symbol, or reach out of the map) is hidden. Every car's symbol stays visible and every visible label readable.
// Labels are placed in priority order (alarms first, then reporting cars, stale ones
// last; then by unit id, so the same label wins every time and labels do not flicker
// between neighbours).
//
// Measured with getBoundingClientRect (one layout per pass): the CSS decides label sizes
// per page (wall display, desk console, phone), so we measure rather than predict.

const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const byId = new Intl.Collator(undefined, { numeric: true });

const inside = (box, frame) => box.left >= frame.left && box.right <= frame.right && box.top >= frame.top && box.bottom <= frame.bottom;

/**
 * items: [{id, el (the marker element), priority (lower wins)}]; frame: the map's
 * client rect (a label cut by its edge cannot be read either). Sets .label-left or
 * .label-hidden on the marker elements.
 */
export function declutterLabels(items, frame) {
  // Read everything first, then write: one forced layout instead of one per label.
  const measured = [];
  for (const item of items) {
    const label = item.el?.querySelector('.unit-label');
    const glyph = item.el?.querySelector('.unit-glyph');
    if (!label || !glyph) continue;
    const r = label.getBoundingClientRect();
    const g = glyph.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue; // not laid out (hidden map)
    // The CSS puts a label as far from the symbol on the left as on the right.
    const gap = item.el.classList.contains('label-left') ? g.left - r.right : r.left - g.right;
    const right = { left: g.right + gap, right: g.right + gap + r.width, top: r.top, bottom: r.bottom };
    const left = { left: g.left - gap - r.width, right: g.left - gap, top: r.top, bottom: r.bottom };
    // A label may touch the rim of a symbol: the symbol's middle must stay clear.
    const inset = Math.min(g.width, g.height) * 0.2;
    const symbol = { left: g.left + inset, right: g.right - inset, top: g.top + inset, bottom: g.bottom - inset };
    measured.push({ ...item, candidates: [['right', right], ['left', left]], symbol, side: null });
  }
  measured.sort((a, b) => a.priority - b.priority || byId.compare(a.id, b.id));

  const shown = [];
  for (const m of measured) {
    for (const [side, box] of m.candidates) {
      const blocked = !inside(box, frame) || shown.some((s) => overlaps(s, box))
        || measured.some((o) => o !== m && overlaps(o.symbol, box));
      if (blocked) continue;
      m.side = side;
      shown.push(box);
      break;
    }
  }

  for (const m of measured) {
    m.el.classList.toggle('label-hidden', m.side == null);
    m.el.classList.toggle('label-left', m.side === 'left');
  }
}
